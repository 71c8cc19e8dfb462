#pragma once
// All notices on screen, merged from every source. A failed fetch never reaches here,
// so the board always holds the last good notices.
#include "config/board_rules.hpp"
#include "model/notice.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace signage::model {

class NoticeBoard {
public:
    explicit NoticeBoard(config::BoardRules rules = {}) : m_rules(rules) {}

    // Replaces one source's notices. Returns whether what the screen shows changed.
    bool apply(const std::string& source_name, std::vector<Notice> notices);
    // Moves the board's clock (for max_age). Returns whether notices aged out.
    bool set_now(TimePoint now);

    // Merged and paired, newest first (undated last, in feed order), within the rules' limits.
    const std::vector<Notice>& notices() const { return m_merged; }
    // Moves each time what notices() holds changes: the renderer rebuilds on a new revision.
    std::uint64_t revision() const { return m_revision; }

private:
    bool remerge();
    void merge();

    config::BoardRules m_rules;
    std::optional<TimePoint> m_now;
    std::map<std::string, std::vector<Notice>> m_by_source;
    std::vector<Notice> m_merged;
    std::uint64_t m_revision = 0;
};

}  // namespace signage::model
