#pragma once
// All notices on screen, merged from every source. A failed fetch never reaches here,
// so the board always holds the last good notices.
#include "model/notice.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

// Which notices of different sources are the same notice, so that a Korean feed and an English
// feed of one agency show each notice once, with both titles.
// The same id always means the same notice; publishers who control both feeds pair them by
// giving an item the same guid (or Atom id) in each.
enum class PairingKey {
    id,    // the same guid / Atom id / JSON Feed id
    link,  // the same link, or the same id
    pair,  // the same explicit pairing id (sp:pair, _signage_player.pair), or the same id
};

struct BoardRules {
    PairingKey pair_by = PairingKey::id;
    // Newest first, at most this many: every notice on screen costs texture memory.
    std::size_t max_notices = 30;
    // Notices published longer ago than this leave the screen; undated ones stay. nullopt: no limit.
    std::optional<std::chrono::seconds> max_age;

    bool operator==(const BoardRules&) const = default;
};

class NoticeBoard {
public:
    explicit NoticeBoard(BoardRules rules = {}) : m_rules(rules) {}

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

    BoardRules m_rules;
    std::optional<TimePoint> m_now;
    std::map<std::string, std::vector<Notice>> m_by_source;
    std::vector<Notice> m_merged;
    std::uint64_t m_revision = 0;
};
