#include "app/freshness.hpp"

#include "platform/local_time.hpp"

#include <cstdio>

namespace signage::app {

std::string freshness_note(std::optional<model::TimePoint> last_confirmed, model::TimePoint now, std::chrono::seconds stale_after)
{
    using namespace std::chrono;
    if (!last_confirmed || now - *last_confirmed < stale_after)
        return {};
    const platform::LocalTime local = platform::to_local(*last_confirmed);
    char clock[8];
    std::snprintf(clock, sizeof clock, "%02d:%02d", static_cast<int>(local.time_of_day.count() / 60),
                  static_cast<int>(local.time_of_day.count() % 60));
    if (now - *last_confirmed < hours(24))
        return std::string("업데이트 ") + clock + " · Updated " + clock;
    const year_month_day date = local.date;
    char stamp[24];
    std::snprintf(stamp, sizeof stamp, "%04d.%02u.%02u %s", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), clock);
    return std::string("업데이트 ") + stamp + " · Updated " + stamp;
}

}  // namespace signage::app
