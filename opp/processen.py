"""Child processes that end with opp: a killed run (SIGKILL gives no chance to clean up) leaves none behind.

- Render workers: started through one explicit context, never by fork: forkserver where the system has it
  (a server that imported opp once forks the workers: as fast as fork, without inheriting threads or open
  files), spawn elsewhere (Windows). Both send every task pickled, so the code path is the same everywhere,
  and a test renders with spawn. Each worker ends when its parent does: Linux is asked to kill it
  (prctl PR_SET_PDEATHSIG), and on every system a thread waits on
  the parent's sentinel and exits the worker when it fires.
- LibreOffice starts children of its own (oosplash -> soffice.bin), which a signal to the first would miss:
  it runs under `python -m opp.bewaker`, which ends its whole process group when opp goes away.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from pathlib import Path

START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
PRELOAD = ["opp.render.documents"]  # what the fork server imports once, so workers start ready
PR_SET_PDEATHSIG = 1


def context(start_method: str | None = None):
    """The multiprocessing context of every pool opp starts."""
    ctx = multiprocessing.get_context(start_method or START_METHOD)
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(PRELOAD)
    return ctx


def sterf_met_ouder() -> None:
    """Call in a worker (the pool's initializer): end this process when its parent process ends."""
    ouder = multiprocessing.parent_process()
    if ouder is None:
        return
    _vraag_doodsignaal()
    if not ouder.is_alive():  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_wacht_op, args=(ouder,), name="opp-ouder", daemon=True).start()


def _wacht_op(ouder) -> None:
    ouder.join()  # returns when the parent's end of the sentinel pipe closes: it has ended
    os._exit(1)


def _vraag_doodsignaal() -> None:
    """Linux only: have the kernel kill this process when its parent dies (immediate, no polling)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watching thread still ends the worker


def bewaakt(command: list[str]) -> list[str]:
    """`command` run under the guard that ends it, and all it starts, when opp ends."""
    return [sys.executable, str(Path(__file__).with_name("bewaker.py")), *command]
