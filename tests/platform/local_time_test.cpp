#include "platform/local_time.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace signage::platform {

namespace {

using namespace std::chrono;

// The process's TZ as it was before the test, put back after it: other tests read local time
// too.
class ZoneGuard {
public:
    ZoneGuard()
    {
        if (const char* tz = std::getenv("TZ"))
            m_saved = tz;
    }
    ~ZoneGuard()
    {
        if (m_saved)
            setenv("TZ", m_saved->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
    ZoneGuard(const ZoneGuard&) = delete;
    ZoneGuard& operator=(const ZoneGuard&) = delete;

private:
    std::optional<std::string> m_saved;
};

void use_zone(const char* name)
{
    const Status status = use_time_zone(name);
    REQUIRE_MESSAGE(status.ok(), (status.ok() ? std::string{} : status.error().message));
}

sys_seconds utc(year_month_day date, int hour, int minute, int second = 0)
{
    return sys_days{date} + hours{hour} + minutes{minute} + seconds{second};
}

std::string error_of(const Status& status)
{
    REQUIRE_FALSE(status.ok());
    return status.error().message;
}

}  // namespace

TEST_CASE("check_time_zone accepts the zones of the system's database and names what it refuses")
{
    CHECK(check_time_zone("Asia/Seoul").ok());
    CHECK(check_time_zone("UTC").ok());
    CHECK(check_time_zone("America/Argentina/Buenos_Aires").ok());
    CHECK(check_time_zone("Etc/GMT+9").ok());

    CHECK(error_of(check_time_zone("Mars/Olympus_Mons")) == "time zone \"Mars/Olympus_Mons\": not in /usr/share/zoneinfo");
    CHECK(error_of(check_time_zone("Asia")) == "time zone \"Asia\": not in /usr/share/zoneinfo");  // a folder
    // Files of the folder that are not zones.
    CHECK_FALSE(check_time_zone("zone.tab").ok());
    CHECK_FALSE(check_time_zone("tzdata.zi").ok());
    CHECK(error_of(check_time_zone("leapseconds")) == "time zone \"leapseconds\": not in /usr/share/zoneinfo");
    // Names that would leave the folder, or that TZ would read as something else.
    CHECK(error_of(check_time_zone("../../../etc/passwd"))
          == "time zone \"../../../etc/passwd\": not an IANA zone name such as Asia/Seoul");
    CHECK_FALSE(check_time_zone("/usr/share/zoneinfo/Asia/Seoul").ok());
    CHECK_FALSE(check_time_zone(":Asia/Seoul").ok());
    CHECK_FALSE(check_time_zone("KST-9").ok());
    CHECK_FALSE(check_time_zone("Asia//Seoul").ok());
    CHECK_FALSE(check_time_zone("").ok());
    // One line, whatever the name holds.
    CHECK(error_of(check_time_zone("Asia/Seoul\n")) == "time zone \"Asia/Seoul?\": not an IANA zone name such as Asia/Seoul");
}

TEST_CASE("use_time_zone leaves TZ alone when it refuses a zone")
{
    const ZoneGuard guard;
    use_zone("Asia/Seoul");
    CHECK(error_of(use_time_zone("Asia/Sejong")) == "time zone \"Asia/Sejong\": not in /usr/share/zoneinfo");
    CHECK(std::string(std::getenv("TZ")) == "Asia/Seoul");
    CHECK(to_local(utc(2018y / June / 4, 5, 5)).utc_offset_minutes == 540);
}

TEST_CASE("to_local gives the wall clock in Seoul")
{
    const ZoneGuard guard;
    use_zone("Asia/Seoul");

    const LocalTime local = to_local(utc(2018y / June / 4, 5, 5, 7));
    CHECK(local.date == 2018y / June / 4);
    CHECK(local.weekday == Monday);
    CHECK(local.time_of_day == hours{14} + minutes{5});
    CHECK(local.second == 7);
    CHECK(local.utc_offset_minutes == 540);

    // 15:00 UTC on Sunday is already Monday in Korea.
    const LocalTime midnight = to_local(utc(2018y / June / 3, 15, 0));
    CHECK(midnight.date == 2018y / June / 4);
    CHECK(midnight.weekday == Monday);
    CHECK(midnight.time_of_day == minutes{0});
}

TEST_CASE("to_local in UTC is the instant itself")
{
    const ZoneGuard guard;
    use_zone("UTC");

    const LocalTime local = to_local(utc(2024y / February / 29, 23, 59, 59));
    CHECK(local == LocalTime{2024y / February / 29, Thursday, hours{23} + minutes{59}, 59, 0});
}

TEST_CASE("to_local follows New York across its changes of the clocks")
{
    const ZoneGuard guard;
    use_zone("America/New_York");

    SUBCASE("spring: 01:59:59 EST is followed by 03:00:00 EDT")
    {
        const LocalTime before = to_local(utc(2024y / March / 10, 6, 59, 59));
        CHECK(before.time_of_day == hours{1} + minutes{59});
        CHECK(before.second == 59);
        CHECK(before.utc_offset_minutes == -300);
        const LocalTime after = to_local(utc(2024y / March / 10, 7, 0));
        CHECK(after.date == 2024y / March / 10);
        CHECK(after.weekday == Sunday);
        CHECK(after.time_of_day == hours{3});
        CHECK(after.utc_offset_minutes == -240);
    }
    SUBCASE("autumn: 01:30 comes twice, an hour apart")
    {
        const LocalTime first = to_local(utc(2024y / November / 3, 5, 30));
        const LocalTime second = to_local(utc(2024y / November / 3, 6, 30));
        CHECK(first.time_of_day == hours{1} + minutes{30});
        CHECK(second.time_of_day == hours{1} + minutes{30});
        CHECK(first.utc_offset_minutes == -240);
        CHECK(second.utc_offset_minutes == -300);
    }
}

TEST_CASE("to_sys turns a wall clock time back into the instant")
{
    const ZoneGuard guard;

    use_zone("Asia/Seoul");
    CHECK(to_sys(2018y / June / 4, hours{14} + minutes{5}) == utc(2018y / June / 4, 5, 5));
    CHECK(to_sys(2018y / June / 4, minutes{1440}) == utc(2018y / June / 4, 15, 0));  // 24:00 is the next midnight

    use_zone("America/New_York");
    CHECK(to_sys(2024y / March / 10, hours{1} + minutes{30}) == utc(2024y / March / 10, 6, 30));
    CHECK(to_sys(2024y / March / 10, hours{8}) == utc(2024y / March / 10, 12, 0));
    // Skipped: a wall clock passes 02:30 when it jumps from 02:00 to 03:00.
    CHECK(to_sys(2024y / March / 10, hours{2} + minutes{30}) == utc(2024y / March / 10, 7, 0));
    // Shown twice: the first time.
    CHECK(to_sys(2024y / November / 3, hours{1} + minutes{30}) == utc(2024y / November / 3, 5, 30));
    CHECK(to_sys(2024y / November / 3, hours{8}) == utc(2024y / November / 3, 13, 0));
}

TEST_CASE("the clock reads in Korean and in English")
{
    const LocalTime june{2018y / June / 4, Monday, hours{14} + minutes{5}, 30, 540};
    CHECK(format_korean_clock(june) == "2018년 6월 4일 (월) 14:05");
    CHECK(format_english_clock(june) == "Mon 4 Jun 2018 14:05");

    const LocalTime december{2023y / December / 31, Sunday, hours{9} + minutes{0}, 0, 540};
    CHECK(format_korean_clock(december) == "2023년 12월 31일 (일) 09:00");
    CHECK(format_english_clock(december) == "Sun 31 Dec 2023 09:00");

    const LocalTime midnight{2024y / January / 6, Saturday, minutes{0}, 0, 540};
    CHECK(format_korean_clock(midnight) == "2024년 1월 6일 (토) 00:00");
    CHECK(format_english_clock(midnight) == "Sat 6 Jan 2024 00:00");

    CHECK(format_clock(june, config::ClockStyle::korean) == "2018년 6월 4일 (월) 14:05");
    CHECK(format_clock(june, config::ClockStyle::english) == "Mon 4 Jun 2018 14:05");
    CHECK(format_clock(june, config::ClockStyle::both) == "2018년 6월 4일 (월) 14:05  ·  Mon 4 Jun 2018 14:05");
    CHECK(format_clock(june, config::ClockStyle::off).empty());
}

TEST_CASE("the clock of to_local in Seoul")
{
    const ZoneGuard guard;
    use_zone("Asia/Seoul");
    CHECK(format_clock(to_local(utc(2018y / June / 4, 5, 5)), config::ClockStyle::both)
          == "2018년 6월 4일 (월) 14:05  ·  Mon 4 Jun 2018 14:05");
}

TEST_CASE("the system's own zone sets TZ too, so that a reload may change the zone later")
{
    use_system_time_zone();
    const char* tz = std::getenv("TZ");
    REQUIRE(tz != nullptr);
    CHECK(std::string(tz) == ":/etc/localtime");
    // Back to the zone the other tests read dates in: TZ exists, so this only replaces it.
    REQUIRE(use_time_zone("Asia/Seoul").ok());
    CHECK(std::string(std::getenv("TZ")) == "Asia/Seoul");
}

}  // namespace signage::platform
