#pragma once
// Font collections (.ttc) built at test time from the bundled fonts by tests/support/make_ttc.py.
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

// The collections one test builds, in a folder of their own that goes with the test.
class CollectionDir {
public:
    CollectionDir()
    {
        static int count = 0;
        m_path = std::filesystem::temp_directory_path()
            / ("signage-ttc-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
        std::filesystem::create_directories(m_path);
    }
    ~CollectionDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    CollectionDir(const CollectionDir&) = delete;
    CollectionDir& operator=(const CollectionDir&) = delete;

    // Runs tests/support/make_ttc.py through the shell with `arguments` (options and font
    // files) and returns the collection it wrote.
    std::filesystem::path make(const std::vector<std::string>& arguments)
    {
        const std::filesystem::path output = m_path / ("collection-" + std::to_string(++m_made) + ".ttc");
        const std::string python = ::access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
        std::string command = shell_quoted(python) + " " + shell_quoted(source_dir() / "tests" / "support" / "make_ttc.py")
            + " -o " + shell_quoted(output.string());
        for (const auto& argument : arguments)
            command += " " + shell_quoted(argument);
        command += " 2>&1";

        FILE* pipe = popen(command.c_str(), "r");
        REQUIRE(pipe);
        std::string printed;
        std::array<char, 4096> buffer{};
        while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
            printed.append(buffer.data(), n);
        const int status = pclose(pipe);
        INFO(command);
        INFO(printed);
        REQUIRE(WIFEXITED(status));
        REQUIRE(WEXITSTATUS(status) == 0);
        return output;
    }

private:
    std::filesystem::path m_path;
    int m_made = 0;
};

