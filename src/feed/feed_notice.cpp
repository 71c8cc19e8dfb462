#include "feed/feed_notice.hpp"

#include "feed/feed_text.hpp"
#include "feed/headline.hpp"
#include "feed/feed_time.hpp"
#include "feed/text_encoding.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace signage::feed {

namespace {

// An id over the limit keeps its start and a hash of the whole, so two long ids that share
// their first 2000 bytes stay two notices.
std::string capped_id(const std::string& id)
{
    if (id.size() <= kMaxIdBytes)
        return id;
    const std::string hash = fnv1a_hex(id);
    std::string capped(utf8_prefix(id, kMaxIdBytes - hash.size() - 1));
    capped += '#';
    capped += hash;
    return capped;
}

// Whether a text draws anything: a title of no-break spaces or format characters alone (kept as
// written since "&nbsp;" is a character) is as good as no title.
bool shows_something(std::string_view text)
{
    for (std::size_t offset = 0; offset < text.size();) {
        utf8proc_int32_t cp = -1;
        const utf8proc_ssize_t read = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + offset),
                                                       static_cast<utf8proc_ssize_t>(text.size() - offset), &cp);
        if (read <= 0)
            return true;  // an invalid byte is drawn as a replacement mark
        switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF:
            break;
        default:
            return true;
        }
        offset += static_cast<std::size_t>(read);
    }
    return false;
}

// "ko" and "ko-kr" name the same language for a title; "ko" and "kok" do not.
bool same_language(std::string_view a, std::string_view b)
{
    if (a.size() > b.size())
        std::swap(a, b);
    return b.starts_with(a) && (b.size() == a.size() || b[a.size()] == '-');
}

// The item's own title, then its translations, each cleaned; empty when it has none.
std::vector<model::LocalizedTitle> titles_of(NoticeDraft& draft)
{
    std::vector<model::LocalizedTitle> titles;
    std::string title = clean_text(draft.title, kMaxTitleBytes);
    if (shows_something(title))
        titles.push_back({draft.lang, std::move(title)});
    for (auto& translation : draft.translations) {
        if (titles.size() == kMaxTitles)
            break;
        model::LocalizedTitle cleaned{language_tag(translation.lang), clean_text(translation.text, kMaxTitleBytes)};
        // A translation in no stated language cannot be picked by language: leave it out. One
        // that repeats a title already there (the item's own, in a feed that lists every
        // language, "ko" beside the feed's "ko-kr") adds nothing.
        if (cleaned.lang.empty() || !shows_something(cleaned.text))
            continue;
        const bool repeated = std::any_of(titles.begin(), titles.end(), [&](const model::LocalizedTitle& title) {
            return title.text == cleaned.text && same_language(title.lang, cleaned.lang);
        });
        if (!repeated)
            titles.push_back(std::move(cleaned));
    }
    return titles;
}

// The fields of a notice that do not depend on its title.
model::Notice notice_without_title(const NoticeDraft& draft, const FeedContext& context)
{
    model::Notice notice;
    notice.source_name = context.source_name;
    const std::string link = clean_text(draft.link, kMaxLinkBytes + 1);
    if (link.size() <= kMaxLinkBytes)
        notice.link = link;

    const std::chrono::minutes zoneless = is_korean(draft.lang) ? kKoreaOffset : std::chrono::minutes{0};
    notice.published = parse_feed_time(clean_text(draft.published, kMaxDateBytes), zoneless);
    notice.updated = parse_feed_time(clean_text(draft.updated, kMaxDateBytes), zoneless);
    if (!notice.published)
        notice.published = notice.updated;

    for (const auto& category : draft.categories) {
        if (notice.categories.size() == kMaxCategories)
            break;
        std::string text = clean_text(category, kMaxCategoryBytes);
        if (!text.empty())
            notice.categories.push_back(std::move(text));
    }
    notice.summary = clean_text(draft.summary, kMaxSummaryBytes);
    notice.id = capped_id(clean_text(draft.id, draft.id.size()));
    notice.pair_id = capped_id(clean_text(draft.pair_id, draft.pair_id.size()));
    if (notice.id.empty())
        notice.id = capped_id(clean_text(draft.link, draft.link.size()));
    notice.urgent_flag = draft.urgent;
    return notice;
}

}  // namespace

void add_item(ParsedFeed& feed, NoticeDraft draft, const FeedContext& context)
{
    model::Notice notice = notice_without_title(draft, context);
    notice.titles = titles_of(draft);
    ReadItem item;
    if (notice.titles.empty() && shows_something(notice.summary)) {
        notice.titles.push_back({draft.lang, headline_from_text(notice.summary, context.headline_chars)});
        item.title_from = std::string(draft.summary_from);
    }
    if (notice.id.empty() && !notice.titles.empty())
        notice.id = fnv1a_hex(notice.titles.front().text + '\n' + clean_text(draft.published, kMaxDateBytes));
    item.id = notice.id;
    item.link = notice.link;
    item.published = notice.published;
    item.updated = notice.updated;
    item.shown = !notice.titles.empty();
    if (!item.shown)
        item.why = "no title and no " + std::string(draft.text_fields);
    feed.items.push_back(std::move(item));
    if (!notice.titles.empty())
        feed.notices.push_back(std::move(notice));
}

std::string feed_title(const std::string& raw)
{
    return clean_text(raw, kMaxTitleBytes);
}

}  // namespace signage::feed
