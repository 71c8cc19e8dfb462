#pragma once
// The screen's text roles, each with its own ordered fallback chain of font files.
#include "text/bundled_fonts.hpp"

#include <string_view>
#include <vector>

namespace signage::text {

struct FontRoles {
    std::vector<FontFile> headline;  // the featured Korean (or only) title
    std::vector<FontFile> subtitle;  // the featured English line
    std::vector<FontFile> crawl;
    std::vector<FontFile> date;
    std::vector<FontFile> label;  // "공지사항 · Notices", counters
    std::vector<FontFile> clock;
    std::vector<FontFile> alert;  // urgent banners

    // Each role in its usual weight: bold for the headline, the label, the clock and alerts,
    // regular for the rest.
    static FontRoles in_weights(const std::vector<FontFile>& regular, const std::vector<FontFile>& bold);
    static FontRoles bundled(const BundledFonts& fonts) { return in_weights(fonts.regular_chain(), fonts.bold_chain()); }

    // The chain of a role by its config name; nullptr for a name that is not a role.
    std::vector<FontFile>* find(std::string_view role);
    const std::vector<FontFile>* find(std::string_view role) const;
};

inline constexpr std::string_view font_role_names[] = {"headline", "subtitle", "crawl", "date", "label", "clock", "alert"};

}  // namespace signage::text
