#pragma once
// All notices on screen, merged from every source. A failed fetch never reaches here,
// so the board always holds the last good notices.
#include "model/notice.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

class NoticeBoard {
public:
    // Replaces one source's notices. Returns whether what the screen shows changed.
    bool apply(const std::string& source_name, std::vector<Notice> notices);

    // Merged, de-duplicated by id, newest first (undated last, in feed order).
    const std::vector<Notice>& notices() const { return m_merged; }
    // Moves each time apply() changes something: the renderer rebuilds on a new revision.
    std::uint64_t revision() const { return m_revision; }

private:
    void merge();

    std::map<std::string, std::vector<Notice>> m_by_source;
    std::vector<Notice> m_merged;
    std::uint64_t m_revision = 0;
};
