"""PDF through LibreOffice: batched, one office process per core with its own profile, never one start
per document, starting while documents are still being written. What fails is retried once in a batch of
its own; what still fails is named."""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import tempfile
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

INSTALL_HINT = ("LibreOffice is niet gevonden, dus er zijn geen PDF's gemaakt (de .docx-bestanden staan er wel). "
                "Installeer het, bijvoorbeeld: sudo apt-get install libreoffice-writer-nogui fonts-crosextra-carlito")
SECONDS_PER_DOCUMENT = 20  # generous: the timeout of a batch grows with its size
STARTUP_SECONDS = 60
BATCH_SIZE = 50


@dataclass
class PdfResultaat:
    pdf: list[Path] = field(default_factory=list)
    mislukt: list[Path] = field(default_factory=list)
    melding: str | None = None


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_files: list[Path], jobs: int | None = None,
                   progress: Callable[[int], None] | None = None) -> PdfResultaat:
    """A PDF beside each .docx. Missing LibreOffice is not an error of the documents: it is reported."""
    pipeline = PdfPipeline(jobs, progress)
    for path in docx_files:
        pipeline.add(path)
    return pipeline.finish()


class PdfPipeline:
    """Converts documents while the rest are still being written: each full batch starts at once.

    `jobs` worker threads each drive one office process at a time, with a profile of its own (two offices
    cannot share one). Call add() per written .docx, then finish() for the result."""

    def __init__(self, jobs: int | None = None, progress: Callable[[int], None] | None = None):
        self._office = soffice()
        self._progress = progress
        self._files: list[Path] = []
        self._pending: dict[Path, list[Path]] = defaultdict(list)
        self._failed: list[Path] = []
        self._lock = threading.Lock()
        self._queue: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []
        if self._office is None:
            return
        self._profiles = tempfile.TemporaryDirectory(prefix="opp-lo-")
        for index in range(max(1, jobs or os.cpu_count() or 1)):
            thread = threading.Thread(target=self._work, args=(Path(self._profiles.name) / f"profiel{index}",),
                                      daemon=True)
            thread.start()
            self._threads.append(thread)

    def add(self, docx: Path) -> None:
        self._files.append(docx)
        if self._office is None:
            return
        batch = self._pending[docx.parent]
        batch.append(docx)
        if len(batch) >= BATCH_SIZE:
            self._queue.put(self._pending.pop(docx.parent))

    def finish(self) -> PdfResultaat:
        result = PdfResultaat()
        if self._office is None:
            result.melding = INSTALL_HINT
            return result
        for batch in self._pending.values():
            self._queue.put(batch)
        self._pending.clear()
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join()
        try:
            # Retry what failed once, in one batch of its own, then name what still fails.
            if self._failed:
                result.mislukt = _convert_batch(self._office, self._failed, Path(self._profiles.name) / "opnieuw", None)
        finally:
            self._profiles.cleanup()
        result.pdf = [d.with_suffix(".pdf") for d in self._files if d not in result.mislukt]
        return result

    def _work(self, profile: Path) -> None:
        while (batch := self._queue.get()) is not None:
            failed = _convert_batch(self._office, batch, profile, self._progress)
            with self._lock:
                self._failed.extend(failed)


def _chunks(files: list[Path]) -> list[list[Path]]:
    """Batches of at most BATCH_SIZE files, grouped by folder (soffice writes to one --outdir per call).

    A single office run given hundreds of files has been seen to stop early without an error; short
    batches bound what such a stop can cost, and the check after each batch catches it."""
    return [group[i:i + BATCH_SIZE] for group in _by_folder(files).values() for i in range(0, len(group), BATCH_SIZE)]


def _convert_batch(office: str, batch: list[Path], profile: Path, progress) -> list[Path]:
    """Convert one batch (files of one folder); return the files whose PDF is missing or empty afterwards."""
    for f in batch:  # a stale PDF must not pass for a fresh one
        f.with_suffix(".pdf").unlink(missing_ok=True)
    for folder, files in _by_folder(batch).items():
        command = [office, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)]
        try:
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                           timeout=STARTUP_SECONDS + SECONDS_PER_DOCUMENT * len(files),
                           preexec_fn=lambda: os.umask(0o077))  # PDFs readable by the owner only
        except subprocess.TimeoutExpired:
            pass  # what did arrive is kept; the rest is retried
    if progress:
        progress(len(batch))
    return [f for f in batch if not _ok(f.with_suffix(".pdf"))]


def _by_folder(files: list[Path]) -> dict[Path, list[Path]]:
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for f in files:
        by_folder[f.parent].append(f)
    return by_folder


def _ok(pdf: Path) -> bool:
    return pdf.is_file() and pdf.stat().st_size > 0
