#!/bin/sh
# Makes fonts/NotoSansKR-Fallback-{Regular,Bold}.otf, the Old Hangul and rare Hanja fallback,
# from Debian 12's fonts-noto-cjk, with fontTools (Debian: python3-fonttools). Run by hand when
# the source font changes; its OUTPUT is committed, and the build never runs it.
#
#   apt-get install fonts-noto-cjk python3-fonttools && sh fonts/make-fallback-subset.sh
#
# What is kept (see fonts/README.md for why):
#   Regular: the conjoining jamo (U+1100-11FF, A960-A97F, D7B0-D7FF) with the GSUB features that
#            compose them into syllable blocks (ljmo, vjmo, tjmo, ccmp, locl), the modern
#            syllables (U+AC00-D7A3: a cluster of a syllable and an old final jamo, such as
#            U+D558 U+11EB, composes only in a font that has both), and every Han
#            character of the Korean face (CJK Unified Ideographs and Extensions A, B and on,
#            compatibility ideographs, radicals) that NanumGothic.ttf lacks: it comes after Nanum
#            Gothic in every chain, so the ones Nanum has would never be drawn from here.
#   Bold:    the jamo and syllables only (Hanja beyond Nanum's in a bold line take the Regular file).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source_dir=${NOTO_CJK_DIR:-/usr/share/fonts/opentype/noto}
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$python" - "$source_dir" "$here" "$work" <<'PY'
import sys
from fontTools.ttLib import TTCollection, TTFont
from fontTools import subset

source_dir, fonts_dir, work = sys.argv[1:4]
jamo = [(0x1100, 0x11FF), (0xA960, 0xA97F), (0xD7B0, 0xD7FF), (0xAC00, 0xD7A3)]
han = [(0x2E80, 0x2FDF), (0x31C0, 0x31EF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFF)]
nanum = set(TTFont(f"{fonts_dir}/NanumGothic.ttf").getBestCmap())

def korean_face(weight):
    collection = TTCollection(f"{source_dir}/NotoSansCJK-{weight}.ttc")
    for font in collection.fonts:
        if font["name"].getDebugName(1).endswith(" KR"):
            return font
    sys.exit(f"NotoSansCJK-{weight}.ttc: no face named '... KR'")

for weight, ranges in (("Regular", jamo + han), ("Bold", jamo)):
    font = korean_face(weight)
    cmap = font.getBestCmap()
    wanted = sorted(cp for first, last in ranges for cp in range(first, last + 1)
                    if cp in cmap and (cp not in nanum or (first, last) in jamo))
    options = subset.Options()
    options.layout_features = ["ljmo", "vjmo", "tjmo", "ccmp", "locl"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    out = f"{fonts_dir}/NotoSansKR-Fallback-{weight}.otf"
    font.save(out)
    print(f"{out}: {len(wanted)} characters, {len(font.getGlyphOrder())} glyphs")
PY
