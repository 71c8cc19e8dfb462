#include "feed/feed_cache.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <thread>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace signage::feed {

namespace {

namespace fs = std::filesystem;

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("signage-cache-test-" + std::to_string(::getpid()) + "-" +
                                                 std::to_string(std::random_device{}()));
    TempDir() { fs::create_directories(path); }
    ~TempDir()
    {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

CachedFeed entry_with(std::string body)
{
    CachedFeed entry;
    entry.body = std::move(body);
    entry.content_type = "application/rss+xml; charset=EUC-KR";
    entry.etag = "W/\"5e1a-17f\"";
    entry.last_modified = "Mon, 04 Jun 2018 05:00:00 GMT";
    entry.url = "https://notices.example.org/rss.xml";
    entry.fetched_at = std::chrono::sys_seconds{std::chrono::seconds{1528088400}};
    return entry;
}

bool same(const CachedFeed& a, const CachedFeed& b)
{
    return a.body == b.body && a.content_type == b.content_type && a.etag == b.etag && a.last_modified == b.last_modified &&
           a.url == b.url && a.fetched_at == b.fetched_at;
}

fs::path only_entry_file(const fs::path& directory)
{
    fs::path found;
    for (const auto& file : fs::directory_iterator(directory))
        if (file.path().extension() == ".feed")
            found = file.path();
    REQUIRE(!found.empty());
    return found;
}

}  // namespace

TEST_CASE("a cached feed reads back exactly as stored, bytes and validators")
{
    TempDir dir;
    const FeedCache cache(dir.path / "nested" / "cache");
    // A body with a NUL, CP949 bytes and newlines; a validator with a newline in it.
    auto entry = entry_with(std::string("<rss>\0\xB0\xA1\n\n</rss>", 15));
    entry.etag = "\"odd\nvalue\"";
    REQUIRE(cache.store("mois-ko", entry));
    const auto loaded = cache.load("mois-ko");
    REQUIRE(loaded);
    CHECK(same(*loaded, entry));
    CHECK(!cache.load("mois-en"));
}

TEST_CASE("a newer store replaces the entry and leaves no temporary files")
{
    TempDir dir;
    const FeedCache cache(dir.path);
    REQUIRE(cache.store("feed", entry_with("first")));
    REQUIRE(cache.store("feed", entry_with("second")));
    CHECK(cache.load("feed")->body == "second");
    int files = 0;
    for ([[maybe_unused]] const auto& file : fs::directory_iterator(dir.path))
        ++files;
    CHECK(files == 1);
}

TEST_CASE("a damaged cache entry reads as absent, never as half a feed")
{
    TempDir dir;
    const FeedCache cache(dir.path);
    REQUIRE(cache.store("feed", entry_with(std::string(5000, 'x'))));
    const fs::path file = only_entry_file(dir.path);

    SUBCASE("cut short")
    {
        fs::resize_file(file, fs::file_size(file) - 100);
    }
    SUBCASE("one byte changed")
    {
        std::fstream stream(file, std::ios::in | std::ios::out | std::ios::binary);
        stream.seekp(-10, std::ios::end);
        stream.put('y');
    }
    SUBCASE("header garbled")
    {
        std::fstream stream(file, std::ios::in | std::ios::out | std::ios::binary);
        stream.seekp(0);
        stream.put('#');
    }
    SUBCASE("empty file")
    {
        fs::resize_file(file, 0);
    }
    CHECK(!cache.load("feed"));
    // read() says which file and that it is ignored, for the log.
    const auto read = cache.read("feed");
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().message.starts_with("cache " + file.string() + ": "));
    CHECK(read.error().message.ends_with("; ignored"));
}

TEST_CASE("a junk cache file bigger than any feed is refused by its size, before it is read")
{
    TempDir dir;
    const FeedCache cache(dir.path);
    REQUIRE(cache.store("feed", entry_with("x")));
    const fs::path file = only_entry_file(dir.path);
    fs::resize_file(file, 512ull << 20);  // sparse: 512 MiB that take no disk
    const auto started = std::chrono::steady_clock::now();
    const auto read = cache.read("feed");
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().message == "cache " + file.string() + ": 536870912 bytes, more than any feed the player keeps; ignored");
    MESSAGE("refused in " << std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count() << " us");
    // No entry at all is no error: nothing to say.
    const auto none = cache.read("other");
    REQUIRE(none.ok());
    CHECK_FALSE(none.value().has_value());
}

TEST_CASE("a writer killed at any moment leaves the old entry or the new one, whole")
{
    TempDir dir;
    const FeedCache cache(dir.path);
    // Big enough that a kill often lands mid-write.
    const auto old_entry = entry_with(std::string(3 << 20, 'A'));
    const auto new_entry = entry_with(std::string(3 << 20, 'B'));
    REQUIRE(cache.store("feed", old_entry));

    std::mt19937 random(12345);
    int saw_old = 0, saw_new = 0;
    for (int round = 0; round < 12; ++round) {
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            for (int i = 0;; ++i)
                (void)cache.store("feed", i % 2 ? old_entry : new_entry).ok();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution(1, 40)(random)));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);

        const auto loaded = cache.load("feed");
        REQUIRE(loaded);
        CAPTURE(round);
        CHECK((same(*loaded, old_entry) || same(*loaded, new_entry)));
        (same(*loaded, old_entry) ? saw_old : saw_new) += 1;
    }
    MESSAGE("old entry after " << saw_old << " kills, new entry after " << saw_new);
    // The next store cleans up what killed writers left behind.
    REQUIRE(cache.store("feed", old_entry));
    for (const auto& file : fs::directory_iterator(dir.path))
        CHECK(file.path().extension() == ".feed");
}

TEST_CASE("a cache folder that cannot be created is named in the error")
{
    TempDir dir;
    std::ofstream(dir.path / "a-file") << "not a folder";
    const FeedCache cache(dir.path / "a-file" / "cache");
    const auto stored = cache.store("feed", entry_with("x"));
    REQUIRE(!stored);
    CHECK(stored.error().message.starts_with("cache " + (dir.path / "a-file" / "cache").string() + ": cannot create:"));
}

TEST_CASE("the default cache folder follows XDG_CACHE_HOME, then HOME")
{
    const char* old_xdg = std::getenv("XDG_CACHE_HOME");
    const std::string saved = old_xdg ? old_xdg : "";
    ::setenv("XDG_CACHE_HOME", "/srv/cache", 1);
    CHECK(default_cache_directory() == fs::path("/srv/cache/signage-player"));
    ::setenv("XDG_CACHE_HOME", "relative/is/ignored", 1);
    CHECK(default_cache_directory() != fs::path("relative/is/ignored/signage-player"));
    if (old_xdg)
        ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
    else
        ::unsetenv("XDG_CACHE_HOME");
}

TEST_CASE("the default cache folder of the service is the one systemd made for it (CacheDirectory=)")
{
    ::setenv("CACHE_DIRECTORY", "/var/cache/signage-player", 1);
    CHECK(default_cache_directory() == fs::path("/var/cache/signage-player"));
    ::setenv("CACHE_DIRECTORY", "/var/cache/signage-player:/var/cache/other", 1);
    CHECK(default_cache_directory() == fs::path("/var/cache/signage-player"));
    ::unsetenv("CACHE_DIRECTORY");
    CHECK(default_cache_directory() != fs::path("/var/cache/signage-player:/var/cache/other"));
}

// A player replacing its fetcher on a reload lets the old one finish its cache write while the
// new one may store the same source: neither may remove or overwrite the other's half-written
// file. Only what a process that is gone left behind is cleared.
TEST_CASE("feed cache: a store leaves another writer's temporary file alone and clears one whose writer is gone")
{
    TempDir dir;
    const FeedCache cache(dir.path);
    REQUIRE(cache.store("ministry", entry_with("<rss>first</rss>")).ok());
    const fs::path entry = only_entry_file(dir.path);

    const fs::path in_progress = entry.string() + ".tmp." + std::to_string(::getpid()) + ".7";
    std::ofstream(in_progress) << "half a body";
    const pid_t gone = ::fork();
    if (gone == 0)
        ::_exit(0);
    REQUIRE(gone > 0);
    REQUIRE(::waitpid(gone, nullptr, 0) == gone);
    const fs::path abandoned = entry.string() + ".tmp." + std::to_string(gone);
    std::ofstream(abandoned) << "what a crashed player left";

    REQUIRE(cache.store("ministry", entry_with("<rss>second</rss>")).ok());
    CHECK(fs::exists(in_progress));
    CHECK_FALSE(fs::exists(abandoned));
    const auto loaded = cache.load("ministry");
    REQUIRE(loaded);
    CHECK(loaded->body == "<rss>second</rss>");
}

}  // namespace signage::feed
