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

namespace signage {

// The collections one test builds, in a folder of their own that goes with the test.
class CollectionDir {
public:
    // Runs tests/support/make_ttc.py through the shell with `arguments` (options and font
    // files) and returns the collection it wrote.
    std::filesystem::path make(const std::vector<std::string>& arguments)
    {
        const std::filesystem::path output = m_dir.path() / ("collection-" + std::to_string(++m_made) + ".ttc");
        const std::string python = ::access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
        std::string command = shell_quoted(python) + " " + shell_quoted(source_dir() / "tests" / "support" / "make_ttc.py")
            + " -o " + shell_quoted(output.string());
        for (const auto& argument : arguments)
            command += " " + shell_quoted(argument);
        command += " 2>&1";

        const ShellOutcome run = run_shell(command);
        INFO(command);
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        return output;
    }

private:
    ScratchDir m_dir{"signage-ttc"};
    int m_made = 0;
};

}  // namespace signage
