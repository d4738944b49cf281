"""PDF through LibreOffice: batched, one office process per core with its own profile, never one start
per document. A batch that fails or times out is retried once per file; what still fails is named."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
import threading
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import SchijfVol, is_schijf_vol
from ..processen import bewaakt

INSTALL_HINT = ("LibreOffice is niet gevonden, dus er zijn geen PDF's gemaakt (de .docx-bestanden staan er wel). "
                "Installeer het, bijvoorbeeld: sudo apt-get install libreoffice-writer-nogui fonts-crosextra-carlito")
SECONDS_PER_DOCUMENT = 20  # generous: the timeout of a batch grows with its size
STARTUP_SECONDS = 60
BATCH_SIZE = 50
FULL_BELOW = 1 << 20  # bytes free below which a silent LibreOffice failure is a full disk


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
    result = PdfResultaat()
    office = soffice()
    if office is None:
        result.melding = INSTALL_HINT
        return result
    chunks = _chunks(docx_files)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(chunks)))
    with tempfile.TemporaryDirectory(prefix="opp-lo-") as profiles:
        # Workers take the next batch as they finish one (balanced); each thread keeps one profile of its
        # own, since two offices cannot share one.
        local, numbers = threading.local(), itertools.count()

        def convert(chunk: list[Path]) -> list[Path]:
            if not hasattr(local, "profile"):
                local.profile = Path(profiles) / f"profiel{next(numbers)}"
            return _convert_batch(office, chunk, local.profile, progress)

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            failed = [f for fails in pool.map(convert, chunks) for f in fails]
        # Retry what failed once, in one batch of its own, then name what still fails.
        if failed:
            result.mislukt = _convert_batch(office, failed, Path(profiles) / "opnieuw", None)
    result.pdf = [d.with_suffix(".pdf") for d in docx_files if d not in result.mislukt]
    return result


def _chunks(files: list[Path]) -> list[list[Path]]:
    """Batches of at most BATCH_SIZE files, grouped by folder (soffice writes to one --outdir per call).

    A single office run given hundreds of files has been seen to stop early without an error; short
    batches bound what such a stop can cost, and the check after each batch catches it."""
    return [group[i:i + BATCH_SIZE] for group in _by_folder(files).values() for i in range(0, len(group), BATCH_SIZE)]


def _convert_batch(office: str, batch: list[Path], profile: Path, progress) -> list[Path]:
    """Convert one batch (files of one folder); return the files that have no whole PDF afterwards."""
    for f in batch:  # a stale PDF must not pass for a fresh one
        f.with_suffix(".pdf").unlink(missing_ok=True)
    failed = []
    for folder, files in _by_folder(batch).items():
        failed += _convert_folder(office, folder, files, profile)
    if progress:
        progress(len(batch))
    return failed


def _convert_folder(office: str, folder: Path, files: list[Path], profile: Path) -> list[Path]:
    """LibreOffice writes into a hidden work folder beside the documents; a PDF moves into place only when it
    is whole, so a killed or failed run never leaves a broken PDF under a document's name."""
    try:
        werk = Path(tempfile.mkdtemp(prefix=".opp-pdf-", suffix=".tmp", dir=folder))
    except OSError as exc:
        if is_schijf_vol(exc):
            raise SchijfVol(folder) from None
        raise
    try:
        command = [office, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(werk), *map(str, files)]
        _run_guarded(command, timeout=STARTUP_SECONDS + SECONDS_PER_DOCUMENT * len(files))
        failed = []
        for f in files:
            made = werk / f"{f.stem}.pdf"
            if pdf_is_whole(made):
                os.replace(made, f.with_suffix(".pdf"))
            else:
                failed.append(f)
        # LibreOffice says nothing when the disk is full: a failure with (next to) no space left is that.
        if failed and _full(werk):
            raise SchijfVol(folder)
        if failed and _full(profile.parent):
            raise SchijfVol(profile.parent, tijdelijk=True)
        return failed
    finally:
        shutil.rmtree(werk, ignore_errors=True)


def _run_guarded(command: list[str], timeout: float) -> None:
    """Run LibreOffice under the guard, which ends it (and what it started) when opp ends or gives up."""
    with subprocess.Popen(bewaakt(command), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL) as guard:
        try:
            guard.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass  # leaving the block closes its stdin, which ends the office; what did arrive is kept


def _full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW
    except OSError:
        return False


def pdf_is_whole(pdf: Path) -> bool:
    """A PDF LibreOffice finished: not empty, starts with %PDF-, ends with %%EOF, and pypdf reads its pages."""
    try:
        with open(pdf, "rb") as fh:
            head = fh.read(5)
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - 1024))
            tail = fh.read()
    except OSError:
        return False
    if head != b"%PDF-" or b"%%EOF" not in tail:
        return False
    from pypdf import PdfReader

    try:
        return len(PdfReader(pdf).pages) > 0
    except Exception:  # any way a damaged file fails to parse: it is not whole
        return False


def _by_folder(files: list[Path]) -> dict[Path, list[Path]]:
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for f in files:
        by_folder[f.parent].append(f)
    return by_folder
