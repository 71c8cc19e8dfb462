#!/usr/bin/python3
"""What a screen of ten headlines costs the player at startup: prints numbers, asserts nothing.

For each feed (ten plain Hangul/Latin headlines; then ten that also carry Old Hangul, Hanja
beyond Nanum Gothic's, Hebrew and Arabic; then ten with emoji), starts the built player windowed (1920x1080) under a
private Xvfb, RUNS times, and measures:
  ready_ms   from start to READY=1, which the player sends (sd_notify, to the datagram socket
             this script passes as NOTIFY_SOCKET) after its first frame;
  board_ms   from start to the log line of the first board with the feed's notices;
  PSS        the proportional set size (/proc/PID/smaps_rollup) SETTLE seconds after the board,
             and the private memory, which other processes sharing its libraries do not change;
and which font files the player has mapped then (/proc/PID/maps).
Prints each run and the medians. Standard library only (Debian's python3).

    tests/bench/startup_cost.py [--player build/bin/signage-player] [--runs 5] [--settle 3]
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

PLAIN = [
    "행정안전부, 2024년 지방자치단체 합동평가 결과 발표",
    "Seoul city hall opens a new civic service centre",
    "전자정부 협력센터 통해 디지털 플랫폼 정부 실현",
    "Korea and Peru sign an e-government cooperation plan",
    "민원실 운영 시간 변경 안내 (평일 09:00~18:00)",
    "Notice: elevator maintenance on Friday, 3rd floor",
    "주민등록증 재발급 신청은 온라인으로도 가능합니다",
    "Library hours extended during the exam period",
    "공공데이터 개방 확대… 신규 데이터셋 120종 공개",
    "Parking lot B closed for repairs until June 14",
]
# The same screen with text only the lazy fallbacks have: Old Hangul (U+1112 U+119E U+11AB,
# U+1109 U+1169 U+11F0), Hanja of Extension A and B, Hebrew and Arabic names.
FALLBACK = PLAIN[:5] + [
    "훈민정음 \u1112\u119e\u11ab \u1109\u1169\u11f0 옛한글 전시 안내",
    "희귀 한자 \u3400\u3401 \U0002000b 자료 공개",
    "Visiting scholar שרה כהן speaks on Friday",
    "환영합니다 محمد علي 님 — 국제협력과",
    "Conference: سلام and שלום, peace in two scripts",
]
# And with the emoji notices carry (the colour emoji font, also lazy).
EMOJI = PLAIN[:5] + [
    "📢 민원실 운영 시간 변경 안내",
    "⚠️ Typhoon warning: the lobby closes at 15:00 ☔",
    "🇰🇷 국경일 태극기 게양 안내 1️⃣ 2️⃣",
    "가족 👨‍👩‍👧 캠프 참가 신청 👍🏽",
    "Fire drill on Friday 🚒 ✅",
]


def feed_xml(titles):
    items = "".join(
        f"<item><title>{title}</title><link>https://example.org/{i}</link><guid>n{i}</guid>"
        f"<pubDate>Mon, 03 Jun 2024 09:{i:02d}:00 +0900</pubDate></item>"
        for i, title in enumerate(titles))
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench</title>'
            f"<link>https://example.org/</link><description>bench</description>{items}</channel></rss>")


def start_xvfb():
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["/usr/bin/Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp", "-noreset",
                             "-screen", "0", "1920x1080x24"], pass_fds=[write_fd], stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = pipe.readline().strip()
    if not display:
        sys.exit("Xvfb (Debian package xvfb) did not start")
    return xvfb, ":" + display


def memory_mb(pid):
    """PSS, and the private memory (Private_Clean + Private_Dirty), which other processes
    mapping the same libraries do not change."""
    fields = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                fields[parts[0].rstrip(":")] = int(parts[1]) / 1024
    return fields.get("Pss", float("nan")), fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)


def mapped_fonts(pid):
    """The font files the player has mapped (FreeType and HarfBuzz map the files they open)."""
    names = set()
    with open(f"/proc/{pid}/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if path.endswith((".ttf", ".otf", ".ttc")):
                names.add(os.path.basename(path))
    return sorted(names)


def one_run(player, feed, display, settle, work):
    notify_path = os.path.join(work, "notify.sock")
    if os.path.exists(notify_path):
        os.unlink(notify_path)
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(notify_path)
    log_path = os.path.join(work, "player.log")
    env = dict(os.environ, DISPLAY=display, NOTIFY_SOCKET=notify_path, XDG_CACHE_HOME=work, XDG_RUNTIME_DIR=work,
               SDL_VIDEODRIVER="x11")
    start = time.monotonic()
    with open(log_path, "wb") as log:
        process = subprocess.Popen([player, "--windowed", "1920x1080", "--feed", feed], env=env, stdout=log, stderr=log)
    ready_ms = board_ms = None
    deadline = start + 60
    try:
        notify.settimeout(0.02)
        while time.monotonic() < deadline and (ready_ms is None or board_ms is None):
            try:
                if b"READY=1" in notify.recv(4096) and ready_ms is None:
                    ready_ms = (time.monotonic() - start) * 1000
            except socket.timeout:
                pass
            if board_ms is None:
                with open(log_path, "rb") as log:
                    if b"feed: " in log.read() and b" notices rasterized" in open(log_path, "rb").read():
                        board_ms = (time.monotonic() - start) * 1000
            if process.poll() is not None:
                sys.exit(f"the player stopped: {open(log_path, errors='replace').read()}")
        time.sleep(settle)
        pss, private = memory_mb(process.pid)
        fonts = mapped_fonts(process.pid)
    finally:
        process.terminate()
        process.wait(10)
        notify.close()
    return ready_ms, board_ms, pss, private, fonts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--player", default="build/bin/signage-player")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=3.0)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="signage-startup-")
    xvfb, display = start_xvfb()
    try:
        for name, titles in (("plain Hangul/Latin", PLAIN), ("with Old Hangul, Hanja, Hebrew, Arabic", FALLBACK),
                             ("with emoji", EMOJI)):
            feed = os.path.join(work, "feed.xml")
            with open(feed, "w", encoding="utf-8") as out:
                out.write(feed_xml(titles))
            runs = [one_run(os.path.abspath(args.player), feed, display, args.settle, work) for _ in range(args.runs)]
            for ready, board, pss, private, _ in runs:
                print(f"{name}: ready {ready:.0f} ms, board {board or float('nan'):.0f} ms, PSS {pss:.1f} MB, private {private:.1f} MB")
            print(f"{name}: fonts mapped: {', '.join(runs[-1][4])}")
            median = lambda values: statistics.median(v for v in values if v is not None)
            print(f"MEDIAN {name}: first frame (READY=1) {median(r[0] for r in runs):.0f} ms, "
                  f"board {median(r[1] for r in runs):.0f} ms, PSS {median(r[2] for r in runs):.1f} MB, "
                  f"private {median(r[3] for r in runs):.1f} MB ({args.runs} runs)")
    finally:
        xvfb.terminate()
        xvfb.wait(10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
