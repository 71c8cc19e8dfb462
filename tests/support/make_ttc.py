#!/usr/bin/env python3
"""Writes an OpenType font collection (a .ttc, 'ttcf' version 1.0) from single font files.

    make_ttc.py -o OUT.ttc [--dlng INDEX=TAGS]... [--family INDEX=NAME]... FONT [FONT...]

Face N of OUT is FONT number N (from 0), with the same tables, so the tests can build
collections from the repository's own fonts instead of shipping a large CJK collection.
Python's standard library only.

  --dlng INDEX=TAGS     gives face INDEX a 'meta' table whose design languages ('dlng') are TAGS,
                        written as given (e.g. "Kore" or "Latn, Kore")
  --family INDEX=NAME   sets every family name (name ids 1 and 16, every language) of face INDEX
                        to NAME

Identical tables are stored once and shared, as real collections do. A face's 'DSIG' is
left out: it signs the font as a single file, and no longer matches once the font is inside a
collection. 'head' keeps its checkSumAdjustment, which likewise sums the single file; no reader
checks it.
"""

import argparse
import struct
import sys

SINGLE_FONT_VERSIONS = (b"\x00\x01\x00\x00", b"OTTO", b"true")


def read_font(path):
    """The sfnt version and the tables of a single font file: {tag: (data, checksum)}."""
    with open(path, "rb") as file:
        data = file.read()
    version = data[:4]
    if version not in SINGLE_FONT_VERSIONS:
        sys.exit(f"make_ttc.py: {path}: not a single TrueType/OpenType font (starts with {version!r})")
    (num_tables,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for i in range(num_tables):
        tag, checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = (data[offset:offset + length], checksum)
    return version, tables


def padded(data):
    return data + b"\0" * (-len(data) % 4)


def checksum(data):
    data = padded(data)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def meta_table(design_languages):
    text = design_languages.encode("ascii")
    header_size = 16 + 12  # the header, then one DataMap record
    return struct.pack(">IIII4sII", 1, 0, 0, 1, b"dlng", header_size, len(text)) + text


def renamed(name_table, family):
    """name_table with the strings of name ids 1 and 16 replaced by `family`."""
    name_format, count, string_offset = struct.unpack_from(">HHH", name_table, 0)
    if name_format != 0:
        sys.exit(f"make_ttc.py: --family supports 'name' table format 0 only, not {name_format}")
    records = []
    for i in range(count):
        platform, encoding, language, name_id, length, offset = struct.unpack_from(">6H", name_table, 6 + 12 * i)
        text = name_table[string_offset + offset:string_offset + offset + length]
        if name_id in (1, 16):
            # Macintosh names use legacy per-language encodings: left out rather than guessed.
            if platform not in (0, 3):
                continue
            text = family.encode("utf-16-be")
        records.append((platform, encoding, language, name_id, text))
    records.sort(key=lambda record: record[:4])
    header = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records))
    directory = b""
    strings = b""
    for platform, encoding, language, name_id, text in records:
        directory += struct.pack(">6H", platform, encoding, language, name_id, len(text), len(strings))
        strings += text
    return header + directory + strings


def face_options(values, count, option):
    """{face index: value} from INDEX=VALUE arguments."""
    options = {}
    for value in values:
        index, separator, text = value.partition("=")
        if not separator or not index.isdigit() or int(index) >= count:
            sys.exit(f"make_ttc.py: {option} {value!r}: expected INDEX=VALUE with INDEX below {count}")
        options[int(index)] = text
    return options


def main():
    parser = argparse.ArgumentParser(description="Writes an OpenType font collection from single font files.")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--dlng", action="append", default=[], metavar="INDEX=TAGS")
    parser.add_argument("--family", action="append", default=[], metavar="INDEX=NAME")
    parser.add_argument("fonts", nargs="+", metavar="FONT")
    arguments = parser.parse_args()
    design_languages = face_options(arguments.dlng, len(arguments.fonts), "--dlng")
    families = face_options(arguments.family, len(arguments.fonts), "--family")

    faces = []
    for index, path in enumerate(arguments.fonts):
        version, tables = read_font(path)
        tables.pop(b"DSIG", None)
        if index in design_languages:
            table = meta_table(design_languages[index])
            tables[b"meta"] = (table, checksum(table))
        if index in families:
            table = renamed(tables[b"name"][0], families[index])
            tables[b"name"] = (table, checksum(table))
        faces.append((version, tables))

    # Offsets in a collection count from the start of the collection file, not of the font,
    # so the whole layout is settled before anything is written: header, directories, data.
    header_size = 12 + 4 * len(faces)
    face_offsets = []
    position = header_size
    for _, tables in faces:
        face_offsets.append(position)
        position += 12 + 16 * len(tables)
    data_offsets = {}  # table bytes -> offset, so identical tables are stored once
    data = b""
    for _, tables in faces:
        for table, _ in tables.values():
            if table not in data_offsets:
                data_offsets[table] = position + len(data)
                data += padded(table)

    output = struct.pack(">4sHHI", b"ttcf", 1, 0, len(faces))
    output += struct.pack(f">{len(faces)}I", *face_offsets)
    for version, tables in faces:
        count = len(tables)
        entry_selector = count.bit_length() - 1
        search_range = 16 << entry_selector
        output += version + struct.pack(">HHHH", count, search_range, entry_selector, count * 16 - search_range)
        for tag in sorted(tables):
            table, table_checksum = tables[tag]
            output += struct.pack(">4sIII", tag, table_checksum, data_offsets[table], len(table))
    assert len(output) == position
    with open(arguments.output, "wb") as file:
        file.write(output + data)


if __name__ == "__main__":
    main()
