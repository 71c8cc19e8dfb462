#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, made from the test fixtures each time (never a copy kept).

    make_seeds.py <source dir> <output dir>

writes <output dir>/<target>/<name>: each seed is an input as the target reads it, its first byte
(the Content-Type, the zone offset, the way in, the face) chosen to fit the fixture.
"""
import html
import json
import pathlib
import re
import sys

# feed_parser's first byte: an index into its kContentTypes (0: none, as from a file).
CHARSET_HINTS = [("euc-kr", 3), ("cp949", 11), ("iso-8859-1", 4), ("windows-1252", 5), ("json", 6),
                 ("utf16le", 8), ("utf16be", 9)]
DATE_ELEMENTS = r"pubDate|lastBuildDate|updated|published|dc:date|issued|modified|created"


def write(folder, name, first_byte, payload):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(bytes([first_byte]) + payload)


def feed_files(source):
    yield from sorted((source / "tests/data/feeds").glob("*.xml"))
    yield from sorted((source / "tests/data/feeds/cap").glob("*.xml"))
    yield from sorted((source / "tests/data/feeds").glob("*.json"))
    yield from sorted((source / "tests/data/feeds").glob("*.html"))
    yield source / "assets/sample-feed.xml"


def seed_feeds(source, out):
    for path in feed_files(source):
        body = path.read_bytes()
        write(out / "feed_parser", path.stem, 0, body)
        for hint, index in CHARSET_HINTS:
            if hint in path.name:
                write(out / "feed_parser", path.stem + "-typed", index, body)
        # http_response reads its fields from both ends; a whole feed gives it a body to start from.
        (out / "http_response").mkdir(parents=True, exist_ok=True)
        (out / "http_response" / path.stem).write_bytes(body)


def decoded_text(path):
    body = path.read_bytes()
    for encoding in ("utf-8", "utf-16", "cp949", "cp1252"):
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


def seed_dates(source, out):
    dates = set()
    for path in feed_files(source):
        text = decoded_text(path)
        dates.update(m.group(2).strip() for m in re.finditer(rf"<({DATE_ELEMENTS})>([^<]*)</", text))
        dates.update(re.findall(r'"date_(?:published|modified)"\s*:\s*"([^"]*)"', text))
    # The forms the unit tests try, from their string literals that hold digits.
    test = (source / "tests/feed/feed_time_test.cpp").read_text(encoding="utf-8")
    dates.update(s for s in re.findall(r'"((?:[^"\\]|\\.)*)"', test) if re.search(r"\d{2}", s) and len(s) < 80)
    for n, date in enumerate(sorted(dates)):
        payload = date.encode("utf-8")
        write(out / "feed_time", f"date-{n}", 56, payload)      # zoneless read as UTC
        write(out / "feed_time", f"date-{n}-kst", 92, payload)  # zoneless read as +09:00


def seed_configs(source, out):
    paths = sorted((source / "tests/data/config").glob("*.toml"))
    paths += [source / "assets/example-config.toml", source / "deploy/debian/config.toml"]
    for path in paths:
        if path.exists():
            write(out / "config_loader", path.stem, 0, path.read_bytes())     # parse_config
            write(out / "config_loader", path.stem + "-file", 0xe0, path.read_bytes())  # load_config


def seed_text(source, out):
    titles = set()
    for path in feed_files(source):
        text = decoded_text(path)
        for m in re.finditer(r"<(title|description|summary)[^>]*>(.*?)</\1>", text, re.S):
            titles.add(html.unescape(re.sub(r"<!\[CDATA\[|\]\]>", "", m.group(2))).strip())
        if path.suffix == ".json":
            try:
                feed = json.loads(text)
            except ValueError:
                continue
            items = feed.get("items", []) if isinstance(feed, dict) else []
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict):
                    titles.update(v for v in item.values() if isinstance(v, str))
    for n, title in enumerate(sorted(t for t in titles if t)):
        payload = title.encode("utf-8")[:2000]
        write(out / "text_shaping", f"text-{n}", n % 256, payload)


def main():
    source, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    seed_feeds(source, out)
    seed_dates(source, out)
    seed_configs(source, out)
    seed_text(source, out)
    for folder in sorted(out.iterdir()):
        print(f"seeds: {folder.name}: {sum(1 for _ in folder.iterdir())}")


if __name__ == "__main__":
    main()
