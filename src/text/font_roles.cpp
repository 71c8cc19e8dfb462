#include "text/font_roles.hpp"

FontRoles FontRoles::bundled(const BundledFonts& fonts)
{
    return FontRoles{fonts.bold_chain(), fonts.regular_chain(), fonts.regular_chain(), fonts.regular_chain(),
                     fonts.bold_chain()};
}

std::vector<FontFile>* FontRoles::find(std::string_view role)
{
    if (role == "headline")
        return &headline;
    if (role == "subtitle")
        return &subtitle;
    if (role == "crawl")
        return &crawl;
    if (role == "date")
        return &date;
    if (role == "label")
        return &label;
    return nullptr;
}

const std::vector<FontFile>* FontRoles::find(std::string_view role) const
{
    return const_cast<FontRoles*>(this)->find(role);
}
