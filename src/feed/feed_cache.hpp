#pragma once
// The last good body of each feed source on disk, so a screen that reboots without network
// shows its notices at once, and so conditional GETs survive a restart. Writes are atomic
// (temporary file, fsync, rename): a power cut leaves the old entry or the new one, never a mix.
#include "util/result.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace signage::feed {

struct CachedFeed {
    std::string body;          // exactly as received (before parsing), decompressed
    std::string content_type;  // as the server sent it; empty for file://
    std::string etag;          // validators for the next conditional GET; may be empty
    std::string last_modified;
    std::string url;           // the URL it came from (after remembered permanent redirects)
    std::chrono::sys_seconds fetched_at{};  // when it was last fetched or confirmed (a 304)
};

class FeedCache {
public:
    // `directory` is created on first store. Default: $CACHE_DIRECTORY (systemd's, for the
    // service), else $XDG_CACHE_HOME/signage-player, else ~/.cache/signage-player, else
    // /var/cache/signage-player (see default_cache_directory()).
    explicit FeedCache(std::filesystem::path directory);

    // nullopt when there is no entry; an error, naming the file and why, when there is one that
    // cannot be used: bigger than any feed the player keeps (checked before it is read), not in
    // this format, or damaged (a checksum that does not match). Never half an entry.
    Result<std::optional<CachedFeed>> read(const std::string& source_name) const;
    // read(), with an unusable entry as absent.
    std::optional<CachedFeed> load(const std::string& source_name) const;
    // Errors name the folder and what to do about it, in the same words each time the same
    // fault recurs: "cache DIR: cannot write NAME.feed: REASON; make the folder writable ...".
    Status store(const std::string& source_name, const CachedFeed& entry) const;

    const std::filesystem::path& directory() const { return m_directory; }

private:
    std::filesystem::path entry_path(const std::string& source_name) const;
    std::filesystem::path m_directory;
};

std::filesystem::path default_cache_directory();

}  // namespace signage::feed
