// The soak's record and its checks (soak_checks.hpp).
#include "soak/soak_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace signage::soak {

namespace {

constexpr long kMinutesPerDay = 1440;
constexpr double kDarkMargin = 2.0;  // real seconds either side of a dark time: a board on its way

struct Spread {
    std::int64_t first_max = 0;   // the first half after the warm-up
    std::int64_t second_max = 0;  // the second half
};

Spread spread(const std::vector<Sample>& after_warm_up, const std::function<std::int64_t(const Sample&)>& value)
{
    Spread result;
    const std::size_t half = after_warm_up.size() / 2;
    for (std::size_t i = 0; i < after_warm_up.size(); ++i)
        (i < half ? result.first_max : result.second_max) = std::max(i < half ? result.first_max : result.second_max, value(after_warm_up[i]));
    return result;
}

bool check(bool holds, const std::string& what)
{
    std::printf("%s %s\n", holds ? "  ok:    " : "  FAILED:", what.c_str());
    if (!holds)
        std::fprintf(stderr, "soak: check failed: %s\n", what.c_str());
    return holds;
}

// The count does not grow: its highest in the second half is no higher than in the first.
bool flat(const std::vector<Sample>& after, const char* name, std::int64_t slack, const std::function<std::int64_t(const Sample&)>& value)
{
    const Spread s = spread(after, value);
    return check(s.second_max <= s.first_max + slack, std::string(name) + " do not grow: highest " + std::to_string(s.first_max) +
                                                          " in the first half after the warm-up, " + std::to_string(s.second_max) +
                                                          " in the second (allowed " + std::to_string(slack) + " more)");
}

void print_days(const std::vector<Sample>& samples)
{
    std::printf("  day   RSS MB  heap in use MB  heap from system MB  arenas  fds  threads  textures  font faces  boards\n");
    double next_day = 0.0;
    for (const Sample& s : samples) {
        if (s.day + 1e-9 < next_day && &s != &samples.back())
            continue;
        next_day = std::floor(s.day) + 1.0;
        std::printf("  %5.1f %7.1f %15.1f %20.1f %7d %4d %8d %9lld %11lld %7lld\n", s.day, s.rss_kb / 1024.0, s.heap_used_kb / 1024.0,
                    s.heap_system_kb / 1024.0, s.arenas, s.fds, s.threads, static_cast<long long>(s.textures),
                    static_cast<long long>(s.faces), static_cast<long long>(s.boards));
    }
}

}  // namespace

std::string title_of(char name, long minute)
{
    return "Soak " + std::string(1, name) + " " + std::to_string(minute) + ": 공지 notice of minute " + std::to_string(minute);
}

Record::Record(double days)
    : m_shown(static_cast<std::size_t>((days + 1.0) * kMinutesPerDay) * 2, false)
{
    m_samples.reserve(static_cast<std::size_t>((days + 1.0) * 24));
    m_dark.reserve(static_cast<std::size_t>((days + 1.0) * 4));
}

std::size_t Record::slot(char name, long minute) const
{
    const std::size_t at = static_cast<std::size_t>(minute) * 2 + (name == 'b' ? 1 : 0);
    return minute >= 0 && at < m_shown.size() ? at : m_shown.size();
}

void Record::add(const Sample& sample, const std::filesystem::path& csv)
{
    if (!m_csv.is_open()) {
        m_csv.open(csv);
        m_csv << csv_header() << '\n';
    }
    m_samples.push_back(sample);
    m_csv << csv_line(sample) << std::endl;
    if (m_samples.size() % 24 == 1)
        std::printf("day %5.1f: RSS %.1f MB, heap in use %.1f MB, %d fds, %d threads, %lld textures, %lld font faces\n", sample.day,
                    sample.rss_kb / 1024.0, sample.heap_used_kb / 1024.0, sample.fds, sample.threads,
                    static_cast<long long>(sample.textures), static_cast<long long>(sample.faces));
    std::fflush(stdout);
}

void Record::shown(const std::string& title)
{
    char name = 0;
    long minute = -1;
    if (std::sscanf(title.c_str(), "Soak %c %ld:", &name, &minute) == 2)
        if (const std::size_t at = slot(name, minute); at < m_shown.size())
            m_shown[at] = true;
}

long Record::shown_count() const { return static_cast<long>(std::count(m_shown.begin(), m_shown.end(), true)); }

bool Record::in_dark(double time) const
{
    return std::any_of(m_dark.begin(), m_dark.end(),
                       [&](const auto& dark) { return time >= dark.first - kDarkMargin && time <= dark.second + kDarkMargin; });
}

void Record::read_served(const std::filesystem::path& log)
{
    std::ifstream file(log);
    std::string line;
    std::vector<bool> counted(m_shown.size(), false);
    while (std::getline(file, line)) {
        double time = 0.0;
        char name = 0;
        long minute = -1;
        if (std::sscanf(line.c_str(), "%lf\tSoak %c %ld:", &time, &name, &minute) != 3)
            continue;
        ++m_served;
        const std::size_t at = slot(name, minute);
        if (at >= m_shown.size() || in_dark(time) || counted[at])
            continue;
        counted[at] = true;
        ++m_required;
        if (!m_shown[at])
            m_missed.push_back(title_of(name, minute));
    }
}

bool report(const Record& record, const Options& options, long warnings, long errors)
{
    const std::vector<Sample>& samples = record.samples();
    if (samples.size() < 4) {
        std::fprintf(stderr, "soak: too few samples (%zu) to judge\n", samples.size());
        return false;
    }
    const double warm_up_days = std::min(1.0, options.days / 4.0);
    std::vector<Sample> after;
    for (const Sample& s : samples)
        if (s.day >= warm_up_days)
            after.push_back(s);
    std::printf("\nsoak: %.1f simulated days in %.0f real seconds (%.0fx); %zu hourly samples in %s\n", samples.back().day,
                samples.back().real_s, options.speed, samples.size(), options.csv.c_str());
    print_days(samples);
    const Sample& warm = after.front();
    std::int64_t rss_max = 0, rss_min = warm.rss_kb, heap_max = 0;
    for (const Sample& s : after) {
        rss_max = std::max(rss_max, s.rss_kb);
        rss_min = std::min(rss_min, s.rss_kb);
        heap_max = std::max(heap_max, s.heap_used_kb);
    }
    std::printf("RSS: %.1f MB at start, %.1f MB after the warm-up (day %.1f), then %.1f..%.1f MB; heap in use at most %.1f MB\n",
                samples.front().rss_kb / 1024.0, warm.rss_kb / 1024.0, warm.day, rss_min / 1024.0, rss_max / 1024.0, heap_max / 1024.0);
    std::printf("heap trims after a new board: %lld, the longest %.2f ms\n", static_cast<long long>(heap_trims()),
                static_cast<double>(longest_heap_trim_us()) / 1000.0);
    std::printf("notices: %ld titles served (with repeats), %ld distinct served while a board could reach the screen, %ld shown; "
                "player log: %ld warnings, %ld errors\n",
                record.served(), record.required(), record.shown_count(), warnings, errors);
    bool ok = true;
    char what[300];
    const double bound_kb = static_cast<double>(samples.front().rss_kb) + options.rss_growth_mb * 1024.0;
    std::snprintf(what, sizeof what, "resident memory stays under %.1f MB (%.1f MB at start + %.0f MB) after the warm-up (highest %.1f MB)",
                  bound_kb / 1024.0, samples.front().rss_kb / 1024.0, options.rss_growth_mb, rss_max / 1024.0);
    ok &= check(static_cast<double>(rss_max) <= bound_kb, what);
    ok &= flat(after, "resident memory (KiB)", 4096, [](const Sample& s) { return s.rss_kb; });
    ok &= flat(after, "open files", 2, [](const Sample& s) { return s.fds; });
    ok &= flat(after, "threads", 2, [](const Sample& s) { return s.threads; });
    // The text cache is bounded in bytes, not in textures: how many fit varies with the widths
    // of the titles, so a tenth more than the first half's highest is allowed.
    const auto textures = [](const Sample& s) { return s.textures; };
    ok &= flat(after, "textures", spread(after, textures).first_max / 10, textures);
    ok &= flat(after, "font faces", 0, [](const Sample& s) { return s.faces; });
    ok &= check(record.required() > 0 && record.missed().empty(),
                "every notice served while a board could reach the screen was shown (" + std::to_string(record.required()) + " served, " +
                    std::to_string(record.missed().size()) + " never shown" +
                    (record.missed().empty() ? std::string() : ", the first: \"" + record.missed().front() + "\"") + ")");
    ok &= check(errors == 0, "the player logged no error (" + std::to_string(errors) + ")");
    return ok;
}

}  // namespace signage::soak
