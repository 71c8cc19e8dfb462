#include "util/base64.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>

namespace signage {

TEST_CASE("decode_base64 reads RFC 4648's test vectors, with and without padding, across lines")
{
    // RFC 4648, section 10.
    CHECK(decode_base64("") == std::optional<std::string>{""});
    CHECK(decode_base64("Zg==") == std::optional<std::string>{"f"});
    CHECK(decode_base64("Zm8=") == std::optional<std::string>{"fo"});
    CHECK(decode_base64("Zm9v") == std::optional<std::string>{"foo"});
    CHECK(decode_base64("Zm9vYg==") == std::optional<std::string>{"foob"});
    CHECK(decode_base64("Zm9vYmE=") == std::optional<std::string>{"fooba"});
    CHECK(decode_base64("Zm9vYmFy") == std::optional<std::string>{"foobar"});
    CHECK(decode_base64("Zm9vYg") == std::optional<std::string>{"foob"});
    CHECK(decode_base64(" Zm9v\r\n YmFy \n") == std::optional<std::string>{"foobar"});
    CHECK(decode_base64("7ZWc6rWt7Ja0") == std::optional<std::string>{"한국어"});
    CHECK(decode_base64("+/+/") == std::optional<std::string>{"\xFB\xFF\xBF"});
}

TEST_CASE("decode_base64 refuses what no encoder writes")
{
    for (const char* bad : {"Zm9v!", "Z", "Zm9vY", "Zg=x", "Zg===", "Zm9=v", "Zg=", "-_-_"}) {
        CAPTURE(bad);
        CHECK_FALSE(decode_base64(bad).has_value());
    }
}

}  // namespace signage
