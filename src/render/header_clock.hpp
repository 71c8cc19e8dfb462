#pragma once
// The header (logo, agency name) and its clock: the clock's text is made only when the minute
// differs from the one shown.
#include "platform/local_time.hpp"
#include "render/header.hpp"
#include "render/scene_settings.hpp"
#include "render/text_source.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <utility>

namespace signage::render {

class HeaderClock {
public:
    using Minute = std::pair<std::chrono::year_month_day, std::chrono::minutes>;
    static Minute minute_of(const platform::LocalTime& now) { return {now.date, now.time_of_day}; }

    HeaderClock(SceneContext context, std::unique_ptr<Header> header) : m_context(context), m_header(std::move(header)) {}

    int height() const { return m_header->height(); }
    bool shows(const platform::LocalTime& now) const { return m_shown == minute_of(now); }
    // The clock's lines for `now`, as [screen] clock says to show them; null: no such line.
    std::pair<SharedTextBlock, SharedTextBlock> lines(TextSource& text, const platform::LocalTime& now) const;
    void show(const platform::LocalTime& now, std::pair<SharedTextBlock, SharedTextBlock> lines);
    // The next show() of any minute makes its text again (it was drawn blank).
    void forget_shown() { m_shown.reset(); }
    void draw() const { m_header->draw(); }

private:
    SceneContext m_context;
    std::unique_ptr<Header> m_header;
    std::optional<Minute> m_shown;
};

}  // namespace signage::render
