#include "feed/feed_cache.hpp"

#include "util/unique_fd.hpp"
#include "util/ascii.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace signage::feed {

namespace {

namespace fs = std::filesystem;

// One file per source: a one-line JSON header (format, validators, body length and checksum),
// a newline, then the body as received. The checksum makes a damaged entry (a disk that lost
// its last blocks) read as absent instead of as a half feed.
constexpr int format_version = 1;
constexpr std::string_view entry_suffix = ".feed";
constexpr std::string_view temp_marker = ".tmp.";
// An entry holds one body the fetcher accepted (at most 64 MB, the largest max_body_mb) after
// a header line of validators: a file bigger than that is not ours to read into memory.
constexpr std::uintmax_t kMaxHeaderBytes = 64 * 1024;
constexpr std::uintmax_t kMaxEntryBytes = 64 * 1024 * 1024 + kMaxHeaderBytes;

std::uint64_t fnv1a(std::string_view bytes)
{
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char byte : bytes) {
        hash ^= byte;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

bool write_all(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

// Source names are validated by the config loader, but a name from the command line may hold
// anything: keep entry file names to safe bytes.
std::string file_name_for(const std::string& source_name)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string name;
    for (unsigned char c : source_name) {
        if (is_ascii_alnum(static_cast<char>(c)) || c == '-' || c == '_')
            name += static_cast<char>(c);
        else
            name += {'%', hex[c >> 4], hex[c & 15]};
    }
    return name + std::string(entry_suffix);
}

std::string error_text(int error) { return std::strerror(error); }

// A writer killed mid-write leaves its temporary file behind; the entry itself is intact.
// A temporary file is "<entry>.tmp.<pid>" or "<entry>.tmp.<pid>.<n>": the pid of the process
// writing it, and a count when one process has several writers (a fetcher being replaced
// finishes its write while the new one may store the same source).
std::optional<pid_t> writer_of(std::string_view temporary_suffix)
{
    const auto dot = temporary_suffix.find('.');
    const std::string_view digits = temporary_suffix.substr(0, dot);
    if (digits.empty() || !std::ranges::all_of(digits, is_ascii_digit) || digits.size() > 9)
        return std::nullopt;
    return static_cast<pid_t>(std::stol(std::string(digits)));
}

// A write in progress is never touched; what a process that is gone left behind (killed
// mid-write, a power cut) is removed.
void remove_abandoned_temporaries(const fs::path& entry)
{
    const std::string prefix = entry.filename().string() + std::string(temp_marker);
    std::error_code error;
    for (const auto& file : fs::directory_iterator(entry.parent_path(), error)) {
        const std::string name = file.path().filename().string();
        if (!name.starts_with(prefix))
            continue;
        const auto writer = writer_of(std::string_view(name).substr(prefix.size()));
        const bool alive = writer && (*writer == ::getpid() || ::kill(*writer, 0) == 0 || errno == EPERM);
        if (!alive)
            fs::remove(file.path(), error);
    }
}

std::string temporary_name(const fs::path& entry)
{
    static std::atomic<unsigned> writes{0};
    return entry.string() + std::string(temp_marker) + std::to_string(::getpid()) + "." + std::to_string(++writes);
}

}  // namespace

FeedCache::FeedCache(std::filesystem::path directory) : m_directory(std::move(directory)) {}

fs::path FeedCache::entry_path(const std::string& source_name) const
{
    return m_directory / file_name_for(source_name);
}

Result<std::optional<CachedFeed>> FeedCache::read(const std::string& source_name) const
{
    const fs::path path = entry_path(source_name);
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return std::optional<CachedFeed>{};
    const auto unusable = [&](const std::string& why) { return Error{"cache " + path.string() + ": " + why + "; ignored"}; };
    std::error_code size_error;
    const std::uintmax_t size = fs::file_size(path, size_error);
    if (size_error || size > kMaxEntryBytes)
        return unusable(size_error ? "cannot tell its size" : std::to_string(size) + " bytes, more than any feed the player keeps");
    // The header is one line at the start: look for its end in the first bytes only.
    std::string start(static_cast<std::size_t>(std::min<std::uintmax_t>(size, kMaxHeaderBytes)), '\0');
    file.read(start.data(), static_cast<std::streamsize>(start.size()));
    const std::size_t newline = start.find('\n');
    const auto header = newline == std::string::npos ? nlohmann::json() : nlohmann::json::parse(start.substr(0, newline), nullptr, false);
    if (!header.is_object() || header.value("format", 0) != format_version)
        return unusable("not a cache entry of this version");
    try {
        const auto length = header.at("length").get<std::size_t>();
        if (length != size - newline - 1)
            return unusable("damaged (" + std::to_string(size - newline - 1) + " bytes of body, not " + std::to_string(length) + ")");
        std::string body(length, '\0');
        file.seekg(static_cast<std::streamoff>(newline + 1));
        if (!file.read(body.data(), static_cast<std::streamsize>(length)) || header.at("fnv1a").get<std::uint64_t>() != fnv1a(body))
            return unusable("damaged (its checksum does not match)");
        CachedFeed entry;
        entry.body = std::move(body);
        entry.content_type = header.at("content_type").get<std::string>();
        entry.etag = header.at("etag").get<std::string>();
        entry.last_modified = header.at("last_modified").get<std::string>();
        entry.url = header.at("url").get<std::string>();
        entry.fetched_at = std::chrono::sys_seconds{std::chrono::seconds{header.at("fetched_at").get<std::int64_t>()}};
        return std::optional<CachedFeed>(std::move(entry));
    } catch (const nlohmann::json::exception&) {
        return unusable("not a cache entry of this version");
    }
}

std::optional<CachedFeed> FeedCache::load(const std::string& source_name) const
{
    auto entry = read(source_name);
    return entry ? std::move(entry.value()) : std::nullopt;
}

Status FeedCache::store(const std::string& source_name, const CachedFeed& entry) const
{
    const fs::path final_path = entry_path(source_name);
    // The same words for every write that fails the same way (never the temporary file's name,
    // which changes with each write), so a folder that stays unwritable is logged once.
    auto fail = [&](int error) {
        return Error{"cache " + m_directory.string() + ": cannot write " + final_path.filename().string() + ": " +
                     error_text(error) + "; make the folder writable and give its disk room, or set [cache] directory in the config to another folder"};
    };

    std::error_code created_error;
    fs::create_directories(m_directory, created_error);
    if (created_error)
        return Error{"cache " + m_directory.string() + ": cannot create: " + created_error.message() +
                     "; set [cache] directory in the config to a writable folder"};

    const nlohmann::json header = {
        {"format", format_version},
        {"length", entry.body.size()},
        {"fnv1a", fnv1a(entry.body)},
        {"content_type", entry.content_type},
        {"etag", entry.etag},
        {"last_modified", entry.last_modified},
        {"url", entry.url},
        {"fetched_at", entry.fetched_at.time_since_epoch().count()},
    };
    // Validators come from the network: never let one break the one-line header.
    const std::string header_line = header.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) + "\n";

    remove_abandoned_temporaries(final_path);
    // Same folder as the entry, so rename() is atomic; a name of its own for every writer.
    const fs::path temp_path = temporary_name(final_path);
    UniqueFd fd(::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0)
        return fail(errno);
    if (!write_all(fd.get(), header_line) || !write_all(fd.get(), entry.body) || ::fsync(fd.get()) != 0) {
        const int error = errno;
        ::unlink(temp_path.c_str());
        return fail(error);
    }
    if (!fd.close()) {
        const int error = errno;
        ::unlink(temp_path.c_str());
        return fail(error);
    }
    if (::rename(temp_path.c_str(), final_path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temp_path.c_str());
        return fail(error);
    }
    // The rename is durable only once the folder itself is on disk.
    UniqueFd directory(::open(m_directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (directory.get() >= 0)
        ::fsync(directory.get());
    return Done{};
}

fs::path default_cache_directory()
{
    // systemd's CacheDirectory= (deploy/signage-player.service); several are ':'-separated.
    if (const char* service = std::getenv("CACHE_DIRECTORY"); service && *service == '/')
        return fs::path(std::string_view(service).substr(0, std::string_view(service).find(':')));
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
        return fs::path(xdg) / "signage-player";
    if (const char* home = std::getenv("HOME"); home && *home == '/')
        return fs::path(home) / ".cache" / "signage-player";
    return "/var/cache/signage-player";
}

}  // namespace signage::feed
