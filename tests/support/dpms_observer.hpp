#pragma once
// The X server's DPMS state, seen over a connection of its own as `xset q` sees it. Kept apart
// from the tests' sources: Xlib's names (Font, Status, None) clash with the player's.
#include <memory>

class DpmsObserver {
public:
    DpmsObserver();  // connects to the X server at $DISPLAY
    ~DpmsObserver();
    DpmsObserver(const DpmsObserver&) = delete;
    DpmsObserver& operator=(const DpmsObserver&) = delete;

    bool connected() const;
    // Only when connected:
    bool has_extension() const;
    bool capable() const;

    struct State {
        bool off = false;  // the panel is at DPMS off
        bool enabled = false;

        bool operator==(const State&) const = default;
    };
    State state() const;
    void set_enabled(bool enabled);

private:
    struct Connection;
    std::unique_ptr<Connection> m_connection;
};
