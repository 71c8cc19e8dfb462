#include "app/shape_command.hpp"

#include "platform/log.hpp"
#include "text/shaper.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace signage::app {

namespace {

std::string script_tag(hb_script_t script)
{
    char tag[5] = {};
    hb_tag_to_string(hb_script_to_iso15924_tag(script), tag);
    return tag;
}

}  // namespace

int run_shape_command(const std::string& text, int font_px, const std::string& role, const text::FontRoles& fonts)
{
    using Json = nlohmann::ordered_json;
    const std::vector<text::FontFile>* files = fonts.find(role);
    if (!files) {
        platform::log({platform::LogLevel::error, "cli", "--role: \"" + role + "\" is not a text role; use headline, subtitle, crawl, date, label, clock or alert"});
        return 2;
    }
    auto library = text::FreeTypeLibrary::create();
    if (!library) {
        platform::log({platform::LogLevel::error, "shape", library.error().message});
        return 1;
    }
    auto chain = text::FontChain::open(library.value(), *files, font_px);
    if (!chain) {
        platform::log({platform::LogLevel::error, "shape", chain.error().message});
        return 1;
    }

    const text::ShapedLine line = text::shape_line(text, chain.value());
    Json runs = Json::array();
    for (const auto& run : line.runs) {
        const text::Font& font = chain->font(run.font_index);
        Json glyphs = Json::array();
        for (const auto& glyph : line.glyphs) {
            if (glyph.cluster < run.begin || glyph.cluster >= run.end)
                continue;
            glyphs.push_back({{"g", glyph.glyph_id}, {"cl", glyph.cluster}, {"ax", glyph.x_advance}, {"ay", glyph.y_advance},
                              {"dx", glyph.x_offset}, {"dy", glyph.y_offset}});
        }
        runs.push_back({
            {"start", run.begin},
            {"end", run.end},
            {"text", text.substr(run.begin, run.end - run.begin)},
            {"font", font.file().path.string()},
            {"face_index", font.file().face_index},
            {"script", script_tag(run.script)},
            {"language", hb_language_to_string(run.language)},
            {"direction", hb_direction_to_string(run.direction)},
            {"missing", run.missing},  // no font has these characters: replacement marks
            {"glyphs", std::move(glyphs)},
        });
    }
    const Json out = {
        {"text", text},
        {"role", role},
        {"font_size_px", font_px},
        {"units", "1/64 px: hb-shape --font-size=" + std::to_string(font_px * 64) + " prints the same numbers"},
        {"advance", line.advance},
        {"runs", std::move(runs)},
    };
    std::puts(out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return 0;
}

}  // namespace signage::app
