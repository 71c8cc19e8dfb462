#include "render/text_preparation.hpp"
#include "scene_parts.hpp"
#include "util/work_counters.hpp"

#include <doctest/doctest.h>

namespace signage::render {

namespace {

TextRecipe headline(const PartsOnSurface& parts, const std::string& text)
{
    return line_of(&SceneFonts::title, text, parts.settings.theme.text, parts.settings.text_effects);
}

// Uploads until nothing waits: the worker's speed decides how many rounds, never the outcome.
void upload_all(TextPreparation& text)
{
    while (text.preparing())
        text.upload_finished(std::chrono::milliseconds(3));
}

}  // namespace

TEST_CASE("made at once, text is uploaded and cached: asked again it is the same block, found without a miss")
{
    PartsOnSurface parts;
    MakeText text(parts.text);
    const auto first = text.get("title", "공지 Notice", headline(parts, "공지 Notice"));
    REQUIRE(first);
    CHECK_FALSE(first->lines.front().empty());
    CHECK(text.misses() == 1);
    CHECK(text.get("title", "공지 Notice", headline(parts, "공지 Notice")) == first);
    CHECK(text.misses() == 1);
}

TEST_CASE("planned text is made on the worker: the change waits for it and a replay finds it without making anything")
{
    PartsOnSurface parts;
    PreparedChange& change = parts.text.queue(PreparedChange{PreparedKind::notices, {}, {}, {}, {}});
    PlanText plan(parts.text, change);
    CHECK(plan.get("title", "공지 Notice", headline(parts, "공지 Notice")) == nullptr);
    CHECK(parts.text.preparing());
    upload_all(parts.text);
    auto ready = parts.text.take_ready();
    REQUIRE(ready);

    const WorkCounts before = WorkCounters::now();
    ReplayText replay(parts.text, *ready);
    const auto block = replay.get("title", "공지 Notice", headline(parts, "공지 Notice"));
    REQUIRE(block);
    CHECK_FALSE(block->lines.front().empty());
    CHECK(WorkCounters::now().textures_uploaded == before.textures_uploaded);
}

TEST_CASE("a newer change of a kind replaces the one still waiting, and another kind waits beside it")
{
    PartsOnSurface parts;
    parts.text.queue(PreparedChange{PreparedKind::notices, {}, {}, {"a"}, {}});
    parts.text.queue(PreparedChange{PreparedKind::urgent, {}, {}, {"b"}, {}});
    parts.text.queue(PreparedChange{PreparedKind::notices, {}, {}, {"c"}, {}});
    REQUIRE(parts.text.pending().size() == 2);
    CHECK(parts.text.pending().front().kind == PreparedKind::urgent);
    CHECK(parts.text.pending().back().waiting.count("c") == 1);
    parts.text.drop(PreparedKind::urgent);
    CHECK_FALSE(parts.text.waiting_for(PreparedKind::urgent));
    CHECK(parts.text.waiting_for(PreparedKind::notices));
}

TEST_CASE("a recipe that throws on the worker drops the change that waited for it: the screen keeps what it shows")
{
    PartsOnSurface parts;
    PreparedChange& change = parts.text.queue(PreparedChange{PreparedKind::notices, {}, {}, {}, {}});
    PlanText plan(parts.text, change);
    CHECK(plan.get("title", "broken", [](const SceneFonts&) -> ComposedBlock { throw std::runtime_error("broken font"); }) == nullptr);
    upload_all(parts.text);
    CHECK_FALSE(parts.text.take_ready());
    CHECK(parts.text.pending().empty());
}

}  // namespace signage::render
