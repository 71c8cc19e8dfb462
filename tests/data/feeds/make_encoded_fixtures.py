#!/usr/bin/env python3
"""Writes the feed fixtures whose bytes are not UTF-8 (CP949, windows-1252, Latin-1, UTF-16).

They cannot be edited as text, so their text lives here and this script writes the exact bytes.
Run it from anywhere: python3 tests/data/feeds/make_encoded_fixtures.py
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent

# A korea.kr-style ministry feed: declared EUC-KR, really CP949 (똠 in 똠얌꿍 and 샾 have no
# EUC-KR code), CDATA titles, dates as "2018-06-04 14:05:00" without a zone, a bare '&' in
# the links as these servers send them, HTML in a CDATA title and descriptions.
KOREA_KR = """<?xml version="1.0" encoding="EUC-KR"?>
<rss version="2.0">
<channel>
<title><![CDATA[정책브리핑 - 부처 보도자료]]></title>
<link>http://www.korea.example.kr/briefing/pressReleaseList.do</link>
<description><![CDATA[대한민국 정책브리핑 부처 보도자료 RSS]]></description>
<language>ko</language>
<copyright>Copyright(C) 문화체육관광부 정책브리핑</copyright>
<pubDate>2018-06-04 14:05:00</pubDate>
<item>
<title><![CDATA[외교부, 주한 태국대사관과 함께하는 ‘똠얌꿍’ 요리 교실 개최]]></title>
<link>http://www.korea.example.kr/briefing/pressReleaseView.do?newsId=156271234&pageIndex=1&repCodeType=</link>
<description><![CDATA[<p>외교부는 6월 9일(토) 주한 태국대사관과 함께 <b>똠얌꿍</b> 요리 교실을 연다.</p><p>참가 신청은 6월 7일까지.</p>]]></description>
<author>외교부</author>
<pubDate>2018-06-04 14:05:00</pubDate>
</item>
<item>
<title><![CDATA[<b>긴급</b> 재난안전 문자 발송 기준 개선]]></title>
<link>http://www.korea.example.kr/briefing/pressReleaseView.do?newsId=156271200&pageIndex=1&repCodeType=</link>
<description><![CDATA[행정안전부는 긴급재난문자 발송 기준을 개선한다고 밝혔다.]]></description>
<author>행정안전부</author>
<pubDate>2018-06-01 09:30:00</pubDate>
</item>
<item>
<title><![CDATA[해시태그(샾) 표기 통일 안내 & 공공언어 개선]]></title>
<link>http://www.korea.example.kr/briefing/pressReleaseView.do?newsId=156271188&pageIndex=1&repCodeType=</link>
<description><![CDATA[국립국어원은 공공기관 누리집의 외래어 표기를 점검했다.]]></description>
<author>문화체육관광부</author>
<pubDate>2018-05-31 17:20:00</pubDate>
</item>
</channel>
</rss>
"""

# An old ISO-8859-1 feed as written on Windows: the curly quotes, dashes, ellipsis, euro
# sign and trade mark sign are windows-1252 bytes (0x80-0x9F), which browsers decode as such.
WINDOWS_1252 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0">
<channel>
<title>Maplewood Township – Notices</title>
<link>http://www.maplewood.example.us/</link>
<description>Township notices</description>
<language>en-us</language>
<item>
<title>“Snow Day” closures – all schools and offices…</title>
<link>http://www.maplewood.example.us/notices/snow-day</link>
<guid isPermaLink="false">mw-2024-0117</guid>
<pubDate>Wed, 17 Jan 2024 06:15:00 EST</pubDate>
<description>The township’s offices open at 10 a.m. Parking fee €2 waived.</description>
</item>
<item>
<title>Café Rosé™ opens at the Community Center</title>
<link>http://www.maplewood.example.us/notices/cafe</link>
<guid isPermaLink="false">mw-2024-0112</guid>
<pubDate>Fri, 12 Jan 2024 12:00:00 EST</pubDate>
</item>
</channel>
</rss>
"""

# RSS 0.91 as Netscape defined it: a DOCTYPE naming the Netscape DTD (which is never
# loaded), HTML entities that only that DTD defines, Latin-1 bytes, and channel-level image
# and text input elements; items have no dates.
RSS_091 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
            "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91">
<channel>
<title>Gazette de l'arrondissement de Montr&eacute;al-Nord</title>
<link>http://www.arrondissement.example.qc.ca/</link>
<description>Avis aux citoyens</description>
<language>fr-ca</language>
<copyright>Copyright 2001, Arrondissement</copyright>
<managingEditor>redaction@arrondissement.example.qc.ca</managingEditor>
<webMaster>webmestre@arrondissement.example.qc.ca</webMaster>
<image>
<title>Gazette</title>
<url>http://www.arrondissement.example.qc.ca/images/logo.gif</url>
<link>http://www.arrondissement.example.qc.ca/</link>
<width>88</width>
<height>31</height>
</image>
<item>
<title>Fermeture de la piscine &laquo;&nbsp;Les &Eacute;rables&nbsp;&raquo;</title>
<link>http://www.arrondissement.example.qc.ca/avis/2001/0612.html</link>
<description>La piscine sera ferm&eacute;e pour travaux du 12 au 30 juin.</description>
</item>
<item>
<title>Collecte des ordures : horaire d'été</title>
<link>http://www.arrondissement.example.qc.ca/avis/2001/0605.html</link>
<description>À compter du 5 juin, la collecte a lieu le mardi.</description>
</item>
<textinput>
<title>Recherche</title>
<description>Chercher dans les avis</description>
<name>q</name>
<link>http://www.arrondissement.example.qc.ca/recherche</link>
</textinput>
</channel>
</rss>
"""

# UTF-16: one with a byte order mark (little-endian, as Windows tools write it) and one
# without (big-endian), which only its XML declaration and its zero bytes identify.
UTF16 = """<?xml version="1.0" encoding="UTF-16"?>
<rss version="2.0" xmlns:sp="urn:signage-player:feed:1">
<channel>
<title>구립도서관 알림</title>
<language>ko</language>
<item>
<title>여름방학 독서교실 참가자 모집</title>
<sp:title xml:lang="en">Summer reading class: sign up now</sp:title>
<guid>lib-2024-07-01</guid>
<pubDate>Mon, 01 Jul 2024 09:00:00 +0900</pubDate>
</item>
<item>
<title>𝄞 음악회 – 7월 13일 토요일</title>
<guid>lib-2024-07-02</guid>
<pubDate>Tue, 02 Jul 2024 09:00:00 +0900</pubDate>
</item>
</channel>
</rss>
"""

JSON_FEED_10 = """{
  "version": "https://jsonfeed.org/version/1",
  "title": "구청 알림 (JSON)",
  "home_page_url": "https://gu.example.go.kr/",
  "items": [
    {
      "id": "gu-json-1",
      "title": "주민등록 사실조사 실시 안내",
      "content_text": "9월 1일부터 10월 31일까지 주민등록 사실조사를 실시합니다.",
      "url": "https://gu.example.go.kr/notice/1",
      "date_modified": "2024-08-30T10:00:00+09:00"
    }
  ]
}
"""


def write(name, text, encoding, bom=b""):
    data = bom + text.encode(encoding)
    (HERE / name).write_bytes(data)
    return data


def main():
    korea = write("rss2-korea-kr-cp949-declared-euc-kr.xml", KOREA_KR, "cp949")
    # The fixture must hold CP949-only syllables: strict EUC-KR cannot decode it.
    try:
        korea.decode("euc_kr")
        raise SystemExit("the CP949 fixture decodes as EUC-KR; it must not")
    except UnicodeDecodeError:
        pass
    assert korea.decode("cp949") == KOREA_KR
    assert "똠".encode("cp949") == b"\x8c\x63"

    w1252 = write("rss2-windows-1252-declared-iso-8859-1.xml", WINDOWS_1252, "cp1252")
    assert b"\x93Snow Day\x94" in w1252

    write("rss091-netscape-doctype.xml", RSS_091, "latin-1")
    write("rss2-utf16le-bom.xml", UTF16, "utf-16-le", b"\xff\xfe")
    write("rss2-utf16be-no-bom.xml", UTF16, "utf-16-be")
    write("json-feed-1.0-utf16le-bom.json", JSON_FEED_10, "utf-16-le", b"\xff\xfe")


if __name__ == "__main__":
    main()
