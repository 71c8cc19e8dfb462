#pragma once
// What the soak records (samples over time, the titles shown, the titles served, the times no
// board could reach the screen) and the checks it makes of them at the end.
#include "soak/soak_probe.hpp"
#include "soak/soak_world.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace signage::soak {

// The title of feed `name`'s notice of simulated minute `minute`.
std::string title_of(char name, long minute);

class Record {
public:
    // Room for `days` of titles and hourly samples, made now: the record does not grow the
    // heap it measures (the served titles are read at the end).
    explicit Record(double days);

    void add(const Sample& sample, const std::filesystem::path& csv);
    void shown(const std::string& title);
    // Real Unix times between which no board could reach the screen.
    void dark(double from, double to) { m_dark.emplace_back(from, to); }
    // The server's served.log ("<unix time>\t<title>" for each title of each 200 answer).
    void read_served(const std::filesystem::path& log);

    const std::vector<Sample>& samples() const { return m_samples; }
    // Titles served while a board could reach the screen, and of them those never shown.
    long required() const { return m_required; }
    const std::vector<std::string>& missed() const { return m_missed; }
    long served() const { return m_served; }
    long shown_count() const;

private:
    std::size_t slot(char name, long minute) const;
    bool in_dark(double time) const;

    std::vector<Sample> m_samples;
    std::vector<bool> m_shown;
    std::vector<std::pair<double, double>> m_dark;
    std::ofstream m_csv;
    long m_served = 0;
    long m_required = 0;
    std::vector<std::string> m_missed;
};

// Prints the summary and each failed check; true when every check holds.
bool report(const Record& record, const Options& options, long warnings, long errors);

}  // namespace signage::soak
