"""Peak memory of a command and of every process it starts, for the benchmarks.

`ru_maxrss` of RUSAGE_CHILDREN gives only the largest single descendant, and only those waited for; a
command whose work is split over processes (a parse child, render workers, a fork server) needs each one,
and the peak of their sum. So the command's process tree is sampled from /proc while it runs: each
process's own high-water mark (VmHWM, which never goes down, so a late sample still sees an early peak)
and the sum of their proportional set sizes at each sample (shared pages counted once). A process seen
between fork and exec is a copy of its parent and is left out. Linux only (the benchmarks run there);
elsewhere only the rusage figure is given.
"""

from __future__ import annotations

import os
import resource
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
INTERVAL = 0.01  # seconds between samples


@dataclass
class Piek:
    """Peak resident sets in MB: per process (by its command), the largest, and the largest sum at one moment."""

    per_proces: dict[str, float] = field(default_factory=dict)  # "pid name" -> own peak (VmHWM)
    som: float = 0.0  # the largest sum over all processes at one sample (proportional set size, see _pss)
    rusage: float = 0.0  # ru_maxrss of the waited-for children (the largest single one), as a cross-check

    @property
    def hoofd(self) -> float:
        """The command's own process (the first started)."""
        return next(iter(self.per_proces.values()), self.rusage)

    @property
    def grootste(self) -> float:
        return max(self.per_proces.values(), default=self.rusage)

    @property
    def kinderen(self) -> float:
        """The largest of the processes the command started (0 when it started none)."""
        return max(list(self.per_proces.values())[1:], default=0.0)


def piek(command: list[str], **kwargs) -> Piek:
    """Run `command` to its end (output discarded unless redirected in kwargs) and measure its memory."""
    kwargs.setdefault("stdout", subprocess.DEVNULL)
    kwargs.setdefault("stderr", subprocess.DEVNULL)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    hwm: dict[tuple[int, str], float] = {}
    samples: list[list[tuple[tuple[int, str], float]]] = []
    with subprocess.Popen(command, **kwargs) as proc:
        while proc.poll() is None:
            sample = []
            for pid in _tree(proc.pid):
                status, name = _status(pid), _naam(pid)
                if not status or not name:  # gone, or a zombie (no command line, no memory)
                    continue
                key = (pid, name)
                hwm[key] = max(hwm.get(key, 0.0), status.get("VmHWM", 0.0))
                sample.append((key, _pss(pid) or status.get("VmRSS", 0.0)))
            samples.append(sample)
            time.sleep(INTERVAL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # A process seen between its fork and its exec is a copy of its parent (and counts the parent's memory):
    # only the last command line seen under a pid counts.
    last = {pid: key for key in hwm for pid in [key[0]]}
    kept = set(last.values())
    result = Piek(per_proces={f"{pid} {name}": mb for (pid, name), mb in hwm.items() if (pid, name) in kept})
    result.som = max((sum(mb for key, mb in sample if key in kept) for sample in samples), default=0.0)
    # ru_maxrss is the largest over all children ever waited for: it is this command's only when it grew.
    result.rusage = after / 1024 if after > before else 0.0
    if proc.returncode not in (0, 1):
        raise subprocess.CalledProcessError(proc.returncode, command)
    return result


def _tree(root: int) -> list[int]:
    """`root` and all its descendants, parents before children."""
    if not PROC.is_dir():
        return []
    parents: dict[int, list[int]] = {}
    for entry in os.scandir(PROC):
        if not entry.name.isdigit():
            continue
        try:
            stat = (PROC / entry.name / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])  # the name may hold spaces and parentheses
        parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop(0)
        out.append(pid)
        todo.extend(sorted(parents.get(pid, [])))
    return out


def _naam(pid: int) -> str:
    """The process's command line, shortened (the interpreter's path left out)."""
    try:
        parts = (PROC / str(pid) / "cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return ""
    parts = [Path(parts[0]).name, *parts[1:]] if parts and parts[0] else parts
    return " ".join(p for p in parts if p)[:70]


def _pss(pid: int) -> float:
    """Proportional set size in MB (a page shared by n processes counts 1/n in each), 0 when unknown: the
    sum over processes that share pages (workers forked from one server) is then not counted twice."""
    try:
        text = (PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return 0.0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _status(pid: int) -> dict:
    """Name, VmHWM and VmRSS (in MB) of a process; {} when it has gone."""
    try:
        text = (PROC / str(pid) / "status").read_text()
    except OSError:
        return {}
    out: dict = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key == "Name":
            out[key] = value.strip()
        elif key in ("VmHWM", "VmRSS"):
            out[key] = int(value.split()[0]) / 1024
    return out
