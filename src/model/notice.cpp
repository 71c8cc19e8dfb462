#include "model/notice.hpp"

namespace signage::model {

const LocalizedTitle* Notice::title_in(std::string_view lang) const
{
    for (const auto& title : titles) {
        std::string_view tag = title.lang;
        if (tag == lang || (tag.size() > lang.size() && tag.starts_with(lang) && tag[lang.size()] == '-'))
            return &title;
    }
    return nullptr;
}

}  // namespace signage::model
