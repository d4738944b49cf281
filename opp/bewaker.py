"""`python -m opp.bewaker COMMAND...`: run COMMAND, and end it with everything it started when opp ends.

opp holds the other end of this process's stdin. When that pipe closes (opp is done with it, gave up on a
timeout, or was killed), the command's whole process group is ended and the guard exits. When the command
ends first, the guard exits with its code. Kept tiny: it imports nothing of opp but this file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading


def main(argv: list[str]) -> int:
    os.umask(0o077)  # what the command writes is readable by the owner only
    kind = subprocess.Popen(argv, stdin=subprocess.DEVNULL, start_new_session=True)
    threading.Thread(target=_wacht_op_opp, args=(kind,), daemon=True).start()
    code = kind.wait()
    _beeindig(kind)  # what it started and left running (its group outlives it while a member lives)
    return code


def _wacht_op_opp(kind: subprocess.Popen) -> None:
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except OSError:
        pass
    _beeindig(kind)
    os._exit(1)


def _beeindig(kind: subprocess.Popen) -> None:
    if hasattr(os, "killpg"):
        import signal

        try:
            os.killpg(kind.pid, signal.SIGKILL)  # its own group (new session): it and all it started
        except (ProcessLookupError, PermissionError):
            pass
    else:  # Windows: end the tree
        subprocess.run(["taskkill", "/T", "/F", "/PID", str(kind.pid)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
    try:
        kind.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


if __name__ == "__main__":
    # os._exit: a normal exit would wait on the thread still reading stdin and abort (SIGABRT, exit -6).
    os._exit(main(sys.argv[1:]))
