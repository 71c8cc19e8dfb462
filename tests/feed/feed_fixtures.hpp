#pragma once
// Paths, bytes and file:// URLs of the feed fixtures in tests/data/feeds, and times written
// out, so a failed check shows "2018-06-04T00:00:00Z" rather than a count of seconds.
#include "feed/feed_parser.hpp"
#include "feed/feed_time.hpp"
#include "model/notice.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace signage::feed {

namespace feed_test {

inline std::filesystem::path fixture_path(const std::string& name)
{
    return std::filesystem::path(SIGNAGE_TEST_DATA_DIR) / "feeds" / name;
}

inline std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string read_fixture(const std::string& name)
{
    return read_file(fixture_path(name));
}

// Percent-encodes what a path may hold but a URL may not (a checkout under "My Documents").
inline std::string file_url(const std::filesystem::path& path)
{
    std::string url = "file://";
    for (const char ch : path.generic_string()) {
        const auto c = static_cast<unsigned char>(ch);
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
        if (plain) {
            url += static_cast<char>(c);
        }
        else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            url += escaped;
        }
    }
    return url;
}

// The main title of each notice, in order.
inline std::vector<std::string> titles_of(const ParsedFeed& feed)
{
    std::vector<std::string> titles;
    for (const auto& notice : feed.notices)
        titles.push_back(notice.titles.at(0).text);
    return titles;
}

inline std::string iso_utc(std::optional<model::TimePoint> time)
{
    return time ? format_iso8601_utc(*time) : "none";
}

}  // namespace feed_test

}  // namespace signage::feed
