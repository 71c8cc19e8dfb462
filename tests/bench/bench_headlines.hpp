#pragma once
// Headlines for the benchmarks, as agencies write them: Hangul with digits, dates, times,
// parentheses, quotes, middle dots and ellipses, 20 to 60 characters; English with kerning pairs
// and figures. The first five are the bundled feed's real headlines.
#include <array>
#include <string_view>

struct Headline {
    std::string_view ko;
    std::string_view en;
};

inline constexpr std::array<Headline, 50> kHeadlines{{
    {"행정안전부·외교부, 페루·파라과이와 전자정부 협력 강화", "Korea fosters e-government cooperation with Peru and Paraguay"},
    {"한-파라과이 전자정부 협력 포럼, 아순시온에서 개최", "Korea-Paraguay e-Government Cooperation Forum held in Asunción"},
    {"리마에서 전자정부·스마트시티 포럼 열려… 관계기관 120명 참석", "e-Government & Smart City Forum in Lima draws 120 participants"},
    {"한-페루 전자정부 세미나, 페루 국가공무원청(SERVIR)서 개최", "Korea-Peru e-Government Seminar held at SERVIR, Peru's civil service authority"},
    {"산이시드로 '스마트 안전도시' 사업, 한-페루 전자정부협력센터 통해 지속 지원", "Korea to keep supporting San Isidro's Smart Safe City project"},
    {"여름철 폭염 대비 무더위 쉼터 운영 시간 연장 안내 (7월 1일~8월 31일)", "Cooling shelters open longer during the summer heat (1 July – 31 August)"},
    {"2024년 제2기분 지방세 납부 기한 연장 및 온라인 납부 안내", "Second-half 2024 local tax deadline extended; pay online"},
    {"주민등록증 모바일 확인 서비스, 전국 3,552개 읍·면·동으로 확대", "Mobile resident ID check now at all 3,552 community centres"},
    {"청사 주차장 보수 공사로 6월 10일(월)부터 2주간 일부 구역 폐쇄", "Part of the car park closed for two weeks from Monday 10 June for repairs"},
    {"민원실 운영 시간 변경: 평일 09:00~18:00, 토요일 휴무", "Service desk hours change: weekdays 9:00–18:00, closed on Saturdays"},
    {"제22대 국회의원 선거 사전투표소 위치 안내 — 4월 5일·6일", "Early voting stations for the 22nd National Assembly election, 5–6 April"},
    {"지진 대피 훈련 실시 예정(5월 15일 14:00), 방문객 여러분의 협조 부탁드립니다", "Earthquake drill on 15 May at 14:00: visitors, please follow the staff"},
    {"개인정보 보호 강화를 위한 민원서류 발급 절차 일부 변경", "Certificate issuing steps change to better protect personal data"},
    {"외국인 주민을 위한 무료 한국어 교실 수강생 모집 (선착순 40명)", "Free Korean classes for foreign residents: 40 places, first come, first served"},
    {"2025년 공공일자리 참여자 1,200명 모집… 1월 8일까지 접수", "1,200 public job places for 2025; apply by 8 January"},
    {"정부24 시스템 점검으로 3월 2일(토) 00:00~06:00 서비스 중단", "Gov24 offline for maintenance on Saturday 2 March, 0:00–6:00"},
    {"집중호우 피해 주민 재난지원금 신청 기간 연장 안내", "Deadline extended for flood-damage relief applications"},
    {"어린이 보호구역 불법 주정차 과태료 4월부터 3배 인상", "Illegal parking fines in school zones triple from April"},
    {"청년 전월세 보증금 대출 이자 지원 사업 2차 신청 접수", "Second round of rent-deposit interest support for young people"},
    {"주한 태국대사관과 함께하는 똠얌꿍 요리 교실 개최", "Thai cooking class with the Embassy of Thailand"},
    {"민방위 교육 온라인 이수 기간: 3월 4일~11월 30일", "Civil defence training online from 4 March to 30 November"},
    {"청사 1층 무인민원발급기 2대 추가 설치, 24시간 이용 가능", "Two more self-service kiosks on the ground floor, open 24 hours"},
    {"전자정부 누리집 접근성 개선… 화면 낭독기 호환성 98% 달성", "Government websites now 98% screen-reader compatible"},
    {"겨울철 한파 대비 취약계층 난방비 지원 신청 (1가구당 최대 30만 원)", "Winter heating aid for vulnerable households, up to KRW 300,000 each"},
    {"공공데이터 활용 창업 경진대회 본선 진출 15개 팀 발표", "15 teams reach the final of the Public Data Start-up Contest"},
    {"마을버스 7번 노선 조정으로 정류장 3곳 이전 (6월 17일 시행)", "Village bus 7 reroutes; three stops move from 17 June"},
    {"지역사랑상품권 10% 할인 판매, 1인당 월 50만 원 한도", "Local gift vouchers 10% off, up to KRW 500,000 a month"},
    {"행정복지센터 여권 발급 업무 일시 중단 안내(시스템 교체)", "Passport services paused at the community centre during a system change"},
    {"'AI 행정 서비스' 시범 운영, 민원 상담 대기 시간 40% 단축", "AI service pilot cuts help-desk waiting times by 40%"},
    {"미세먼지 비상저감조치 발령 시 공공기관 차량 2부제 시행", "Odd-even driving for public vehicles on high fine-dust days"},
    {"국가유공자 및 유족 대상 보훈 명절 위문품 전달", "Holiday gifts delivered to veterans and their families"},
    {"도서관 야간 개방 시범 운영: 화·목요일 22시까지", "Library opens late on Tuesdays and Thursdays, until 22:00"},
    {"반려동물 등록 자진신고 기간 운영 (7.1.~8.31.)", "Pet registration amnesty runs 1 July to 31 August"},
    {"청사 내 일회용 컵 사용 금지, 다회용 컵 대여 서비스 시작", "Disposable cups banned in the building; reusable cup loans begin"},
    {"다문화가족 자녀 이중언어 말하기 대회 참가자 모집", "Bilingual speech contest for children of multicultural families"},
    {"재난 문자 수신 설정 방법 안내 — 긴급·안전 안내 문자 구분", "How to set up emergency and safety alerts on your phone"},
    {"행정안전부, 2024년 하반기 지방자치단체 합동평가 결과 발표… 우수 기관 15곳에 특별교부세 120억 원 지원",
     "Joint evaluation of local governments: 15 top authorities share KRW 12 billion"},
    {"화재 안전 점검의 날: 매월 4일 소화기·비상구 점검", "Fire Safety Day: extinguishers and exits checked on the 4th of each month"},
    {"중소기업 수출 바우처 3차 공모… 최대 1억 원 지원", "Third call for SME export vouchers, up to KRW 100 million"},
    {"자동차세 연납 신청 시 5% 공제 (1월 16일~31일)", "Pay the year's car tax in January for a 5% discount"},
    {"무료 법률 상담 매주 수요일 14:00~17:00, 2층 상담실", "Free legal advice every Wednesday 14:00–17:00, room 2F"},
    {"정보통신 장애 대비 비상 연락망 점검 훈련 실시", "Emergency contact network drill for IT outages"},
    {"2024 대한민국 정부혁신 박람회, 코엑스에서 11월 6일 개막", "Government Innovation Fair 2024 opens at COEX on 6 November"},
    {"노후 상수도관 교체 공사로 6월 12일 단수 예정 (09:00~15:00)", "Water off on 12 June, 9:00–15:00, while old pipes are replaced"},
    {"어르신 스마트폰 활용 교육 수강생 모집, 회당 20명", "Smartphone classes for older residents: 20 per session"},
    {"공무원 채용 필기시험 합격자 발표 및 면접 일정 안내", "Civil service written exam results and interview schedule"},
    {"청사 방문 시 출입증 패용 의무화 (9월 1일부터)", "Visitor badges required in the building from 1 September"},
    {"기후위기 대응 '탄소중립 실천 주간' 행사 안내", "Carbon Neutral Week: events to tackle the climate crisis"},
    {"전통시장 화재공제 가입비 50% 지원 사업 시행", "Half of fire-insurance fees paid for traditional markets"},
    {"주민참여예산 제안 공모: 총 12억 원 규모, 누구나 참여 가능", "Participatory budget: proposals open to all, KRW 1.2 billion"},
}};
