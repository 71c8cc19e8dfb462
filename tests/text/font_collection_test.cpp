#include "support/collection_dir.hpp"
#include "test_support.hpp"
#include "text/font.hpp"
#include "text/font_collection.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace signage::text {

namespace {

std::string font(const char* name) { return (source_dir() / "fonts" / name).string(); }

struct FaceFixture {
    FreeTypeLibrary library = FreeTypeLibrary::create().value();
    CollectionDir dir;

    unsigned face(const std::filesystem::path& file, std::string_view language) const
    {
        const auto found = face_for_language(library, file, language);
        INFO(language);
        REQUIRE_MESSAGE(found, problem(found));
        return found.value();
    }
    std::string error(const std::filesystem::path& file, std::string_view language) const
    {
        const auto found = face_for_language(library, file, language);
        INFO(language);
        REQUIRE_MESSAGE(!found, (found ? "face " + std::to_string(found.value()) + " instead of an error" : ""));
        const std::string& message = found.error().message;
        CHECK(message.find('\n') == std::string::npos);
        CHECK(message.find("font " + file.string() + ": ") == 0);
        CHECK(message.find("set face = N") != std::string::npos);
        return message;
    }
    std::string family_of(const std::filesystem::path& file, unsigned index) const
    {
        FT_Face face = nullptr;
        REQUIRE(FT_New_Face(library.get(), file.string().c_str(), static_cast<FT_Long>(index), &face) == 0);
        const FreeTypeFacePtr owned(face);
        return face->family_name ? face->family_name : "";
    }
};

// Unscaled, so a face in the collection and its single file compare exactly.
struct GlyphShape {
    FT_Pos advance = 0;
    short points = 0;
};
GlyphShape glyph_shape(const FreeTypeLibrary& library, const std::filesystem::path& file, unsigned index, char32_t code_point)
{
    FT_Face face = nullptr;
    REQUIRE(FT_New_Face(library.get(), file.string().c_str(), static_cast<FT_Long>(index), &face) == 0);
    const FreeTypeFacePtr owned(face);
    REQUIRE(FT_Get_Char_Index(face, code_point) != 0);
    REQUIRE(FT_Load_Char(face, code_point, FT_LOAD_NO_SCALE) == 0);
    return {face->glyph->advance.x, face->glyph->outline.n_points};
}

}  // namespace

TEST_CASE_FIXTURE(FaceFixture, "font collection: make_ttc.py writes a collection whose every face FreeType and HarfBuzz open")
{
    const auto collection = dir.make({font("NotoSans-Regular.ttf"), font("NanumGothic.ttf")});

    const auto count = font_face_count(library, collection);
    REQUIRE_MESSAGE(count, problem(count));
    CHECK(count.value() == 2);
    CHECK(family_of(collection, 0) == "Noto Sans");
    CHECK(family_of(collection, 1) == "NanumGothic");

    // Outlines and metrics come out as from the single files: every table offset points right.
    for (const auto& [index, file, code_point] : {std::tuple{0u, "NotoSans-Regular.ttf", U'A'},
             std::tuple{1u, "NanumGothic.ttf", U'가'}, std::tuple{1u, "NanumGothic.ttf", U'韓'}}) {
        CAPTURE(index);
        const auto in_collection = glyph_shape(library, collection, index, code_point);
        const auto alone = glyph_shape(library, font(file), 0, code_point);
        CHECK(in_collection.points > 0);
        CHECK(in_collection.points == alone.points);
        CHECK(in_collection.advance == alone.advance);
    }

    const HbBlobPtr blob(hb_blob_create_from_file_or_fail(collection.string().c_str()));
    REQUIRE(blob);
    CHECK(hb_face_count(blob.get()) == 2);

    // The player's own Font draws Hangul from face 1, and only from face 1.
    const auto korean = Font::open(library, FontFile{collection, 1}, 48);
    REQUIRE_MESSAGE(korean, problem(korean));
    CHECK(korean.value()->covers(U'한'));
    const auto latin = Font::open(library, FontFile{collection, 0}, 48);
    REQUIRE_MESSAGE(latin, problem(latin));
    CHECK(latin.value()->covers(U'A'));
    CHECK_FALSE(latin.value()->covers(U'한'));
}

TEST_CASE("font collection: font_face_count is 1 for a plain font file and an error naming a file FreeType cannot open")
{
    const auto library = FreeTypeLibrary::create().value();
    const auto plain = font_face_count(library, font("NanumGothic.ttf"));
    REQUIRE_MESSAGE(plain, problem(plain));
    CHECK(plain.value() == 1);

    const auto missing_path = source_dir() / "fonts" / "NoSuchFont.ttc";
    const auto missing = font_face_count(library, missing_path);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find(missing_path.string()) != std::string::npos);

    const auto not_a_font = font_face_count(library, source_dir() / "fonts" / "README.md");
    REQUIRE_FALSE(not_a_font);
    CHECK(not_a_font.error().message.find("README.md") != std::string::npos);

    const auto error = face_for_language(library, missing_path, "ko");
    REQUIRE_FALSE(error);
    CHECK(error.error().message.find(missing_path.string()) != std::string::npos);
}

TEST_CASE_FIXTURE(FaceFixture, "font collection: a plain font file is face 0 for any language")
{
    CHECK(face(font("NanumGothic.ttf"), "ko") == 0);
    CHECK(face(font("NotoSans-Regular.ttf"), "ko") == 0);
    CHECK(face(font("NotoSans-Regular.ttf"), "en") == 0);
}

TEST_CASE_FIXTURE(FaceFixture, "font collection: the Korean face of Noto Sans + Nanum Gothic is Nanum Gothic's, in either order")
{
    // Nanum Gothic says Korean only by its family name recorded in Korean ("나눔고딕") and by
    // its code pages; Noto Sans has no Hangul at all.
    const auto latin_first = dir.make({font("NotoSans-Regular.ttf"), font("NanumGothic.ttf")});
    const auto korean_first = dir.make({font("NanumGothic.ttf"), font("NotoSans-Regular.ttf")});
    for (const char* korean : {"ko", "ko-KR", "ko_KR", "KO", "ko-Kore-KR", "und-Hang"}) {
        CHECK(face(latin_first, korean) == 1);
        CHECK(face(korean_first, korean) == 0);
    }
}

TEST_CASE_FIXTURE(FaceFixture, "font collection: without a Korean face, an error lists the faces and asks for face = N")
{
    const auto collection = dir.make({font("NotoSans-Regular.ttf"), font("NotoSans-Bold.ttf")});
    const std::string message = error(collection, "ko");
    CHECK(message.find("Korean (\"ko\")") != std::string::npos);
    CHECK(message.find("0 \"Noto Sans Regular\" (no Hangul), 1 \"Noto Sans Bold\" (no Hangul)") != std::string::npos);
}

TEST_CASE_FIXTURE(FaceFixture, "font collection: two faces equally Korean are an error, not a guess")
{
    // Regular and Bold: which one a text role wants is the user's to say.
    const auto collection = dir.make({font("NanumGothic.ttf"), font("NanumGothicBold.ttf")});
    const std::string message = error(collection, "ko");
    CHECK(message.find("faces 0, 1 ") != std::string::npos);
    CHECK(message.find("0 \"NanumGothic Regular\" (Korean), 1 \"NanumGothic Bold\" (Korean)") != std::string::npos);
}

TEST_CASE_FIXTURE(FaceFixture, "font collection: the design languages of the 'meta' table outrank the names")
{
    // Both faces are Nanum Gothic, with Korean names and Hangul, Hanja and kana; only 'meta' differs.
    const auto collection = dir.make({"--dlng", "0=Jpan", "--dlng", "1=Latn, Kore", font("NanumGothic.ttf"),
        font("NanumGothicBold.ttf")});
    CHECK(face(collection, "ko") == 1);
    CHECK(face(collection, "ja") == 0);
    CHECK(error(collection, "zh-Hans").find("0 \"NanumGothic Regular\" (Japanese), 1 \"NanumGothic Bold\" (Korean)")
        != std::string::npos);

    const auto language_tags = dir.make({"--dlng", "0=ja-JP", "--dlng", "1=ko,zh-Hant", font("NanumGothic.ttf"),
        font("NanumGothicBold.ttf")});
    CHECK(face(language_tags, "ko") == 1);
    CHECK(face(language_tags, "ja") == 0);
    CHECK(face(language_tags, "zh-TW") == 1);

    // A face designed for another language is out, whatever its names say.
    const auto not_korean = dir.make({"--dlng", "1=Hans", font("NotoSans-Regular.ttf"), font("NanumGothic.ttf")});
    const std::string message = error(not_korean, "ko");
    CHECK(message.find("1 \"NanumGothic Regular\" (Simplified Chinese)") != std::string::npos);
    CHECK(face(not_korean, "zh-Hans") == 1);
    const auto latin_design = dir.make({"--dlng", "1=Latn", font("NotoSans-Regular.ttf"), font("NanumGothic.ttf")});
    CHECK(error(latin_design, "ko").find("1 \"NanumGothic Regular\" (designed for Latn)") != std::string::npos);
}

TEST_CASE_FIXTURE(FaceFixture, "font collection: a region word ending the family name outranks the language of a name")
{
    // Both keep their Korean-language name records, so only the words "JP" and "K" differ.
    const auto collection = dir.make({"--family", "0=Test Gothic JP", "--family", "1=Test Gothic K",
        font("NanumGothic.ttf"), font("NanumGothicBold.ttf")});
    CHECK(face(collection, "ko") == 1);
    CHECK(face(collection, "ja") == 0);
    CHECK(error(collection, "zh-CN").find("0 \"Test Gothic JP Regular\" (Japanese), 1 \"Test Gothic K Bold\" (Korean)")
        != std::string::npos);

    const auto chinese = dir.make({"--family", "0=Test Gothic SC", "--family", "1=Test Gothic TC", "--family",
        "2=Test Gothic HK", "--family", "3=Test Gothic KR", font("NanumGothic.ttf"), font("NanumGothicBold.ttf"),
        font("NanumGothic.ttf"), font("NanumGothicBold.ttf")});
    CHECK(face(chinese, "zh-Hans") == 0);
    CHECK(face(chinese, "zh") == 0);
    CHECK(face(chinese, "zh-CN") == 0);
    CHECK(face(chinese, "zh-Hant") == 1);
    CHECK(face(chinese, "zh-TW") == 1);
    CHECK(face(chinese, "zh-HK") == 2);
    CHECK(face(chinese, "zh-Hant-HK") == 2);
    CHECK(face(chinese, "yue") == 2);
    CHECK(face(chinese, "ko") == 3);

    // Without a Hong Kong face, Hong Kong text takes the Traditional Chinese one.
    const auto taiwan_only = dir.make({"--family", "1=Test Gothic TC", font("NotoSans-Regular.ttf"), font("NanumGothic.ttf")});
    CHECK(face(taiwan_only, "zh-HK") == 1);
    CHECK(error(taiwan_only, "zh-Hans").find("1 \"Test Gothic TC Regular\" (Traditional Chinese)") != std::string::npos);
}

TEST_CASE_FIXTURE(FaceFixture, "font collection: a language outside CJK is an error")
{
    const auto collection = dir.make({font("NotoSans-Regular.ttf"), font("NanumGothic.ttf")});
    const std::string message = error(collection, "en");
    CHECK(message.find("\"en\"") != std::string::npos);
    CHECK(message.find("0 \"Noto Sans Regular\", 1 \"NanumGothic Regular\"") != std::string::npos);
}

TEST_CASE_FIXTURE(FaceFixture, "font collection: Debian's Noto Sans CJK collection: each language takes its own face, Korean the KR one")
{
    const std::filesystem::path collection = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    if (!std::filesystem::exists(collection)) {
        skip_test(collection.string() + " is not installed (Debian package fonts-noto-cjk)");
        return;
    }
    CHECK(family_of(collection, 0) == "Noto Sans CJK JP");  // why face 0 must never be assumed
    CHECK(family_of(collection, face(collection, "ko")) == "Noto Sans CJK KR");
    CHECK(family_of(collection, face(collection, "ja")) == "Noto Sans CJK JP");
    CHECK(family_of(collection, face(collection, "zh-Hans")) == "Noto Sans CJK SC");
    CHECK(family_of(collection, face(collection, "zh-Hant")) == "Noto Sans CJK TC");
    CHECK(family_of(collection, face(collection, "zh-HK")) == "Noto Sans CJK HK");
}

}  // namespace signage::text
