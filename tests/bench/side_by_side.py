#!/usr/bin/python3
"""The player beside a browser and beside the floor, on one screen: prints numbers, asserts nothing.

    tests/bench/side_by_side.py [--build build] [--rounds 3] [--warmup 10] [--window 60]
                                [--fps-window 60] [--quick] [--only NAME,...] [--out FILE.md]
                                [--before OTHER_BUILD]

On an Xvfb display of its own (1920x1080x24), in alternation over --rounds rounds, it runs:
  player featured+ticker   build/bin/signage-player, [screen] layout = "featured+ticker"
  player ticker            the same, layout = "ticker"
  chromium                 Chromium in kiosk mode (--disable-gpu) showing tests/bench/ticker.html
  floor                    build/bin/bench-floor_ticker: the least a program can spend on it
The scene is the same for all: the ten bilingual headlines of tests/bench/headlines.txt crawling
at 120 px/s, white, in a #0B3D91 band along the bottom 11% of the screen, in the bundled fonts.
The player reads them as an RSS feed from a loopback HTTP server this script starts, and starts
from its cached copy (one run before the rounds fills the cache; Chromium's profile is warmed the
same way).

For each program it measures:
  first frame   launch (just before exec) to the band with text in the X server's own picture,
                read back every ~2 ms (tests/bench/xpicture.py), not the program's log;
  CPU           of the program's whole process tree (a cgroup when it may make one, else /proc)
                and of the X server, over --window seconds after --warmup seconds;
  PSS           the proportional set size summed over the tree, at the end of that window;
  fps, late     pictures of the band presented per second, and intervals longer than 1.5 frames
                of 60 Hz, over --fps-window seconds of steady scroll (sampled after the CPU
                window, so that the sampling costs nothing there).
Then the headless numbers of build/bin/bench-headless, when it is built.
Medians over the rounds, and the ratios to Chromium and to the floor, as a Markdown table on
standard output and in --out. What it cannot run (no Xvfb, no Chromium, no floor) it says, and
runs the rest. Debian's python3 alone.
"""
import argparse
import functools
import http.server
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from process_tree import ProcessTree  # noqa: E402
from xpicture import XPicture  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
WIDTH, HEIGHT = 1920, 1080
BAND_BGR = (0x91, 0x3D, 0x0B)  # #0B3D91 as the X server stores it: blue, green, red
FRAME_S = 1 / 60


def say(message):
    print(f"side-by-side: {message}", file=sys.stderr, flush=True)


# --- the scene's inputs --------------------------------------------------------------------------

def headlines():
    with open(os.path.join(HERE, "headlines.txt"), encoding="utf-8") as lines:
        return [line.strip() for line in lines if line.strip()]


def feed_xml(titles):
    items = "".join(f"<item><title>{escape(title)}</title><guid>bench-{i}</guid>"
                    f"<pubDate>Mon, 03 Jun 2024 09:{i:02d}:00 +0900</pubDate></item>" for i, title in enumerate(titles))
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench</title>'
            f"<link>http://127.0.0.1/</link><description>bench</description>{items}</channel></rss>")


def player_config(layout, feed_url):
    return (f'[[feed]]\nname = "bench"\nurl = "{feed_url}"\nlanguage = "ko"\n'
            f'[screen]\nlayout = "{layout}"\nband = "#0B3D91"\n[crawl]\nspeed_px_per_s = 120\n')


def serve(folder):
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def start_xvfb():
    if not shutil.which("Xvfb"):
        return None, None
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp", "-noreset",
                             "-screen", "0", f"{WIDTH}x{HEIGHT}x24"], pass_fds=[write_fd], stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = pipe.readline().strip()
    return (xvfb, ":" + display) if display else (None, None)


# --- the programs --------------------------------------------------------------------------------

class Program:
    def __init__(self, name, argv, env, note=""):
        self.name, self.argv, self.env, self.note = name, argv, env, note


def programs(args, work, display, feed_url):
    base_env = dict(os.environ, DISPLAY=display, XDG_RUNTIME_DIR=work)
    base_env.pop("NOTIFY_SOCKET", None)
    found, missing = [], []
    players = [("player", args.build)] + ([("before: player", args.before)] if args.before else [])
    for label, build in players:
        player = os.path.join(build, "bin", "signage-player")
        for layout in ("featured+ticker", "ticker"):
            config = os.path.join(work, f"{layout}.toml")
            with open(config, "w") as out:
                out.write(player_config(layout, feed_url))
            cache = f"cache-{layout}" if label == "player" else f"cache-before-{layout}"
            env = dict(base_env, XDG_CACHE_HOME=os.path.join(work, cache))
            if os.access(player, os.X_OK):
                found.append(Program(f"{label} {layout}", [player, "--config", config, "--windowed", f"{WIDTH}x{HEIGHT}"], env))
            else:
                missing.append(f"{label} {layout}: {player} is not built (cmake --build {build})")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        fragment = urllib.parse.quote("\n".join(headlines()))
        page = "file://" + os.path.join(HERE, "ticker.html") + "#" + fragment
        flags = ["--kiosk", "--disable-gpu", "--no-first-run", "--noerrdialogs", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps", "--password-store=basic",
                 "--disable-features=Translate,MediaRouter", f"--window-size={WIDTH},{HEIGHT}", "--window-position=0,0",
                 f"--user-data-dir={os.path.join(work, 'chromium-profile')}"]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        found.append(Program("chromium", [chromium] + flags + [page], dict(base_env, XDG_CACHE_HOME=os.path.join(work, "cache-chromium")),
                             "Chromium " + subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip()))
    else:
        missing.append("chromium: not installed (Debian package chromium; deploy/setup.sh bench installs it)")
    floor = os.path.join(args.build, "bin", "bench-floor_ticker")
    if os.access(floor, os.X_OK):
        lines = os.path.join(HERE, "headlines.txt")
        found.append(Program("floor", [floor, lines, os.path.join(SOURCE, "fonts", "NanumGothic.ttf")], base_env))
    else:
        missing.append(f"floor: {floor} is not built (it needs SDL2_ttf: Debian package libsdl2-ttf-dev)")
    if args.only:
        wanted = args.only.split(",")
        found = [program for program in found if program.name in wanted]
    return found, missing


# --- what the X server shows ---------------------------------------------------------------------

def band_shows_text(picture):
    """The band is there (its colour fills a row below the text) and white text is in it. Read
    one row at a time (8 KB), so that the polling costs the X server, and the two cores, little
    while the program it watches starts."""
    band_row = picture.rows(HEIGHT - 4, 1)
    samples = [band_row[x * 4:x * 4 + 3] for x in range(0, WIDTH, 16)]
    band = sum(all(abs(value - want) <= 12 for value, want in zip(pixel, BAND_BGR)) for pixel in samples)
    if band < len(samples) * 0.9:
        return False
    centre = HEIGHT - HEIGHT * 11 // 200  # the middle of the band: through the letters' strokes
    return picture.rows(centre, 1).count(b"\xff\xff\xff") >= 60


def text_rows_key(picture):
    centre = HEIGHT - HEIGHT * 11 // 200
    return hash(picture.rows(centre - 8, 17))  # one request: the server draws nothing midway


def watch_frames(picture, seconds):
    """Times at which a new picture of the band appeared, read every ~2 ms for `seconds`, and
    the times of the reads. A program may send one frame in several pieces (a browser's tiles):
    changes closer together than a quarter of a frame are one frame."""
    frames, reads, last, last_change = [], [], None, -1.0
    end = time.monotonic() + seconds
    while (now := time.monotonic()) < end:
        key = text_rows_key(picture)
        reads.append(now)
        if key != last:
            if now - last_change > FRAME_S / 4:
                frames.append(now)
            last, last_change = key, now
        time.sleep(0.002)
    return frames, reads


def frame_numbers(frames, reads):
    """Frames a second, late frames (more than 1.5 frames of 60 Hz after the one before) and the
    longest interval in ms. An interval in which this script itself missed reads for more than
    5 ms (its own process not scheduled) is not judged: the lateness could be the script's."""
    if len(frames) < 3:
        return 0.0, 0, 0.0
    intervals, late, read_index = [], 0, 0
    for start, end in zip(frames[1:], frames[2:]):
        longest_gap = 0.0
        while read_index + 1 < len(reads) and reads[read_index + 1] <= end:
            if reads[read_index] >= start:
                longest_gap = max(longest_gap, reads[read_index + 1] - reads[read_index])
            read_index += 1
        if longest_gap <= 0.005:
            intervals.append(end - start)
            late += end - start > 1.5 * FRAME_S
    fps = (len(frames) - 2) / (frames[-1] - frames[1])
    return fps, late, max(intervals, default=0.0) * 1000


def x_server_cpu(xvfb_pid):
    with open(f"/proc/{xvfb_pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- one run of one program ----------------------------------------------------------------------

def run_once(program, args, picture, xvfb_pid, work, measure=True):
    """Starts `program`, measures it as the docstring says, stops it. None when it never showed text."""
    tree = ProcessTree(program.name.replace(" ", "-").replace("+", "-"))
    log_path = os.path.join(work, program.name.replace(" ", "-") + ".log")
    with open(log_path, "ab") as log:
        started = time.monotonic()
        tree.start(program.argv, program.env, log)
        try:
            first_ms = None
            while time.monotonic() - started < args.first_frame_timeout and tree.alive():
                if band_shows_text(picture):
                    first_ms = (time.monotonic() - started) * 1000
                    break
                time.sleep(0.002)
            if first_ms is None:
                say(f"{program.name}: no band with text on screen after {args.first_frame_timeout} s "
                    f"({'it ended' if not tree.alive() else 'still running'}; see {log_path})")
                return None
            if not measure:
                time.sleep(2)  # let it settle and write its caches
                return {}
            time.sleep(args.warmup)
            cpu_before, x_before, window_start = tree.cpu_seconds(), x_server_cpu(xvfb_pid), time.monotonic()
            time.sleep(args.window)
            elapsed = time.monotonic() - window_start
            cpu = (tree.cpu_seconds() - cpu_before) / elapsed * 100
            x_cpu = (x_server_cpu(xvfb_pid) - x_before) / elapsed * 100
            pss = tree.pss_mb()
            fps, late, worst_ms = frame_numbers(*watch_frames(picture, args.fps_window))
            return {"first_ms": first_ms, "cpu": cpu, "x_cpu": x_cpu, "cpu_with_x": cpu + x_cpu, "pss": pss,
                    "fps": fps, "late": late, "worst_ms": worst_ms, "accounting": tree.accounting}
        finally:
            tree.stop()


# --- the report ----------------------------------------------------------------------------------

def median(results, key):
    return statistics.median(result[key] for result in results)


def ratio(value, base):
    return f"{value / base:.2f}x" if base else "-"


def table(summary):
    chromium, floor = summary.get("chromium"), summary.get("floor")
    lines = ["| program | CPU % of a core | X server % | CPU with X | PSS MB | first frame ms | fps | late frames "
             "| CPU vs Chromium, floor | PSS vs Chromium, floor | first frame vs Chromium, floor |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, row in summary.items():
        def ratios(key):
            return f"{ratio(row[key], chromium[key]) if chromium else '-'}, {ratio(row[key], floor[key]) if floor else '-'}"
        lines.append(f"| {name} | {row['cpu']:.2f} | {row['x_cpu']:.2f} | {row['cpu_with_x']:.2f} | {row['pss']:.1f} "
                     f"| {row['first_ms']:.0f} | {row['fps']:.1f} | {row['late']:g} (worst {row['worst_ms']:.0f} ms) "
                     f"| {ratios('cpu_with_x')} | {ratios('pss')} | {ratios('first_ms')} |")
    return "\n".join(lines)


def headless_numbers(args):
    bench = os.path.join(args.build, "bin", "bench-headless")
    if not os.access(bench, os.X_OK):
        return [f"(bench-headless is not built: {bench})"]
    run = subprocess.run([bench] + (["--quick"] if args.quick else []), capture_output=True, text=True, timeout=900)
    return [line for line in run.stdout.splitlines() if line.strip()] or [f"(bench-headless printed nothing: {run.stderr.strip()})"]


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    commit = subprocess.run(["git", "-C", SOURCE, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return f"{model}, {os.cpu_count()} CPUs, Linux {platform.release()}, commit {commit or 'unknown'}"


# --- main ----------------------------------------------------------------------------------------

def options():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(SOURCE, "build"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--window", type=float, default=60)
    parser.add_argument("--fps-window", type=float, default=60)
    parser.add_argument("--first-frame-timeout", type=float, default=30)
    parser.add_argument("--quick", action="store_true", help="1 round, 3 s warm-up, 10 s windows: a smoke, not a measurement")
    parser.add_argument("--only", help="comma-separated program names")
    parser.add_argument("--before", help="the build folder of another commit, whose player runs too, as \"before: player ...\"")
    parser.add_argument("--out", default=None, help="also write the report here (Markdown)")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.warmup, args.window, args.fps_window = 1, 3, 10, 10
    return args


def measure_side_by_side(args, work, report):
    xvfb, display = start_xvfb()
    if not xvfb:
        report.append("Not run side by side: Xvfb is missing (Debian package xvfb) or did not start.")
        return
    server = serve(work)
    try:
        with open(os.path.join(work, "feed.xml"), "w", encoding="utf-8") as feed:
            feed.write(feed_xml(headlines()))
        found, missing = programs(args, work, display, f"http://127.0.0.1:{server.server_address[1]}/feed.xml")
        for reason in missing:
            say(f"skipped {reason}")
        picture = XPicture(display)
        for program in found:  # fills the player's feed cache and Chromium's profile
            run_once(program, args, picture, xvfb.pid, work, measure=False)
        results = {program.name: [] for program in found}
        for round_number in range(1, args.rounds + 1):
            for program in found:
                say(f"round {round_number}/{args.rounds}: {program.name}")
                result = run_once(program, args, picture, xvfb.pid, work)
                if result:
                    results[program.name].append(result)
                    say(f"  first frame {result['first_ms']:.0f} ms, CPU {result['cpu']:.2f} % + X {result['x_cpu']:.2f} %, "
                        f"PSS {result['pss']:.1f} MB, {result['fps']:.1f} fps, {result['late']} late")
        summary = {name: {key: median(runs, key) for key in ("first_ms", "cpu", "x_cpu", "cpu_with_x", "pss", "fps", "late", "worst_ms")}
                   for name, runs in results.items() if runs}
        accounting = next((runs[0]["accounting"] for runs in results.values() if runs), "-")
        report += [f"Side by side: Xvfb {WIDTH}x{HEIGHT}x24, medians of {args.rounds} rounds, CPU over {args.window:g} s after "
                   f"{args.warmup:g} s of warm-up (accounting: {accounting}), frames over {args.fps_window:g} s.", "",
                   table(summary), ""]
        report += [f"- {program.name}: {program.note}" for program in found if program.note]
        report += [f"- not run: {reason}" for reason in missing]
        picture.close()
    finally:
        server.shutdown()
        xvfb.terminate()
        xvfb.wait()


def main():
    args = options()
    report = [f"# Side-by-side benchmark, {time.strftime('%Y-%m-%d %H:%M')}", "", f"Machine: {machine()}.", ""]
    with tempfile.TemporaryDirectory(prefix="signage-bench-") as work:
        measure_side_by_side(args, work, report)
    report += ["", "Headless (build/bin/bench-headless):", "", "```"] + headless_numbers(args) + ["```"]
    text = "\n".join(report) + "\n"
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            out.write(text)


if __name__ == "__main__":
    main()
