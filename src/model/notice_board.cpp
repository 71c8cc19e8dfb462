#include "model/notice_board.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_set>
#include <utility>

bool NoticeBoard::apply(const std::string& source_name, std::vector<Notice> notices)
{
    const auto found = m_by_source.find(source_name);
    // A source never heard from counts as having had no notices.
    const bool same = found == m_by_source.end() ? notices.empty() : found->second == notices;
    if (same)
        return false;
    m_by_source[source_name] = std::move(notices);

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
    std::unordered_set<std::string_view> seen;
    // Sources in name order, so which duplicate wins does not depend on who answered first.
    for (const auto& [name, notices] : m_by_source) {
        for (const auto& notice : notices) {
            if (seen.insert(notice.id).second)
                m_merged.push_back(notice);
        }
    }
    std::stable_sort(m_merged.begin(), m_merged.end(), [](const Notice& a, const Notice& b) {
        if (a.published && b.published)
            return *a.published > *b.published;
        return a.published.has_value() && !b.published.has_value();
    });
}
