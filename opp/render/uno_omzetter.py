"""`/usr/bin/python3 uno_omzetter.py BEWAKER SOFFICE PROFIEL [OPWARMEN]`: one headless LibreOffice, driven
through UNO, converting one .docx after another to PDF as opp hands them over.

Runs under the system Python (Debian's python3-uno; opp's own Python cannot import uno), so it imports
nothing of opp. The office starts at once, before opp has written a document, so its start-up overlaps
opp's own work. Protocol, one line each, UTF-8:
  stdout 'klaar'                    the office is up and takes documents
  stdin  '["DOCX", "PDF"]'          (JSON) convert DOCX, store the PDF under PDF (a temp name opp moves in place)
  stdin  '["DOCX", "PDF", true]'    ... with the document's bookmarks as named destinations in the PDF (a
                                    bundle of documents, pdf_bundel.py: they mark where each one starts)
  stdout 'ok' | 'fout' | 'weg'      that document's outcome (weg: the office died), before the next is read
When stdin closes (opp is done, gave up on this office, or was killed), the office and all it started end
at once: it runs under opp's guard (bewaker.py), whose stdin this process holds.

Three things bring a document's cost down to what it costs inside one `soffice --convert-to` call, or below:
- The documents are converted on the office's main thread, as --convert-to does (_op_de_hoofdthread). Called
  from another thread, the office's main thread meanwhile lays the open document out in idle time and
  collects its words for completion, competing with the conversion: 3% more CPU with two offices on two
  cores, 8% more time with one.
- OPWARMEN, a short .docx (the start of opp's template, pdf_uno.opwarmdocument) converted once before the
  first document: LibreOffice loads Writer, its filters, the fonts and the PDF export on its first document
  (about 0.1 s), and this way does so while opp is still reading the workbook.
- Every document is loaded into the same hidden window (_Kader), where --convert-to makes a new one each time.
"""

from __future__ import annotations

import functools
import json
import os
import queue
import subprocess
import sys
import threading
import time

STARTUP_SECONDS = 60

PDF_FILTER = "writer_pdf_Export"


def _eigenschappen(uno, **waarden):
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    uit = []
    for naam, waarde in waarden.items():
        p = PropertyValue()
        p.Name, p.Value = naam, waarde
        uit.append(p)
    return tuple(uit)


def _verbind(uno, naam: str, office: subprocess.Popen):
    lokaal = uno.getComponentContext()
    resolver = lokaal.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", lokaal)
    uiterlijk = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={naam};urp;StarOffice.ComponentContext")
            return ctx, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:  # NoConnectException until the office listens
            if office.poll() is not None or time.monotonic() > uiterlijk:
                raise
            time.sleep(0.02)


class _Kader:
    """The hidden frame (window) every document is loaded into in turn. A new frame per document costs
    LibreOffice a window, a layout manager and a module lookup each time: about 4% of its CPU per document.
    A frame that fails is given up, and the next document gets a new one."""

    def __init__(self, uno, desktop):
        self.uno, self.desktop, self.frame = uno, desktop, None

    def laad(self, docx: str):
        url = self.uno.systemPathToFileUrl(docx)
        if self.frame is not None:
            try:
                document = self.frame.loadComponentFromURL(url, "_self", 0, _laden(self.uno))
            except Exception as exc:
                self.geef_op()  # a failed load may leave the frame unusable
                if not _office_weg(exc):
                    raise
                # The frame is disposed; whether the office is too, the desktop tells below.
            else:
                if document is None:
                    self.geef_op()
                return document
        document = self.desktop.loadComponentFromURL(url, "_blank", 0, _laden(self.uno))
        if document is not None:
            try:
                self.frame = document.getCurrentController().getFrame()
            except Exception:  # no view: the document is closed on its own, as before
                self.frame = None
        return document

    def sluit(self, document) -> None:
        """Close the document and keep its frame empty for the next one."""
        try:
            if self.frame is not None:
                self.frame.setComponent(None, None)
            document.close(True)
        except Exception:  # a document that will not close is disposed with the office
            self.geef_op()

    def geef_op(self) -> None:
        frame, self.frame = self.frame, None
        try:
            if frame is not None:
                frame.close(True)
        except Exception:
            pass


def _zet_om(uno, kader: _Kader, docx: str, pdf: str, bladwijzers: bool = False) -> bool:
    document = kader.laad(docx)
    if document is None:
        return False
    try:
        document.storeToURL(uno.systemPathToFileUrl(pdf), _opslaan(uno, bladwijzers))
        return True
    finally:
        kader.sluit(document)


@functools.cache
def _laden(uno):
    return _eigenschappen(uno, Hidden=True, ReadOnly=True, UpdateDocMode=0, MacroExecutionMode=0)


@functools.cache
def _opslaan(uno, bladwijzers: bool):
    if not bladwijzers:
        return _eigenschappen(uno, FilterName=PDF_FILTER)
    # A sequence inside a PropertyValue must carry its type, or the filter does not see it.
    filter_data = uno.Any("[]com.sun.star.beans.PropertyValue",
                          _eigenschappen(uno, ExportBookmarksToPDFDestination=True))
    return _eigenschappen(uno, FilterName=PDF_FILTER, FilterData=filter_data)


def _op_de_hoofdthread(uno, ctx, werk) -> int | None:
    """`werk()` run on the office's main thread, and what it returns; None when that cannot be arranged.

    The office's AsyncCallback calls back from its main thread and waits for the answer; every call `werk`
    makes meanwhile comes back on that same thread (a UNO bridge keeps a call's thread)."""
    import unohelper  # type: ignore[import-not-found]
    from com.sun.star.awt import XCallback  # type: ignore[import-not-found]

    uitkomst: queue.Queue = queue.Queue()

    class Terugroep(unohelper.Base, XCallback):
        def notify(self, _data) -> None:
            try:
                uitkomst.put(werk())
            except BaseException:
                uitkomst.put(3)

    try:
        ctx.ServiceManager.createInstanceWithContext("com.sun.star.awt.AsyncCallback", ctx).addCallback(
            Terugroep(), None)
    except Exception:
        return None
    return uitkomst.get()


def _office_weg(exc: Exception) -> bool:
    """Whether the office is gone (its bridge was disposed). pyuno names the class 'DisposedException', or
    'com.sun.star.lang.DisposedException' when it was raised inside a call into this process (on the main
    thread, see _op_de_hoofdthread)."""
    return type(exc).__name__.rsplit(".", 1)[-1] == "DisposedException"


def _warm_op(uno, kader: _Kader, docx: str, pdf: str) -> None:
    """Convert `docx` once and throw the PDF away: LibreOffice's first document costs the most."""
    try:
        _zet_om(uno, kader, docx, pdf)
    except Exception:  # the documents themselves will show what is wrong
        pass
    try:
        os.unlink(pdf)
    except OSError:
        pass


def _lees(regels: queue.Queue) -> None:
    """Requests go to the main thread; at EOF (opp is done, gave up on this office, or was killed) this
    process ends at once, even mid-document, and leaving closes the guard's stdin, which ends the office."""
    for regel in sys.stdin:
        regels.put(regel)
    os._exit(0)


def main(argv: list[str]) -> int:
    bewaker, office_pad, profiel, *opwarmen = argv
    os.umask(0o077)
    try:
        import uno  # type: ignore[import-not-found]
    except ImportError:  # no python3-uno: opp converts with --convert-to instead
        return 5
    naam = f"opp-{os.getpid()}-{time.monotonic_ns()}"
    office = subprocess.Popen(
        [sys.executable, bewaker, office_pad, f"-env:UserInstallation={profiel}", "--headless", "--invisible",
         "--norestore", "--nologo", "--nodefault", "--nolockcheck", f"--accept=pipe,name={naam};urp;"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    regels: queue.Queue = queue.Queue()
    threading.Thread(target=_lees, args=(regels,), daemon=True).start()

    try:
        ctx, desktop = _verbind(uno, naam, office)
    except Exception:
        return 3
    # Connected: the pipe's name in /tmp is no longer needed, and an office that is killed leaves it behind.
    try:
        os.unlink(f"/tmp/OSL_PIPE_{os.getuid()}_{naam}")
    except OSError:
        pass
    print("klaar", flush=True)
    werkmap = os.path.dirname(uno.fileUrlToSystemPath(profiel))  # opp's folder for this office, removed with it

    kader = _Kader(uno, desktop)

    def werk() -> int:
        if opwarmen:
            _warm_op(uno, kader, opwarmen[0], os.path.join(werkmap, "opwarmen.pdf"))
        while True:
            docx, pdf, *bladwijzers = json.loads(regels.get())
            try:
                gelukt = _zet_om(uno, kader, docx, pdf, bool(bladwijzers and bladwijzers[0]))
            except Exception as exc:
                if _office_weg(exc):  # opp starts another
                    print("weg", flush=True)
                    return 4
                gelukt = False
            print("ok" if gelukt else "fout", flush=True)

    code = _op_de_hoofdthread(uno, ctx, werk)
    return werk() if code is None else code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
