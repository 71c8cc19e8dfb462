// [status]: how the player's health can be read besides its status file.
#include "config/section_keys.hpp"

namespace signage::config {

namespace {

constexpr KeyRule<Config> status_keys[] = {
    {"http_port", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto port = reader.integer(value, key, {1024, 65535}))
             config.status_http_port = static_cast<int>(*port);
     }},
};

}  // namespace

void read_status(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    read_table(reader, value, key, status_keys, config);
}

}  // namespace signage::config
