#pragma once
// [notices]: how the notices of all feeds are merged and limited on the board.
#include <chrono>
#include <cstddef>
#include <optional>

namespace signage::config {

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

}  // namespace signage::config
