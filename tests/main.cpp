#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <string_view>

// ctest runs each test case by its name (doctest_discover_tests in tests/CMakeLists.txt). A name
// that CMake splits (at a ';') becomes filters that select no test case, and a run of nothing
// passed: such a run fails here instead, so no test can pass without running.
namespace {

int g_test_cases_started = 0;

struct StartCounter : doctest::IReporter {
    explicit StartCounter(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats&) override {}
    void test_case_start(const doctest::TestCaseData&) override { ++g_test_cases_started; }
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("start-counter", 1, StartCounter);

bool names_test_cases(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument.starts_with("--test-case=") || argument.starts_with("-tc="))
            return true;
    }
    return false;
}

}  // namespace

int main(int argc, char** argv)
{
    doctest::Context context(argc, argv);
    const int result = context.run();
    if (context.shouldExit() || result != 0)
        return result;
    if (names_test_cases(argc, argv) && g_test_cases_started == 0) {
        std::fprintf(stderr, "no test case has the name asked for: a name with a ';' is split by ctest (use ',')\n");
        return 1;
    }
    return 0;
}
