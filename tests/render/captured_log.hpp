#pragma once
// What the code under test logs (stderr) while one of these lives: a temporary file takes the
// place of file descriptor 2 and is read back.
#include <doctest/doctest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <unistd.h>

namespace signage::render {

class CapturedLog {
public:
    CapturedLog()
        : m_file(std::tmpfile(), &std::fclose)
        , m_kept(::dup(STDERR_FILENO))
    {
        REQUIRE(m_file);
        REQUIRE(m_kept >= 0);
        std::fflush(stderr);
        REQUIRE(::dup2(::fileno(m_file.get()), STDERR_FILENO) >= 0);
    }
    ~CapturedLog() { restore(); }
    CapturedLog(const CapturedLog&) = delete;
    CapturedLog& operator=(const CapturedLog&) = delete;

    // Everything logged so far.
    std::string text()
    {
        std::fflush(stderr);
        std::string all;
        std::rewind(m_file.get());
        char buffer[4096];
        while (const std::size_t read = std::fread(buffer, 1, sizeof buffer, m_file.get()))
            all.append(buffer, read);
        return all;
    }

private:
    void restore()
    {
        if (m_kept < 0)
            return;
        std::fflush(stderr);
        ::dup2(m_kept, STDERR_FILENO);
        ::close(m_kept);
        m_kept = -1;
    }

    std::unique_ptr<std::FILE, int (*)(std::FILE*)> m_file;
    int m_kept;
};

// How many times `part` occurs in `text`.
inline std::size_t occurrences(const std::string& text, const std::string& part)
{
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size()))
        ++count;
    return count;
}

}  // namespace signage::render
