#pragma once
// CAP alerts as the screen gets them (model::ShownAlert), with real Korean text: an Extreme
// heavy rain warning for the banner, a Severe gale warning for the band, a Moderate heat
// advisory and a Minor dust notice for the crawl.
#include "model/alert_board.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace signage::render {

// What the header clock shows here: Monday 4 June 2018, 14:05 in Seoul.
inline const model::TimePoint alert_shown_time = std::chrono::sys_days{std::chrono::year{2018} / 6 / 4} + std::chrono::hours{5} + std::chrono::minutes{5};
inline const std::string rain_link = "https://www.weather.go.kr/w/special-report/warning.do?id=2018-0604-001";

inline model::AlertInfo sample_alert_info(std::string language, std::string event, std::string headline, std::string instruction)
{
    model::AlertInfo info;
    info.language = std::move(language);
    info.event = std::move(event);
    info.headline = std::move(headline);
    info.instruction = std::move(instruction);
    info.sender_name = info.language == "ko-kr" ? "기상청" : "Korea Meteorological Administration";
    return info;
}

inline model::ShownAlert sample_shown_alert(std::string identifier, model::AlertSeverity severity, config::AlertPlacement placement, std::vector<model::AlertInfo> infos)
{
    model::ShownAlert alert;
    alert.alert.identifier = std::move(identifier);
    alert.alert.sender = "kma@korea.kr";
    alert.alert.sent = alert_shown_time - std::chrono::minutes{20};
    alert.alert.status = "Actual";
    alert.alert.msg_type = "Alert";
    alert.alert.scope = "Public";
    alert.infos = std::move(infos);
    alert.alert.infos = alert.infos;
    alert.severity = severity;
    alert.urgency = model::AlertUrgency::immediate;
    alert.placement = placement;
    alert.until = alert_shown_time + std::chrono::hours{3} + std::chrono::minutes{55};  // 18:00 in Seoul
    return alert;
}

inline model::ShownAlert extreme_rain()
{
    auto ko = sample_alert_info("ko-kr", "호우경보", "서울 전역 호우경보: 시간당 80mm 이상의 매우 강한 비",
                   "하천변 산책로 이용을 자제하고 안전한 곳으로 대피하시기 바랍니다.");
    auto en = sample_alert_info("en-us", "Heavy Rain Warning", "Heavy rain warning for all of Seoul: over 80 mm an hour",
                   "Stay away from riverside paths and move to a safe place.");
    for (auto* each : {&ko, &en}) {
        each->web = rain_link;
        each->areas = {{"서울특별시", {{"행정구역코드", "1100000000"}}}, {"경기도 남부", {}}};
        each->severity = "Extreme";
        each->urgency = "Immediate";
    }
    return sample_shown_alert("KMA-2018-0604-001", model::AlertSeverity::extreme, config::AlertPlacement::banner, {ko, en});
}

inline model::ShownAlert severe_wind()
{
    auto ko = sample_alert_info("ko-kr", "강풍경보", "서울 강풍경보: 순간풍속 초속 26m 이상", "간판과 공사장 주변을 피하십시오.");
    auto en = sample_alert_info("en-us", "Gale Warning", "Gale warning for Seoul", "Keep away from signs and building sites.");
    return sample_shown_alert("KMA-2018-0604-002", model::AlertSeverity::severe, config::AlertPlacement::band, {ko, en});
}

inline model::ShownAlert moderate_heat()
{
    auto ko = sample_alert_info("ko-kr", "폭염주의보", "서울 폭염주의보: 낮 최고 33도 이상", "");
    auto en = sample_alert_info("en-us", "Heat Advisory", "Heat advisory for Seoul", "");
    return sample_shown_alert("KMA-2018-0604-003", model::AlertSeverity::moderate, config::AlertPlacement::crawl, {ko, en});
}

inline model::ShownAlert minor_dust()
{
    auto ko = sample_alert_info("ko-kr", "미세먼지 정보", "오후 미세먼지 농도 '나쁨' 예상", "");
    return sample_shown_alert("ME-2018-0604-004", model::AlertSeverity::minor, config::AlertPlacement::crawl, {ko});
}

}  // namespace signage::render
