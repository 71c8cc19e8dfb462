#!/usr/bin/env python3
"""Writes the feed fixtures whose encoding label no one registered ("u16", "utf_32", "bogus"):
the bytes are UTF-8, UTF-16, UTF-32 or CP949, and only the byte order mark, the zero bytes
(XML 1.0 Appendix F) or the bytes' validity tell which. The Korean headlines are from
shared/samples/headlines.tsv; "똠" has no EUC-KR code, so the CP949 file is CP949 proper.
Run it from anywhere: python3 tests/data/feeds/make_label_fixtures.py
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent


def rss(label):
    declaration = f'<?xml version="1.0" encoding="{label}"?>\n' if label else ""
    return declaration + """<rss version="2.0">
<channel>
<title>행정안전부 새소식</title>
<item>
<guid isPermaLink="false">mois-2018-06-04</guid>
<title>행정안전부·외교부, 페루·파라과이와 전자정부 협력 강화</title>
<pubDate>Mon, 04 Jun 2018 09:00:00 +0900</pubDate>
</item>
<item>
<guid isPermaLink="false">mois-2018-06-01</guid>
<title>한-파라과이 전자정부 협력 포럼, 아순시온에서 개최 (똠얌꿍 오찬)</title>
<pubDate>Fri, 01 Jun 2018 09:00:00 +0900</pubDate>
</item>
</channel>
</rss>
"""


FIXTURES = [
    # name, label in the declaration, codec, byte order mark
    ("label-utf8-declared-bogus.xml", "bogus", "utf-8", b""),
    ("label-utf8-bom-declared-bogus.xml", "bogus", "utf-8", b"\xef\xbb\xbf"),
    ("label-utf16le-bom-declared-u16.xml", "u16", "utf-16-le", b"\xff\xfe"),
    ("label-utf16le-no-bom-declared-u16.xml", "u16", "utf-16-le", b""),
    ("label-utf16be-bom-declared-u16.xml", "u16", "utf-16-be", b"\xfe\xff"),
    ("label-utf16be-no-bom-declared-u16.xml", "u16", "utf-16-be", b""),
    ("label-utf32le-no-bom-declared-utf_32.xml", "utf_32", "utf-32-le", b""),
    ("label-utf32be-bom-declared-utf_32.xml", "utf_32", "utf-32-be", b"\x00\x00\xfe\xff"),
    ("label-cp949-declared-bogus.xml", "bogus", "cp949", b""),
    ("label-cp949-undeclared.xml", "", "cp949", b""),
]


def main():
    for name, label, codec, bom in FIXTURES:
        data = bom + rss(label).encode(codec)
        (HERE / name).write_bytes(data)
        if codec == "cp949":
            try:
                data.decode("euc_kr")
                raise SystemExit(name + " decodes as EUC-KR; it must need CP949")
            except UnicodeDecodeError:
                pass


if __name__ == "__main__":
    main()
