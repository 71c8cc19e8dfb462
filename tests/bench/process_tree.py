"""The CPU time and memory of a program and every process it starts, for
tests/bench/side_by_side.py.

A program is started inside a control group of its own when the harness may make one (root, or a
delegated cgroup v2 subtree): the kernel then counts the CPU of every process of the tree,
short-lived children included, and lists them all. Without one, /proc is read instead: the
processes descended from the program, with the times of the children each has waited for
(cutime, cstime), so a child that ended and was reaped still counts.
"""
import os
import signal
import subprocess
import time

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _cgroup_roots():
    """(version, folder) of the mounted cgroup hierarchies that count CPU: v1's cpuacct, v2."""
    roots = []
    with open("/proc/self/mountinfo") as mounts:
        for line in mounts:
            fields = line.split()
            separator = fields.index("-")
            fstype, options = fields[separator + 1], fields[-1]
            if fstype == "cgroup" and "cpuacct" in options.split(","):
                roots.append(("v1", fields[4]))
            elif fstype == "cgroup2":
                roots.append(("v2", fields[4]))
    roots.sort(key=lambda root: root[0] != "v1")  # v1's cpuacct first: v2 may lack cpu.stat there
    return roots


def proc_stat(pid):
    """(parent pid, utime + stime + cutime + cstime in seconds) of a process, or None when gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            text = stat.read()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), sum(int(value) for value in fields[11:15]) / CLOCK_TICKS


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class ProcessTree:
    """One program's processes: start(), cpu_seconds(), pss_mb(), stop()."""

    def __init__(self, name):
        self.name = name
        self.cgroup = None
        self.process = None
        for version, root in _cgroup_roots():
            folder = os.path.join(root, f"signage-bench-{os.getpid()}-{name}")
            try:
                os.makedirs(folder, exist_ok=True)
                with open(os.path.join(folder, "cgroup.procs")):
                    pass
            except OSError:
                continue
            self.cgroup = (version, folder)
            break

    @property
    def accounting(self):
        return f"cgroup {self.cgroup[0]}" if self.cgroup else "/proc (no cgroup: not root?)"

    def start(self, argv, env, log):
        if self.cgroup:
            # The shell puts itself in the group, then becomes the program: nothing runs outside it.
            argv = ["/bin/sh", "-c", 'echo $$ > "$0" && exec "$@"', os.path.join(self.cgroup[1], "cgroup.procs")] + argv
        self.process = subprocess.Popen(argv, env=env, stdout=log, stderr=log, start_new_session=True)

    def pids(self):
        if self.cgroup:
            try:
                with open(os.path.join(self.cgroup[1], "cgroup.procs")) as procs:
                    return [int(line) for line in procs if line.strip()]
            except OSError:
                return []
        parents = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                stat = proc_stat(entry)
                if stat:
                    parents[int(entry)] = stat[0]
        tree, added = {self.process.pid}, True
        while added:
            added = False
            for pid, parent in parents.items():
                if parent in tree and pid not in tree:
                    tree.add(pid)
                    added = True
        return sorted(pid for pid in tree if pid in parents)

    def cpu_seconds(self):
        if self.cgroup and self.cgroup[0] == "v1":
            with open(os.path.join(self.cgroup[1], "cpuacct.usage")) as usage:
                return int(usage.read()) / 1e9
        if self.cgroup:
            with open(os.path.join(self.cgroup[1], "cpu.stat")) as stat:
                for line in stat:
                    if line.startswith("usage_usec"):
                        return int(line.split()[1]) / 1e6
        return sum(stat[1] for stat in map(proc_stat, self.pids()) if stat)

    def pss_mb(self):
        return sum(pss_kb(pid) for pid in self.pids()) / 1024

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        for sig, wait_s in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            for pid in self.pids() + ([self.process.pid] if self.alive() else []):
                try:
                    os.kill(pid, sig)
                except OSError:
                    pass
            deadline = time.monotonic() + wait_s
            while time.monotonic() < deadline and (self.alive() or self.pids()):
                time.sleep(0.05)
            if not self.alive() and not self.pids():
                break
        if self.process:
            self.process.wait()
        if self.cgroup:
            try:
                os.rmdir(self.cgroup[1])
            except OSError:
                pass
