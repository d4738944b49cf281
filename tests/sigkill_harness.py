"""Run a command, SIGKILL it after DELAY seconds, and report which of its descendants outlive it.

    python sigkill_harness.py DELAY WAIT [--na-kind] -- COMMAND...

With --na-kind the delay counts from the moment the command has started a child process (a render worker,
LibreOffice), so the kill lands while the work is under way rather than during start-up.

This process makes itself the "subreaper" of what it starts (Linux), so an orphan is re-parented to it
instead of to init: after the kill, every surviving descendant is still found under this process by
walking /proc. Waits up to WAIT seconds for them to end; prints JSON {"klaar_voor_kill": bool,
"overlevers": [[pid, cmdline], ...]} and kills any survivor so nothing is left by the test itself.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def descendants(root: int) -> dict[int, str]:
    """Living (not zombie) processes under root, by pid -> command line."""
    parent, info = {}, {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as fh:
                stat = fh.read()
            with open(f"/proc/{name}/cmdline", "rb") as fh:
                cmdline = fh.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        rest = stat[stat.rindex(")") + 2:].split()
        state, ppid = rest[0], int(rest[1])
        parent[int(name)] = ppid
        if state not in ("Z", "X"):
            info[int(name)] = cmdline
    result = {}
    for pid, cmdline in info.items():
        p, seen = parent.get(pid), 0
        while p and p != root and seen < 100:
            p, seen = parent.get(p), seen + 1
        if p == root:
            result[pid] = cmdline
    return result


def reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def main() -> int:
    delay, wait = float(sys.argv[1]), float(sys.argv[2])
    command = sys.argv[sys.argv.index("--") + 1:]
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print(json.dumps({"fout": "subreaper niet toegestaan"}))
        return 3
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if "--na-kind" in sys.argv[:sys.argv.index("--")]:
        tot = time.monotonic() + 120
        while proc.poll() is None and not descendants(proc.pid) and time.monotonic() < tot:
            time.sleep(0.02)
    time.sleep(delay)
    klaar = proc.poll() is not None
    if not klaar:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    me = os.getpid()
    deadline = time.monotonic() + wait
    while True:
        reap()
        left = descendants(me)
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    reap()
    print(json.dumps({"klaar_voor_kill": klaar, "overlevers": sorted(left.items())}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
