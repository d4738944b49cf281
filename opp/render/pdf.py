"""PDF through LibreOffice: batched, one office process per core with its own profile, never one start
per document. A batch that fails or times out is retried once per file; what still fails is named."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

INSTALL_HINT = ("LibreOffice is niet gevonden, dus er zijn geen PDF's gemaakt (de .docx-bestanden staan er wel). "
                "Installeer het, bijvoorbeeld: sudo apt-get install libreoffice-writer-nogui fonts-crosextra-carlito")
SECONDS_PER_DOCUMENT = 20  # generous: the timeout of a batch grows with its size
STARTUP_SECONDS = 60


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
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(docx_files)))
    batches = _batches(docx_files, jobs)
    with tempfile.TemporaryDirectory(prefix="opp-lo-") as profiles:
        def run(args):
            index, batch = args
            return _convert_batch(office, batch, Path(profiles) / f"profiel{index}", progress)

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            failed = [f for fails in pool.map(run, enumerate(batches)) for f in fails]
        # Retry each failure once on its own, then name what still fails.
        for docx in failed:
            if _convert_batch(office, [docx], Path(profiles) / "opnieuw", progress):
                result.mislukt.append(docx)
    result.pdf = [d.with_suffix(".pdf") for d in docx_files if d not in result.mislukt]
    return result


def _batches(files: list[Path], jobs: int) -> list[list[Path]]:
    """Split into `jobs` batches of whole folders where possible (soffice writes to one --outdir per call)."""
    batches: list[list[Path]] = [[] for _ in range(jobs)]
    for i, f in enumerate(sorted(files, key=lambda p: (str(p.parent), p.name))):
        batches[i * jobs // len(files)].append(f)
    return [b for b in batches if b]


def _convert_batch(office: str, batch: list[Path], profile: Path, progress) -> list[Path]:
    """Convert one batch; return the files whose PDF is missing or empty afterwards."""
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for f in batch:
        by_folder[f.parent].append(f)
    for folder, files in by_folder.items():
        for f in files:  # a stale PDF must not pass for a fresh one
            f.with_suffix(".pdf").unlink(missing_ok=True)
        command = [office, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)]
        try:
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                           timeout=STARTUP_SECONDS + SECONDS_PER_DOCUMENT * len(files),
                           preexec_fn=lambda: os.umask(0o077))  # PDFs readable by the owner only
        except subprocess.TimeoutExpired:
            pass  # what did arrive is kept; the rest is retried
        for f in files:
            if progress:
                progress(1)
    return [f for f in batch if not _ok(f.with_suffix(".pdf"))]


def _ok(pdf: Path) -> bool:
    return pdf.is_file() and pdf.stat().st_size > 0
