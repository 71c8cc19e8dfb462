// signage-soak: the real player (app::Player: its loop, the fetcher over HTTP, the scene, the
// status writer) on SDL's dummy video driver, run through simulated days against a loopback
// server (soak_server.py) that the harness starts and steers. docs/reliability.md says how to
// run it and what a 30-day run gave.
//
//   signage-soak [--days D] [--speed S] [--csv FILE] [--rss-growth-mb M]
//
// Time: the player's clocks (PlayerClocks) run S simulated seconds per real second (2880 by
// default: a simulated day in 30 real seconds, 30 days in 15 minutes). The feeds change every
// simulated minute. The fetcher polls on the real steady clock, every real second (its poll
// interval set to 1 s through PlayerParts::make_fetcher), so it sees about one version in
// S/60. Every simulated hour the harness samples the process and steers the world:
// the server fails (503, garbage, resets, stalls) and recovers, the config is reloaded with
// another layout, the display is lost and found, and the schedule turns the screen off from
// 22:00 to 06:00.
//
// Checks, after a warm-up (a day, or a quarter of a shorter run): resident memory stays under
// its start plus --rss-growth-mb (72 by default, see soak_world.hpp) and its highest in the
// second half is no more than 4 MiB above its highest in the first; open files, threads,
// textures and font faces reach no new high in the second half; every notice served while a
// board could reach the screen was shown; the player logged no error.
//
// Exit status 0 when every check holds, 1 when one fails (each failure is one line on stderr),
// 2 when the soak could not start.
#include "soak/soak_probe.hpp"
#include "soak/soak_server.hpp"
#include "soak/soak_world.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

namespace {

using signage::soak::Options;

bool parse_options(int argc, char** argv, Options& options)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const char* value = argv[i + 1];
        if (name == "--days")
            options.days = std::atof(value);
        else if (name == "--speed")
            options.speed = std::atof(value);
        else if (name == "--csv")
            options.csv = value;
        else if (name == "--rss-growth-mb")
            options.rss_growth_mb = std::atof(value);
        else
            return false;
    }
    return argc % 2 == 1 && options.days > 0.0 && options.speed >= 60.0;
}

}  // namespace

int main(int argc, char** argv)
{
    Options options;
    if (!parse_options(argc, argv, options)) {
        std::cerr << "usage: signage-soak [--days D] [--speed S (>= 60)] [--csv FILE] [--rss-growth-mb M]\n";
        return 2;
    }
    return signage::soak::run_soak(options);
}
