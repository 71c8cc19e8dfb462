// A file replaced whole: a reader that reads while another thread replaces it again and again
// only ever sees one of the whole versions, never a part or a mix.
#include "platform/atomic_file.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

namespace signage::platform {

namespace {

void check_read_whole_while_replaced(Durability durability)
{
    ScratchDir dir("signage-atomic-file");
    const auto path = dir.path() / "status.json";
    // Two versions of different lengths: a torn read would show a mix or a cut.
    const std::string short_version(1000, 'a');
    const std::string long_version(300000, 'b');
    REQUIRE(write_file_atomically(path, short_version, durability).ok());

    std::atomic<bool> done = false;
    std::thread writer([&] {
        for (int i = 0; i < 300; ++i)
            CHECK(write_file_atomically(path, i % 2 ? short_version : long_version, durability).ok());
        done = true;
    });
    long reads = 0, torn = 0;
    while (!done || reads < 100) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        ++reads;
        torn += text.str() != short_version && text.str() != long_version;
    }
    writer.join();
    CHECK(torn == 0);
    CHECK(reads >= 100);
    // No temporary file is left beside it.
    long files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
        ++files;
    CHECK(files == 1);
}

}  // namespace

TEST_CASE("a file written atomically is read whole while it is replaced many times, waited onto the disk or not")
{
    SUBCASE("on disk") { check_read_whole_while_replaced(Durability::on_disk); }
    SUBCASE("until reboot (a pid file)") { check_read_whole_while_replaced(Durability::until_reboot); }
}

TEST_CASE("a file that cannot be written says which and why, and leaves the old one")
{
    ScratchDir dir("signage-atomic-file");
    const auto result = write_file_atomically(dir.path() / "missing-folder" / "status.json", "x");
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message.find("missing-folder/status.json: cannot create") != std::string::npos);
}

}  // namespace signage::platform
