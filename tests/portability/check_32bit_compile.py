#!/usr/bin/env python3
"""Every source of src/ compiles for a 32-bit target (i386, g++ -m32 -fsyntax-only), where size_t
is 32 bits as on 32-bit Raspberry Pi OS, with a shift past a type's width as an error: nothing
may depend on a 64-bit size_t (the scene's redraw key once shifted std::size_t{1} by 40).

Usage: check_32bit_compile.py SRC_DIR [compiler flags...]
Prints SIGNAGE-TEST-SKIPPED (ctest counts it as skipped) where g++ cannot target i386 (no
g++-multilib, or not an x86 machine)."""
import concurrent.futures
import os
import pathlib
import subprocess
import sys

CHECKS = ["-Werror=shift-count-overflow", "-Werror=overflow", "-Werror=narrowing"]


def can_target_i386():
    probe = subprocess.run(["g++", "-m32", "-x", "c++", "-fsyntax-only", "-", "-include", "cstddef"],
                           input="static_assert(sizeof(std::size_t) == 4);", capture_output=True, text=True)
    return probe.returncode == 0


def compile_one(source, src, flags):
    command = ["g++", "-m32", "-std=c++20", "-fsyntax-only", *CHECKS, f"-I{src}", '-DSIGNAGE_VERSION="0"', *flags, str(source)]
    done = subprocess.run(command, capture_output=True, text=True)
    return source, done.returncode, done.stderr


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    src = pathlib.Path(sys.argv[1])
    flags = [f for f in sys.argv[2:] if f]
    if not can_target_i386():
        print("SIGNAGE-TEST-SKIPPED: g++ cannot compile for i386 here (Debian package g++-multilib, on amd64)")
        return 0
    sources = sorted(src.rglob("*.cpp"))
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for source, code, errors in pool.map(lambda s: compile_one(s, src, flags), sources):
            if code != 0:
                failed += 1
                print(f"{source}: does not compile for a 32-bit size_t:\n{errors}")
    print(f"32-bit compile: {len(sources) - failed} of {len(sources)} sources compile for i386")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
