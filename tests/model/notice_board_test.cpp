#include "model/notice_board.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace signage::model {

namespace {

using namespace std::chrono;

Notice notice(std::string id, std::optional<int> day_of_june = std::nullopt)
{
    Notice n;
    n.titles = {{"ko", "공지 " + id}};
    n.id = std::move(id);
    if (day_of_june)
        n.published = TimePoint{sys_days{2018y / June / *day_of_june}};
    return n;
}

std::vector<std::string> ids_of(const NoticeBoard& board)
{
    std::vector<std::string> ids;
    for (const auto& n : board.notices())
        ids.push_back(n.id);
    return ids;
}

}  // namespace

TEST_CASE("NoticeBoard merges sources newest first with undated notices last in feed order")
{
    NoticeBoard board;
    CHECK(board.revision() == 0);
    CHECK(board.notices().empty());

    CHECK(board.apply("ministry", {notice("m-undated-1"), notice("m-3", 3), notice("m-1", 1), notice("m-undated-2")}));
    CHECK(board.apply("city", {notice("c-4", 4), notice("c-undated"), notice("c-2", 2)}));
    CHECK(board.revision() == 2);
    // Undated ones keep their order: sources by name ("city" before "ministry"), then feed order.
    CHECK(ids_of(board)
          == std::vector<std::string>{"c-4", "m-3", "c-2", "m-1", "c-undated", "m-undated-1", "m-undated-2"});
}

TEST_CASE("NoticeBoard keeps equal dates in source and feed order")
{
    NoticeBoard board;
    CHECK(board.apply("b", {notice("b-1", 5), notice("b-2", 5)}));
    CHECK(board.apply("a", {notice("a-1", 5)}));
    CHECK(ids_of(board) == std::vector<std::string>{"a-1", "b-1", "b-2"});
}

TEST_CASE("NoticeBoard keeps its revision when a source sends the same notices again")
{
    NoticeBoard board;
    const std::vector<Notice> notices{notice("n-1", 1), notice("n-2", 2)};
    REQUIRE(board.apply("feed", notices));
    const auto revision = board.revision();

    CHECK_FALSE(board.apply("feed", notices));
    CHECK(board.revision() == revision);

    // A new source with nothing to show changes nothing either.
    CHECK_FALSE(board.apply("silent", {}));
    CHECK(board.revision() == revision);

    auto retitled = notices;
    retitled[0].titles.push_back({"en", "Notice n-1"});
    CHECK(board.apply("feed", retitled));
    CHECK(board.revision() == revision + 1);
    CHECK(board.notices().back().titles.size() == 2);
}

TEST_CASE("NoticeBoard de-duplicates notices by id, the first source by name winning")
{
    NoticeBoard board;
    auto from_b = notice("shared", 1);
    from_b.source_name = "b";
    auto from_a = notice("shared", 1);
    from_a.source_name = "a";

    CHECK(board.apply("b", {from_b, notice("b-only", 2)}));
    CHECK(board.apply("a", {from_a}));
    REQUIRE(ids_of(board) == std::vector<std::string>{"b-only", "shared"});
    CHECK(board.notices()[1].source_name == "a");

    // Within one source too: the first in feed order stays.
    NoticeBoard single;
    auto first = notice("dup", 1);
    auto second = notice("dup", 9);
    CHECK(single.apply("s", {first, second}));
    REQUIRE(single.notices().size() == 1);
    CHECK(single.notices()[0] == first);
}

TEST_CASE("NoticeBoard revision stays when a source change is hidden behind duplicates")
{
    NoticeBoard board;
    CHECK(board.apply("a", {notice("x", 1)}));
    const auto revision = board.revision();
    // "b" only repeats what "a" already shows: the screen does not change.
    CHECK_FALSE(board.apply("b", {notice("x", 1)}));
    CHECK(board.revision() == revision);
}

TEST_CASE("NoticeBoard replaces a source's notices and drops them when it sends none")
{
    NoticeBoard board;
    CHECK(board.apply("a", {notice("a-1", 1), notice("a-2", 2)}));
    CHECK(board.apply("b", {notice("b-1", 3)}));
    CHECK(board.apply("a", {notice("a-3", 4)}));
    CHECK(ids_of(board) == std::vector<std::string>{"a-3", "b-1"});
    CHECK(board.apply("a", {}));
    CHECK(ids_of(board) == std::vector<std::string>{"b-1"});
    CHECK(board.revision() == 4);
}

TEST_CASE("NoticeBoard pairs a Korean and an English feed's copies of one notice into one bilingual notice")
{
    auto korean = notice("press-2018-0604", 4);
    korean.link = "https://www.mois.go.kr/notice/1";
    korean.categories = {"전자정부"};
    Notice english;
    english.id = "press-2018-0604";
    english.titles = {{"en", "Korea fosters e-government cooperation"}};
    english.link = "https://www.mois.go.kr/eng/notice/1";
    english.categories = {"e-Government"};
    english.summary = "The delegation visited Peru and Paraguay.";

    NoticeBoard board;
    CHECK(board.apply("mois-ko", {korean, notice("ko-only", 3)}));
    CHECK(board.apply("mois-en", {english}));
    REQUIRE(board.notices().size() == 2);
    const Notice& paired = board.notices()[0];
    REQUIRE(paired.title_in("ko"));
    REQUIRE(paired.title_in("en"));
    CHECK(paired.title_in("en")->text == "Korea fosters e-government cooperation");
    // The first source by name ("mois-en") leads; the other fills in what it lacks.
    CHECK(paired.link == english.link);
    CHECK(paired.published == korean.published);
    CHECK(paired.summary == english.summary);
    CHECK(paired.categories == std::vector<std::string>{"e-Government", "전자정부"});
}

TEST_CASE("NoticeBoard pairs by link when told to, and not otherwise")
{
    auto korean = notice("ko-guid", 4);
    korean.link = "https://example.org/notice?id=7";
    Notice english;
    english.id = "en-guid";
    english.titles = {{"en", "Notice 7"}};
    english.link = korean.link;

    NoticeBoard by_id;
    by_id.apply("a", {korean});
    by_id.apply("b", {english});
    CHECK(by_id.notices().size() == 2);

    NoticeBoard by_link(config::BoardRules{config::PairingKey::link, 30, std::nullopt});
    by_link.apply("a", {korean});
    by_link.apply("b", {english});
    REQUIRE(by_link.notices().size() == 1);
    CHECK(by_link.notices()[0].title_in("en"));
    CHECK(by_link.notices()[0].title_in("ko"));
}

TEST_CASE("NoticeBoard keeps the newest notices within its count limit")
{
    NoticeBoard board(config::BoardRules{config::PairingKey::id, 3, std::nullopt});
    board.apply("a", {notice("d1", 1), notice("d5", 5), notice("d3", 3), notice("d4", 4), notice("undated")});
    CHECK(ids_of(board) == std::vector<std::string>{"d5", "d4", "d3"});
}

TEST_CASE("NoticeBoard lets old notices age out as its clock moves, keeping undated ones")
{
    NoticeBoard board(config::BoardRules{config::PairingKey::id, 30, std::chrono::seconds{days{7}}});
    CHECK_FALSE(board.set_now(TimePoint{sys_days{2018y / June / 5}}));
    board.apply("a", {notice("d1", 1), notice("d4", 4), notice("undated")});
    CHECK(ids_of(board) == std::vector<std::string>{"d4", "d1", "undated"});
    const auto revision = board.revision();
    CHECK(board.set_now(TimePoint{sys_days{2018y / June / 9}}));  // d1 is now 8 days old
    CHECK(ids_of(board) == std::vector<std::string>{"d4", "undated"});
    CHECK(board.revision() == revision + 1);
    CHECK_FALSE(board.set_now(TimePoint{sys_days{2018y / June / 10}}));  // d4 still within 7 days
}

TEST_CASE("NoticeBoard pairs by an explicit pairing id when told to")
{
    auto korean = notice("https://example.go.kr/ko/7", 4);
    korean.pair_id = "2018-0604-egov";
    Notice english;
    english.id = "https://example.go.kr/en/99";
    english.titles = {{"en", "E-government cooperation"}};
    english.pair_id = "2018-0604-egov";
    Notice unpaired;
    unpaired.id = "other";
    unpaired.titles = {{"en", "Something else"}};

    NoticeBoard by_id;
    by_id.apply("ko", {korean});
    by_id.apply("en", {english, unpaired});
    CHECK(by_id.notices().size() == 3);

    NoticeBoard by_pair(config::BoardRules{config::PairingKey::pair, 30, std::nullopt});
    by_pair.apply("ko", {korean});
    by_pair.apply("en", {english, unpaired});
    REQUIRE(by_pair.notices().size() == 2);
    CHECK(by_pair.notices()[0].title_in("ko"));
    CHECK(by_pair.notices()[0].title_in("en"));
}

TEST_CASE("NoticeBoard keeps a pair urgent when either feed's copy says it is")
{
    auto korean = notice("alert-1", 4);
    Notice english;
    english.id = "alert-1";
    english.titles = {{"en", "Fire alarm test"}};
    english.urgent_flag = true;
    NoticeBoard board;
    board.apply("ko", {korean});
    board.apply("en", {english});
    REQUIRE(board.notices().size() == 1);
    CHECK(board.notices()[0].urgent_flag);
}

TEST_CASE("NoticeBoard records the other sources that carried a merged notice, each once")
{
    // Each copy names its feed, as the parser sets it.
    const auto copy = [](std::string source, std::string lang, std::string title) {
        auto n = notice("drill-1", 4);
        n.titles = {{std::move(lang), std::move(title)}};
        n.source_name = std::move(source);
        return n;
    };
    NoticeBoard board;
    board.apply("ko", {copy("ko", "ko", "민방위 훈련"), copy("ko", "ko", "민방위 훈련")});  // repeated in one feed: still one source
    board.apply("en", {copy("en", "en", "Civil defence drill")});
    board.apply("alerts", {copy("alerts", "en", "Drill")});
    auto other = notice("other-1", 5);
    other.source_name = "other";
    board.apply("other", {other});
    REQUIRE(board.notices().size() == 2);
    const Notice& merged = board.notices()[1];
    CHECK(merged.id == "drill-1");
    // Sources merge in name order: "alerts" leads, the others were folded into its copy.
    CHECK(merged.source_name == "alerts");
    CHECK(merged.also_from == std::vector<std::string>{"en", "ko"});
    CHECK(board.notices()[0].also_from.empty());
}

}  // namespace signage::model
