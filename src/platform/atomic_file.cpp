#include "platform/atomic_file.hpp"

#include "util/unique_fd.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <unistd.h>

namespace signage::platform {

namespace {

bool write_all(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

Status failed(const std::filesystem::path& path, const std::string& what, int error)
{
    return Error{path.string() + ": cannot " + what + ": " + std::strerror(error)};
}

}  // namespace

Status write_file_atomically(const std::filesystem::path& path, std::string_view contents, Durability durability)
{
    const bool sync = durability == Durability::on_disk;
    // A name of its own for every write, so two writers never share a temporary file.
    static std::atomic<unsigned> writes{0};
    const std::filesystem::path temp_path =
        path.string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(++writes);
    UniqueFd fd(::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0)
        return failed(path, "create " + temp_path.filename().string(), errno);
    if (!write_all(fd.get(), contents) || (sync && ::fsync(fd.get()) != 0) || !fd.close()) {
        const int error = errno;
        ::unlink(temp_path.c_str());
        return failed(path, "write", error);
    }
    if (::rename(temp_path.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temp_path.c_str());
        return failed(path, "replace", error);
    }
    if (!sync)
        return Done{};
    // The rename is durable only once the folder itself is on disk.
    const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
    UniqueFd directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (directory.get() >= 0)
        ::fsync(directory.get());
    return Done{};
}

}  // namespace signage::platform
