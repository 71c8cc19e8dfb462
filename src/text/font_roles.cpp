#include "text/font_roles.hpp"

namespace signage::text {

FontRoles FontRoles::in_weights(const std::vector<FontFile>& regular, const std::vector<FontFile>& bold)
{
    return FontRoles{bold, regular, regular, regular, bold, bold, bold};
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
    if (role == "clock")
        return &clock;
    if (role == "alert")
        return &alert;
    return nullptr;
}

const std::vector<FontFile>* FontRoles::find(std::string_view role) const
{
    return const_cast<FontRoles*>(this)->find(role);
}

}  // namespace signage::text
