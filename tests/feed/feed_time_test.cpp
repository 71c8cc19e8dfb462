#include "feed/feed_time.hpp"

#include "feed_fixtures.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string_view>

namespace signage::feed {

using feed_test::iso_utc;

namespace {

struct TimeCase {
    std::string_view text;
    std::string_view utc;
};

}  // namespace

TEST_CASE("parse_feed_time reads RFC 822 and RFC 1123 dates into UTC")
{
    constexpr TimeCase cases[] = {
        {"Mon, 04 Jun 2018 09:00:00 +0900", "2018-06-04T00:00:00Z"},
        {"Mon, 04 Jun 2018 14:05:00 +0900", "2018-06-04T05:05:00Z"},
        {"04 Jun 2018 09:00:00 +0900", "2018-06-04T00:00:00Z"},         // weekday is optional
        {"Mon, 4 Jun 2018 09:00:00 +0900", "2018-06-04T00:00:00Z"},     // one-digit day
        {"Mon, 04 Jun 18 09:00:00 +0900", "2018-06-04T00:00:00Z"},      // two-digit year
        {"Thu, 01 Jan 98 00:00:00 GMT", "1998-01-01T00:00:00Z"},        // 50..99 are 19xx
        {"Mon, 04 Jun 2018 09:00 +0900", "2018-06-04T00:00:00Z"},       // no seconds
        {"Mon, 04 Jun 2018 09:00:00 -0500", "2018-06-04T14:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 +0530", "2018-06-04T03:30:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 +05:30", "2018-06-04T03:30:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 GMT", "2018-06-04T09:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 UT", "2018-06-04T09:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 UTC", "2018-06-04T09:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 Z", "2018-06-04T09:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 KST", "2018-06-04T00:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 JST", "2018-06-04T00:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 EST", "2018-06-04T14:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 EDT", "2018-06-04T13:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 CST", "2018-06-04T15:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 CDT", "2018-06-04T14:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 MST", "2018-06-04T16:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 MDT", "2018-06-04T15:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 PST", "2018-06-04T17:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 PDT", "2018-06-04T16:00:00Z"},
        {"mon, 04 jun 2018 09:00:00 kst", "2018-06-04T00:00:00Z"},      // case does not matter
        {"Monday, 04 June 2018 09:00:00 +0900", "2018-06-04T00:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 +0900 (KST)", "2018-06-04T00:00:00Z"},
        {"  Mon, 04 Jun 2018 09:00:00 +0900\n", "2018-06-04T00:00:00Z"},
        {"Mon,04 Jun 2018 09:00:00 +0900", "2018-06-04T00:00:00Z"},
        {"Sun, 31 Dec 2017 23:30:00 -0100", "2018-01-01T00:30:00Z"},    // across a year
        {"Tue, 01 Jan 2019 08:00:00 +0900", "2018-12-31T23:00:00Z"},
        {"Thu, 29 Feb 2024 12:00:00 GMT", "2024-02-29T12:00:00Z"},      // leap day
        {"Mon, 04 Jun 2018 09:00:00", "2018-06-04T09:00:00Z"},          // no zone: read as UTC
        {"Fri, 04 Jun 2018 09:00:00 +0900", "2018-06-04T00:00:00Z"},    // wrong weekday is ignored
        {"Tue, 5 Jun 18 9:05:00 KST", "2018-06-05T00:05:00Z"},          // all the short forms at once
        {"Mon, 04 Jun 2018 09:00:00 ABC", "2018-06-04T09:00:00Z"},      // unknown zone: as if none
        {"Mon, 04 Jun 2018 09:00:00 IST", "2018-06-04T09:00:00Z"},      // ambiguous: unknown
        {"Mon, 04 Jun 2018 14:05:00 GMT+0900", "2018-06-04T05:05:00Z"}, // as JavaScript writes it
        {"Mon, 04 Jun 2018 14:05:00 GMT+0900 (KST)", "2018-06-04T05:05:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 CET", "2018-06-04T08:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 CEST", "2018-06-04T07:00:00Z"},
        {"Mon, 04 Jun 2018 09:00:00 AEST", "2018-06-03T23:00:00Z"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(iso_utc(parse_feed_time(c.text)) == c.utc);
    }
}

TEST_CASE("parse_feed_time reads RFC 3339 and ISO 8601 dates into UTC")
{
    constexpr TimeCase cases[] = {
        {"2018-06-04T09:00:00+09:00", "2018-06-04T00:00:00Z"},
        {"2018-06-04T09:00:00Z", "2018-06-04T09:00:00Z"},
        {"2018-06-04t09:00:00z", "2018-06-04T09:00:00Z"},
        {"2018-06-04T09:00:00.123+09:00", "2018-06-04T00:00:00Z"},
        {"2018-06-04T09:00:00.123456789Z", "2018-06-04T09:00:00Z"},
        {"2018-06-04 09:00:00+09:00", "2018-06-04T00:00:00Z"},
        {"2018-06-04T09:00:00-05:00", "2018-06-04T14:00:00Z"},
        {"2018-06-04T09:00:00+0900", "2018-06-04T00:00:00Z"},
        {"2018-06-04T09:00:00+09", "2018-06-04T00:00:00Z"},
        {"2018-06-04T09:00+09:00", "2018-06-04T00:00:00Z"},
        {"2018-06-04T09:00:00", "2018-06-04T09:00:00Z"},
        {"2018-06-04", "2018-06-04T00:00:00Z"},
        {"2018-01-01T00:30:00+09:00", "2017-12-31T15:30:00Z"},
        {"2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"},
        {" 2018-06-04T09:00:00Z ", "2018-06-04T09:00:00Z"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(iso_utc(parse_feed_time(c.text)) == c.utc);
    }
}

TEST_CASE("parse_feed_time rejects malformed text and out-of-range fields")
{
    constexpr std::string_view cases[] = {
        "",
        "   ",
        "yesterday",
        "2018",
        "2018-06",
        "2018-13-01",
        "2018-00-10",
        "2018-06-31",
        "2023-02-29",
        "2018-06-04T24:00:00Z",
        "2018-06-04T09:60:00Z",
        "2018-06-04T09:00:61Z",
        "2018-06-04T09:00:00+24:00",
        "2018-06-04T09:00:00+09:60",
        "2018-06-04T09:00:00.Z",
        "2018-06-04T09",
        "2018-06-04X09:00:00Z",
        "2018-06-04T09:00:00Z trailing",
        "2018-06-04T09:00:00 XYZ",
        "Mon, 32 Jun 2018 09:00:00 +0900",
        "Mon, 31 Jun 2018 09:00:00 +0900",
        "Mon, 00 Jun 2018 09:00:00 +0900",
        "Mon, 04 Jux 2018 09:00:00 +0900",
        "Mon, 04 Jun 2018 25:00:00 +0900",
        "Mon, 04 Jun 2018 09:61:00 +0900",
        "Mon, 04 Jun 2018 09:00:00 +9900",
        "Mon, 04 Jun 2018 09:00:00 ABCDEF",
        "Mon, 04 Jun 201 09:00:00 +0900",
        "Mon, 04 Jun 20181 09:00:00 +0900",
        "Mon 04 Jun 2018 09:00:00 +0900",
        "Xyz, 04 Jun 2018 09:00:00 +0900",
        "Monxyz, 04 Jun 2018 09:00:00 +0900",
        "Mon, 04 Junk 2018 09:00:00 +0900",
        "Mon, 04 Jun 2018",
        "Mon, 04 Jun 2018 0900 +0900",
        "2018년 13월 4일",
        "2018년 6월",
        "2018 6월 4일",
        "2018-06-04 오후",
        "2018-06-04 오후 2",
        "2018-06-04T14:05:00 오후",
        "2018.06",
        "2018.06.04 25:00",
        "2018/06-04",
        "2018.06.04T14:05:00",
        "2018-06-04 14:05:00 XYZ",
        "2018-06-04 14:05:00 GMT+",
    };
    for (const auto text : cases) {
        CAPTURE(text);
        CHECK_FALSE(parse_feed_time(text).has_value());
    }
}

TEST_CASE("a date before 1970 or in the year 9999 is no date: what is read is always written back the same")
{
    // Found by the fuzz_feed_time target: year 0 at +09:00 is an instant of the year -1, which
    // dump-feed wrote as a date nothing reads back. A CMS's "0000-00-00" means "no date".
    CHECK_FALSE(parse_feed_time("0000-01-01T00:30:00+09:00"));
    CHECK_FALSE(parse_feed_time("0000-01-01 "));
    CHECK_FALSE(parse_feed_time("0000.1.1"));
    CHECK_FALSE(parse_feed_time("1900-01-01T00:00:00Z"));
    CHECK_FALSE(parse_feed_time("Fri, 31 Dec 9999 23:30:00 -1400"));
    CHECK(iso_utc(parse_feed_time("1970-01-01T00:00:00Z")) == "1970-01-01T00:00:00Z");
    CHECK(iso_utc(parse_feed_time("9999-12-30T12:00:00Z")) == "9999-12-30T12:00:00Z");
}

TEST_CASE("parse_feed_time reads the Korean date forms as Korea Standard Time")
{
    // Written in Korean, a date is Korean: +09:00 whatever the caller's zoneless offset.
    constexpr TimeCase cases[] = {
        {"2018년 06월 04일 14:05:00", "2018-06-04T05:05:00Z"},
        {"2018년 6월 4일 14:05", "2018-06-04T05:05:00Z"},
        {"2018년6월4일 9:05", "2018-06-04T00:05:00Z"},
        {"2018 년 06 월 04 일", "2018-06-03T15:00:00Z"},
        {"2018년 6월 4일", "2018-06-03T15:00:00Z"},
        {"2018년 06월 04일 (월) 14:05", "2018-06-04T05:05:00Z"},
        {"2018-06-04 오후 2:05:00", "2018-06-04T05:05:00Z"},
        {"2018-06-04 오후 02:05", "2018-06-04T05:05:00Z"},
        {"2018-06-04 오전 11:30:00", "2018-06-04T02:30:00Z"},
        {"2018-06-04 오전 12:10:00", "2018-06-03T15:10:00Z"},  // 오전 12시 is midnight
        {"2018-06-04 오후 12:10:00", "2018-06-04T03:10:00Z"},  // 오후 12시 is noon
        {"2018-06-04 오후 14:05:00", "2018-06-04T05:05:00Z"},  // a 24-hour time stays as written
        {"2018.06.04 오후 2:05", "2018-06-04T05:05:00Z"},
        {"2018년 06월 04일 오후 2:05", "2018-06-04T05:05:00Z"},
        {"2018년 06월 04일 14:05:00 UTC", "2018-06-04T14:05:00Z"},  // a stated zone wins
        {"2018-06-04 오후 2:05:00 +0000", "2018-06-04T14:05:00Z"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(iso_utc(parse_feed_time(c.text)) == c.utc);
        CHECK(iso_utc(parse_feed_time(c.text, std::chrono::hours{-5})) == c.utc);
    }
}

TEST_CASE("parse_feed_time reads a time without a zone at the caller's offset")
{
    struct ZonelessCase {
        std::string_view text;
        std::string_view in_korea;  // zoneless offset +09:00, as for a Korean feed
        std::string_view in_utc;    // no offset, as for a feed in another language
    };
    constexpr ZonelessCase cases[] = {
        {"2018-06-04 14:05:00", "2018-06-04T05:05:00Z", "2018-06-04T14:05:00Z"},
        {"2018-06-04T14:05:00", "2018-06-04T05:05:00Z", "2018-06-04T14:05:00Z"},
        {"2018-06-04", "2018-06-03T15:00:00Z", "2018-06-04T00:00:00Z"},
        {"2018.06.04", "2018-06-03T15:00:00Z", "2018-06-04T00:00:00Z"},
        {"2018.06.04.", "2018-06-03T15:00:00Z", "2018-06-04T00:00:00Z"},
        {"2018.6.4 14:05", "2018-06-04T05:05:00Z", "2018-06-04T14:05:00Z"},
        {"2018/06/04 14:05", "2018-06-04T05:05:00Z", "2018-06-04T14:05:00Z"},
        {"2018-6-4 9:05", "2018-06-04T00:05:00Z", "2018-06-04T09:05:00Z"},
        {"2018-06-04 2:05:00 PM", "2018-06-04T05:05:00Z", "2018-06-04T14:05:00Z"},
        {"2018-06-04 12:05 am", "2018-06-03T15:05:00Z", "2018-06-04T00:05:00Z"},
        {"Mon, 04 Jun 2018 14:05:00", "2018-06-04T05:05:00Z", "2018-06-04T14:05:00Z"},
        {"Mon, 04 Jun 2018 14:05:00 XYZ", "2018-06-04T05:05:00Z", "2018-06-04T14:05:00Z"},
        // A stated zone is never overridden.
        {"2018-06-04T14:05:00Z", "2018-06-04T14:05:00Z", "2018-06-04T14:05:00Z"},
        {"2018.06.04 14:05 +0900", "2018-06-04T05:05:00Z", "2018-06-04T05:05:00Z"},
        {"2018-06-04 14:05:00 KST", "2018-06-04T05:05:00Z", "2018-06-04T05:05:00Z"},
        {"Mon, 04 Jun 2018 14:05:00 GMT", "2018-06-04T14:05:00Z", "2018-06-04T14:05:00Z"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(iso_utc(parse_feed_time(c.text, kKoreaOffset)) == c.in_korea);
        CHECK(iso_utc(parse_feed_time(c.text)) == c.in_utc);
    }
}

}  // namespace signage::feed
