// [status] http_port: off unless set, a port from 1024 to 65535.
#include "config_cases.hpp"

namespace signage::config {

TEST_CASE("[status] http_port is off by default and takes a port from 1024 to 65535")
{
    const auto defaults = parse_config(std::string(base_feed), "config.toml", app::system_config_checks());
    REQUIRE_MESSAGE(defaults, problem(defaults));
    CHECK(defaults->status_http_port == 0);
    const auto set = parse_config(std::string(base_feed) + "[status]\nhttp_port = 9101\n", "config.toml", app::system_config_checks());
    REQUIRE_MESSAGE(set, problem(set));
    CHECK(set->status_http_port == 9101);
    const auto low = parse_config(std::string(base_feed) + "[status]\nhttp_port = 80\n", "config.toml", app::system_config_checks());
    REQUIRE_FALSE(low);
    CHECK(low.error().message.starts_with("config.toml:6: status.http_port: "));
    const auto unknown = parse_config(std::string(base_feed) + "[status]\nport = 9101\n", "config.toml", app::system_config_checks());
    CHECK_FALSE(unknown);
}

}  // namespace signage::config
