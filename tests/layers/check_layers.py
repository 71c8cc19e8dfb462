#!/usr/bin/env python3
"""The layers of src/ and the one way data flows through them, checked on the #include lines.

A file may include headers of its own folder and of the layers below its own, never above, and
no headers may include each other in a circle. feed/ and text/ stand side by side: neither
includes the other. main.cpp, at the top of src/, may include anything.

Usage: check_layers.py SRC_DIR   (exit 0 when the tree keeps the order, 1 with one line a breach)
"""
import pathlib
import re
import sys

# Lowest first. A layer may include the layers before it in this list.
LAYERS = ["util", "config", "platform", "model", ("feed", "text"), "render", "app"]
RANK = {}
for rank, entry in enumerate(LAYERS):
    for name in entry if isinstance(entry, tuple) else (entry,):
        RANK[name] = rank

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def includes(path):
    return INCLUDE.findall(path.read_text(encoding="utf-8"))


def layer_of(relative):
    parts = pathlib.PurePosixPath(relative).parts
    return parts[0] if len(parts) > 1 else None  # None: main.cpp at the top


def breaches(src):
    found = []
    graph = {}
    for path in sorted(src.rglob("*.[ch]pp")):
        relative = path.relative_to(src).as_posix()
        own = layer_of(relative)
        if own is not None and own not in RANK:
            found.append(f"src/{relative}: folder '{own}' is in no layer: add it to LAYERS in {__file__}")
            continue
        graph[relative] = []
        for included in includes(path):
            target = layer_of(included)
            if not (src / included).exists():
                continue  # a system header written with quotes, or a generated one
            graph[relative].append(included)
            if own is None or target == own:
                continue
            if target not in RANK:
                found.append(f"src/{relative}: includes {included}, of a folder in no layer")
            elif RANK[target] >= RANK[own]:
                found.append(f"src/{relative}: includes {included}: layer '{target}' is not below '{own}'")
    found.extend(circles(graph))
    return found


def circles(graph):
    found, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in graph.get(node, []):
            if state.get(nxt) == "open":
                cycle = trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt]
                found.append("include circle: " + " -> ".join(cycle))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    src = pathlib.Path(sys.argv[1])
    found = breaches(src)
    for line in found:
        print(line)
    if not found:
        print(f"layers: {' < '.join('|'.join(e) if isinstance(e, tuple) else e for e in LAYERS)}: every include of {src} keeps the order")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
