#include "model/notice_board.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace signage::model {

namespace {

bool has_language(const Notice& notice, std::string_view lang)
{
    return std::any_of(notice.titles.begin(), notice.titles.end(), [&](const auto& title) { return title.lang == lang; });
}

// The same notice seen again (another source, or a translation feed): what the first copy
// lacks is taken from the second, titles in new languages above all.
void absorb(Notice& kept, const Notice& other)
{
    for (const auto& title : other.titles)
        if (!has_language(kept, title.lang))
            kept.titles.push_back(title);
    if (!kept.published)
        kept.published = other.published;
    if (other.updated && (!kept.updated || *other.updated > *kept.updated))
        kept.updated = other.updated;
    if (kept.link.empty())
        kept.link = other.link;
    if (kept.summary.empty())
        kept.summary = other.summary;
    for (const auto& category : other.categories)
        if (std::find(kept.categories.begin(), kept.categories.end(), category) == kept.categories.end())
            kept.categories.push_back(category);
    // Either feed saying "urgent" is enough: the Korean and English copies of an alert may not both say it.
    kept.urgent_flag = kept.urgent_flag || other.urgent_flag;
    if (other.source_name != kept.source_name
        && std::find(kept.also_from.begin(), kept.also_from.end(), other.source_name) == kept.also_from.end())
        kept.also_from.push_back(other.source_name);
}

}  // namespace

bool NoticeBoard::apply(const std::string& source_name, std::vector<Notice> notices)
{
    const auto found = m_by_source.find(source_name);
    // A source never heard from counts as having had no notices.
    const bool same = found == m_by_source.end() ? notices.empty() : found->second == notices;
    if (same)
        return false;
    m_by_source[source_name] = std::move(notices);
    return remerge();
}

bool NoticeBoard::set_now(TimePoint now)
{
    m_now = now;
    return m_rules.max_age ? remerge() : false;
}

bool NoticeBoard::remerge()
{
    // A changed source can still leave the screen as it was (its notices all shadowed by
    // another source's with the same ids): then nothing needs redrawing.
    std::vector<Notice> previous = std::move(m_merged);
    merge();
    if (m_merged == previous)
        return false;
    ++m_revision;
    return true;
}

void NoticeBoard::merge()
{
    m_merged.clear();
    std::unordered_map<std::string_view, std::size_t> by_id;
    std::unordered_map<std::string_view, std::size_t> by_key;  // the link or pair id, by the rules
    const auto pairing_key = [this](const Notice& notice) -> const std::string& {
        static const std::string none;
        switch (m_rules.pair_by) {
        case config::PairingKey::link:
            return notice.link;
        case config::PairingKey::pair:
            return notice.pair_id;
        case config::PairingKey::id:
            break;
        }
        return none;
    };
    // Sources in name order, so which copy leads does not depend on who answered first.
    for (const auto& [name, notices] : m_by_source) {
        for (const auto& notice : notices) {
            std::optional<std::size_t> same_notice;
            if (const auto at = by_id.find(notice.id); at != by_id.end())
                same_notice = at->second;
            else if (const std::string& key = pairing_key(notice); !key.empty())
                if (const auto at_key = by_key.find(key); at_key != by_key.end())
                    same_notice = at_key->second;
            if (same_notice) {
                absorb(m_merged[*same_notice], notice);
                continue;
            }
            m_merged.push_back(notice);
            by_id.emplace(notice.id, m_merged.size() - 1);
            if (const std::string& key = pairing_key(notice); !key.empty())
                by_key.emplace(key, m_merged.size() - 1);
        }
    }
    // The keys point into the sources' notices, not into m_merged: safe to reorder now.
    if (m_rules.max_age && m_now) {
        const TimePoint oldest = *m_now - *m_rules.max_age;
        std::erase_if(m_merged, [&](const Notice& n) { return n.published && *n.published < oldest; });
    }
    std::stable_sort(m_merged.begin(), m_merged.end(), [](const Notice& a, const Notice& b) {
        if (a.published && b.published)
            return *a.published > *b.published;
        return a.published.has_value() && !b.published.has_value();
    });
    if (m_merged.size() > m_rules.max_notices)
        m_merged.resize(m_rules.max_notices);
}

}  // namespace signage::model
