#include "render/header_clock.hpp"

#include <string>

std::pair<SharedTextBlock, SharedTextBlock> HeaderClock::lines(TextSource& text, const LocalTime& now) const
{
    const ClockStyle style = m_context.settings->screen.clock;
    const bool korean = style == ClockStyle::korean || style == ClockStyle::both;
    const bool english = style == ClockStyle::english || style == ClockStyle::both;
    const std::string first = korean ? format_korean_clock(now) : english ? format_english_clock(now) : std::string();
    const std::string second = korean && english ? format_english_clock(now) : std::string();
    const Theme& theme = m_context.settings->theme;
    const TextEffects& effects = m_context.settings->text_effects;
    return {first.empty() ? nullptr : text.get("clock", first, line_of(&SceneFonts::clock, first, theme.text, effects)),
            second.empty() ? nullptr
                           : text.get("clock-second", second, line_of(&SceneFonts::header_second, second, theme.secondary_text, effects))};
}

void HeaderClock::show(const LocalTime& now, std::pair<SharedTextBlock, SharedTextBlock> lines)
{
    m_shown = minute_of(now);
    m_header->set_clock(std::move(lines.first), std::move(lines.second));
}
