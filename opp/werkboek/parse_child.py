"""The helper process that parses a workbook and streams its rows back.

Run as a script (`python -P parse_child.py WERKBOEK OUDER_PID`), never imported by opp: it imports only the
standard library, lxml and python_calamine (and xlsx_stroom.py beside it, loaded by path), so it starts in
milliseconds.

One rule for which parser. python-calamine is about four times as fast, but holds a whole sheet in memory
(the Doelen sheet of 5,000 pupils, 29 MB of XML, costs it 44 MB), so it parses an .xlsx sheet only when the
sheet's XML is at most 8 MB unpacked and so are the shared strings (calamine reads them all when it opens the
workbook); a larger .xlsx sheet is streamed row by row with lxml (xlsx_stroom.py), which holds one row and a
chunk however large the school. So this process's memory is bounded whatever the size of the school. Both give
the same values (tests/test_werkboek_stroom.py). An .ods is parsed by calamine whole, as before.

Protocol (pickle, both ways): the parent sends sheet names; for each, in the order asked, this process
sends ("kop", headers), then ("rijen", [(Excel row number, values), ...]) in chunks, then ("einde",).
At the start it sends ("bladen", [worksheet names]); a failure is ("fout", exception class, message).
End of input (the parent closed the pipe or died) ends it at once.

.xlsx: sheets are sent in the order asked, each as it is parsed; a sender thread writes one chunk to the pipe
while the next is parsed (at most two wait), so the parent validates rows while this process parses on.
.ods: the sheet asked for after the current one is parsed in a thread while the current one streams (calamine
releases the GIL), and a parsed sheet is turned into pickled chunks at once and its cells freed: pickles
take a third of calamine's memory. So this process holds one sheet as calamine's cells (the one being
parsed) and at most two as pickles.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import sys
import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

CHUNK = 2000  # rows per message: the parent holds one chunk at a time
WHOLE = 2.0 ** 53  # floats up to here are exact integers: Excel stores every number as a float
PR_SET_PDEATHSIG = 1


STREAMED = (".xlsx", ".xlsm")
# An .xlsx sheet whose XML is at most this large unpacked (and the shared strings too) is parsed by calamine:
# four times as fast as the stream, and its cells then cost at most about 12 MB however large the school.
CALAMINE_TOT = 8 * 1024 * 1024


def main(argv: list[str]) -> None:
    path, parent = argv[1], int(argv[2])
    _die_with_parent(parent)
    # A read makes millions of short-lived tuples and lists and no cycles: refcounting frees them, so the
    # cycle collector's frequent passes over them are a twentieth of the time for nothing. Rarer passes.
    gc.set_threshold(50_000, 20, 20)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but messages may reach the pipe
    if path.lower().endswith(STREAMED):
        _stream(path, out)
        return
    try:
        import python_calamine as pc

        wb = pc.CalamineWorkbook.from_path(path)
        names = [m.name for m in wb.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet]  # not chart sheets
    except BaseException as exc:  # calamine's errors, and a Rust panic (a BaseException) on a hostile file
        _send(out, ("fout", type(exc).__name__, str(exc)))
        return
    _send(out, ("bladen", names))
    parsed: queue.Queue[tuple[str, Future]] = queue.Queue()
    outbox: queue.Queue[deque[bytes] | None] = queue.Queue(maxsize=1)
    pool = ThreadPoolExecutor(max_workers=1)  # one thread: a calamine workbook is used by one at a time
    threading.Thread(target=_requests, args=(sys.stdin.buffer, wb, pool, parsed), daemon=True).start()
    threading.Thread(target=_sender, args=(out, outbox), daemon=True).start()
    while True:
        _name, future = parsed.get()
        try:
            messages = _messages(future.result())
        except BaseException as exc:
            outbox.put(deque([_pickled(("fout", type(exc).__name__, str(exc)))]))
            outbox.put(None)  # the sender ends the process when this is sent
            threading.Event().wait()
        del future  # calamine's cells of this sheet are freed here: its rows wait as compact pickles
        _trim()
        outbox.put(messages)


def _stream(path: str, out) -> None:
    """An .xlsx: each sheet asked for is sent chunk by chunk as it is parsed: by calamine when it is small
    (see `small`), else streamed by lxml."""
    try:
        stroom = _load_stroom()
        book = stroom.XlsxBoek(path)
    except BaseException as exc:
        _send(out, ("fout", type(exc).__name__, str(exc)))
        return
    _send(out, ("bladen", list(book.sheets)))
    outbox: queue.Queue[deque[bytes] | None] = queue.Queue(maxsize=2)  # parsed chunks waiting for the pipe
    threading.Thread(target=_sender, args=(out, outbox), daemon=True).start()
    inp = sys.stdin.buffer
    calamine = None
    limit = int(os.environ.get("OPP_CALAMINE_TOT", CALAMINE_TOT))
    while True:
        try:
            name = pickle.load(inp)
        except BaseException:  # EOFError: the parent is done with the workbook or has gone
            os._exit(0)
        try:
            if book.part_size(name) <= limit and book.strings_size() <= limit:
                if calamine is None:
                    import python_calamine as pc

                    calamine = pc.CalamineWorkbook.from_path(path)
                rows = _calamine_rows(calamine.get_sheet_by_name(name))
            else:
                rows = book.rows(name)
            first = next(rows, None)
            if first is not None and first[0] == 1:
                headers, pending = first[1], None
            else:
                headers, pending = [], first
            outbox.put(deque([_pickled(("kop", headers))]))
            chunk: list[tuple[int, list]] = [pending] if pending is not None and _has_data(pending[1]) else []
            for row in rows:
                if _has_data(row[1]):
                    chunk.append(row)
                    if len(chunk) >= CHUNK:
                        outbox.put(deque([_pickled(("rijen", chunk))]))
                        chunk = []
            if chunk:
                outbox.put(deque([_pickled(("rijen", chunk))]))
            outbox.put(deque([_pickled(("einde",))]))
            del rows, first, chunk  # a small sheet's calamine cells are freed here
            _trim()
        except BaseException as exc:
            outbox.put(deque([_pickled(("fout", type(exc).__name__, str(exc)))]))
            outbox.put(None)  # the sender ends the process when this is sent
            threading.Event().wait()


def _calamine_rows(sheet):
    if sheet.start is None:  # no cell at all
        return iter(())
    return _rows(sheet.iter_rows(), sheet.start[1])


def _load_stroom():
    """xlsx_stroom.py, loaded by its path: this script imports nothing of opp (and -P keeps its folder off
    sys.path)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_opp_xlsx_stroom", Path(__file__).with_name("xlsx_stroom.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _has_data(values: list) -> bool:
    """Empty or only spaces: no data."""
    for v in values:
        if v is not None and (v.__class__ is not str or v.strip()):
            return True
    return False


def _requests(inp, wb, pool: ThreadPoolExecutor, parsed: queue.Queue) -> None:
    """Each sheet asked for is parsed in order in the pool's thread; end of input ends the process."""
    try:
        while True:
            name = pickle.load(inp)
            parsed.put((name, pool.submit(wb.get_sheet_by_name, name)))
    except BaseException:  # EOFError: the parent is done with the workbook or has gone
        os._exit(0)


def _sender(out, outbox: queue.Queue) -> None:
    """Writes each sheet's messages as the parent reads them; a sent chunk is freed at once."""
    while True:
        messages = outbox.get()
        if messages is None:
            os._exit(0)
        while messages:
            _write(out, messages.popleft())


def _messages(sheet) -> deque[bytes]:
    """A sheet as pickled messages: its headers, its non-empty rows in chunks, the end."""
    if sheet.start is None:  # no cell at all
        return deque([_pickled(("kop", [])), _pickled(("einde",))])
    rows = _rows(sheet.iter_rows(), sheet.start[1])
    _number, headers = next(rows, (1, []))
    messages = deque([_pickled(("kop", headers))])
    chunk: list[tuple[int, list]] = []
    for number, values in rows:
        for v in values:
            if v is not None and (v.__class__ is not str or v.strip()):  # empty or only spaces: no data
                chunk.append((number, values))
                break
        if len(chunk) >= CHUNK:
            messages.append(_pickled(("rijen", chunk)))
            chunk = []
    if chunk:
        messages.append(_pickled(("rijen", chunk)))
    messages.append(_pickled(("einde",)))
    return messages


def _rows(rows, first_column: int):
    """Every row with its Excel number, cells as openpyxl read them: an empty cell None, a whole number an
    int. calamine starts a row at the first column that holds a cell (padding is added back, so indexes are
    columns from A) and pads the rows above the first cell."""
    pad = [None] * first_column
    for number, row in enumerate(rows, start=1):
        values = [None if v == "" else int(v) if v.__class__ is float and v.is_integer() and -WHOLE < v < WHOLE
                  else v for v in row]
        yield number, (pad + values if pad else values)


def _pickled(message: tuple) -> bytes:
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def _send(out, message: tuple) -> None:
    _write(out, _pickled(message))


def _write(out, data: bytes) -> None:
    try:
        out.write(data)
        out.flush()
    except OSError:  # the parent has gone
        os._exit(0)


def _trim() -> None:
    """glibc keeps freed memory for reuse; hand it back, so the next sheet is parsed from a low point."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).malloc_trim(0)
        except (OSError, AttributeError):  # another C library (musl)
            pass


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this process when its parent ends (elsewhere the closed pipe ends it)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent ended before the signal was asked for
        os._exit(1)


if __name__ == "__main__":
    main(sys.argv)
