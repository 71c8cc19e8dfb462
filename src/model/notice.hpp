#pragma once
// One notice as the screen knows it, whatever feed format it came from.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signage::model {

using TimePoint = std::chrono::sys_seconds;

struct LocalizedTitle {
    std::string lang;  // BCP 47 tag as found, lower case ("ko", "en", "ko-kr")
    std::string text;  // plain text, whitespace collapsed

    bool operator==(const LocalizedTitle&) const = default;
};

struct Notice {
    std::string id;
    std::vector<LocalizedTitle> titles;  // the item's own title first, then translations
    std::string link;
    std::optional<TimePoint> published;
    std::optional<TimePoint> updated;
    std::vector<std::string> categories;
    std::string summary;  // plain text, whitespace collapsed; may be empty
    std::string pair_id;  // an explicit pairing id given by the feed (docs/feeds.md); may be empty
    std::string source_name;
    // The other sources whose copies of this notice the NoticeBoard merged into it (a Korean
    // and an English feed, an alerts feed): what they say about it counts too.
    std::vector<std::string> also_from;
    bool urgent_flag = false;  // the feed marks it urgent (sp:urgent, docs/feeds.md)

    // The title in a language ("ko" matches "ko-KR"), or nullptr.
    const LocalizedTitle* title_in(std::string_view lang) const;

    bool operator==(const Notice&) const = default;
};

}  // namespace signage::model
