"""`python -m opp.bewaker COMMAND...`: run COMMAND, and end it with everything it started when opp ends.

opp holds the other end of this process's stdin. When that pipe closes (opp is done with it, gave up on a
timeout, or was killed), the command's whole process group is ended and the guard exits. When the command
ends first, the guard exits with its code. Kept tiny: it imports nothing of opp but this file.

A command ended this way cannot clean up after itself, so the guard does, however it ended: the command's
temporary files go in a folder of its own (TMPDIR), removed afterwards (a killed LibreOffice leaves its
lu*.tmp folder, which may hold a document), and LibreOffice's socket for other soffice calls is removed
(it does so itself only on a normal exit).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading

PROFIEL = "-env:UserInstallation="


def main(argv: list[str]) -> int:
    os.umask(0o077)  # what the command writes is readable by the owner only
    tijdelijk = tempfile.mkdtemp(prefix="opp-tmp-")
    kind = subprocess.Popen(argv, stdin=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, "TMPDIR": tijdelijk})
    threading.Thread(target=_wacht_op_opp, args=(kind, argv, tijdelijk), daemon=True).start()
    code = kind.wait()
    _beeindig(kind)  # what it started and left running (its group outlives it while a member lives)
    _ruim_op(argv, tijdelijk)
    return code


def _wacht_op_opp(kind: subprocess.Popen, argv: list[str], tijdelijk: str) -> None:
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except OSError:
        pass
    _beeindig(kind)
    _ruim_op(argv, tijdelijk)
    os._exit(1)


def _ruim_op(argv: list[str], tijdelijk: str) -> None:
    """What the ended command leaves behind: its temporary folder, and a LibreOffice's socket."""
    shutil.rmtree(tijdelijk, ignore_errors=True)
    for arg in argv:
        if arg.startswith(PROFIEL):
            try:
                os.unlink(ipc_pad(arg[len(PROFIEL):]))
            except OSError:
                pass


def ipc_pad(profiel_url: str) -> str:
    """LibreOffice's socket for other soffice calls of this profile (desktop/source/app/officeipcthread.cxx):
    the MD5 of the profile's URL in UTF-16, each byte in hex without its leading zero."""
    md5 = hashlib.md5(profiel_url.encode("utf-16-le"), usedforsecurity=False).digest()
    return f"/tmp/OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{''.join(format(b, 'x') for b in md5)}"


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
