#include "render/header_clock.hpp"

#include <string>

namespace signage::render {

std::pair<SharedTextBlock, SharedTextBlock> HeaderClock::lines(TextSource& text, const platform::LocalTime& now) const
{
    const config::ClockStyle style = m_context.settings->screen.clock;
    const bool korean = style == config::ClockStyle::korean || style == config::ClockStyle::both;
    const bool english = style == config::ClockStyle::english || style == config::ClockStyle::both;
    const std::string first = korean ? platform::format_korean_clock(now) : english ? platform::format_english_clock(now) : std::string();
    const std::string second = korean && english ? platform::format_english_clock(now) : std::string();
    const Theme& theme = m_context.settings->theme;
    const TextEffects& effects = m_context.settings->text_effects;
    return {first.empty() ? nullptr : text.get("clock", first, line_of(&SceneFonts::clock, first, theme.text, effects)),
            second.empty() ? nullptr
                           : text.get("clock-second", second, line_of(&SceneFonts::header_second, second, theme.secondary_text, effects))};
}

void HeaderClock::show(const platform::LocalTime& now, std::pair<SharedTextBlock, SharedTextBlock> lines)
{
    m_shown = minute_of(now);
    m_header->set_clock(std::move(lines.first), std::move(lines.second));
}

}  // namespace signage::render
