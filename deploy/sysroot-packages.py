#!/usr/bin/env python3
"""Prints the Debian packages a cross sysroot needs (deploy/cross-build.sh, sysroot way):
   deploy/sysroot-packages.py ARCH PKG:ARCH... PKG...
the roots and their Depends/Pre-Depends, recursively, at the indexes' versions. Of alternatives
(a | b) and of a virtual package's providers only the first is taken, as apt would, so that
e.g. libelogind0 (which ships libsystemd.so.0 and conflicts with libsystemd0) never comes in.
Only ARCH packages and Architecture: all ones are kept; the host's tools (Multi-Arch:
foreign) are not part of a sysroot."""
import subprocess, sys
arch = sys.argv[1]
roots = sys.argv[2:]
DEPENDS = ('Depends:', 'PreDepends:')
def depends(names):
    out = subprocess.run(['apt-cache', 'depends', '--no-recommends', '--no-suggests', '--no-conflicts',
                          '--no-breaks', '--no-replaces', '--no-enhances', *names],
                         capture_output=True, text=True, check=True).stdout
    deps, pkg, group, providers_of = {}, None, [], None
    for line in out.splitlines():
        if not line.startswith(' '):
            pkg = line.strip(); deps[pkg] = []; group = []; providers_of = None
            continue
        s = line.strip()
        kind, _, name = s.partition(' ')
        if kind.lstrip('|') in DEPENDS:
            group.append(name)
            providers_of = name if name.startswith('<') else None
            if not kind.startswith('|'):
                deps[pkg].append(group); group = []
        elif providers_of is not None:  # a provider of the virtual package just named
            deps[pkg].append([s])
            providers_of = None
    return deps
def arch_all(names):
    if not names: return set()
    out = subprocess.run(['apt-cache', 'show', '--no-all-versions', *names], capture_output=True, text=True).stdout
    found, name = set(), None
    for line in out.splitlines():
        if line.startswith('Package: '): name = line.split()[1]
        elif line == 'Architecture: all': found.add(name)
    return found
chosen, queue = set(), list(roots)
while queue:
    todo = sorted(set(queue) - chosen); queue = []
    if not todo: break
    chosen.update(todo)
    for pkg, groups in depends(todo).items():
        for group in groups:
            real = [n for n in group if not n.startswith('<')]
            if any(n in chosen for n in real): continue
            wanted = [n for n in real if n.endswith(':' + arch) or ':' not in n]
            if wanted: queue.append(wanted[0])
    plain = [n for n in queue if ':' not in n]
    keep = arch_all(plain)
    queue = [n for n in queue if ':' in n or n in keep]
print('\n'.join(sorted(chosen)))
