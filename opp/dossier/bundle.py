"""The bundle on disk: a folder of numbered parts, a zip of it beside it, and optionally one PDF.

Everything is built in a private work folder inside the output folder (owner-only) and only then moved
into place, so an interrupted run never leaves half a dossier under the real name. Files are owner-only.
The PDF: the Word parts go through LibreOffice (`convert_to_pdf`, batched for every pupil at once), PDF
attachments are merged as they are, and each part gets a bookmark (outline item) with its title (what the
part is, not its file name); the PDF carries the dossier's title in its properties. A part that is neither
PDF nor Word is left out of the PDF with a note. With a PDF, every Word part converted is in the folder and
the zip as its PDF only: a bundle for the samenwerkingsverband holds nothing editable.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..files import NAME_MAX_BYTES, atomic_write, atomic_write_bytes, private_dir, safe_name
from ..problems import OppError

WORD = {".docx", ".doc", ".odt", ".rtf"}
PDF = ".pdf"
OWNER_ONLY_DIR = 0o700


def soort_van(bestand: str) -> str:
    suffix = Path(bestand).suffix.lower()
    return "word" if suffix in WORD else "pdf" if suffix == PDF else "anders"


def deelnaam(nummer: int, naam: str) -> str:
    """'02 iq-rapport.pdf': a number that keeps the order, then a safe form of the original name."""
    pad = Path(naam)
    suffix = "." + safe_name(pad.suffix.lstrip("."), 10).lower() if pad.suffix.strip(".") else ""
    ruimte = NAME_MAX_BYTES - len(f"{nummer:02d} {suffix}".encode())
    return f"{nummer:02d} {safe_name(pad.stem, 70, ruimte)}{suffix}"


@dataclass
class Deel:
    """One part of a bundle: where it is staged and what the bundle calls it."""

    nummer: int
    titel: str
    bestand: str  # the name in the bundle, e.g. "02 iq-rapport.pdf"

    @property
    def soort(self) -> str:
        return soort_van(self.bestand)


@dataclass
class Staging:
    """A bundle under construction: `map` holds the parts, `pdf_map` copies of the Word parts to convert."""

    map: Path
    pdf_map: Path
    opp_map: Path  # where the OPP is rendered before it joins the parts
    delen: list[Deel] = field(default_factory=list)
    pdf: Path | None = None  # the merged PDF, once made

    def schrijf(self, deel: Deel, data: bytes) -> None:
        atomic_write_bytes(self.map / deel.bestand, data)
        self.delen.append(deel)

    def verplaats(self, deel: Deel, bron: Path) -> None:
        os.replace(bron, self.map / deel.bestand)
        os.chmod(self.map / deel.bestand, stat.S_IRUSR | stat.S_IWUSR)
        self.delen.append(deel)

    def word_kopieen(self) -> list[Path]:
        """Copies of the Word parts in `pdf_map`, so the converted PDFs never land in the bundle itself."""
        kopieen = []
        for deel in self.delen:
            if deel.soort == "word":
                doel = self.pdf_map / deel.bestand
                atomic_write_bytes(doel, (self.map / deel.bestand).read_bytes())
                kopieen.append(doel)
        return kopieen


class Werkmap:
    """A private folder inside the output folder, removed afterwards whatever happens."""

    def __init__(self, uit: Path) -> None:
        try:
            private_dir(Path(uit))
            self.pad = Path(tempfile.mkdtemp(prefix=".opp-dossier-", dir=uit))  # mode 0700
        except OSError as exc:
            raise OppError(f"Kan in '{uit}' geen dossier schrijven ({exc.strerror or exc}). Kies een andere map met "
                           "--uit.") from exc

    def __enter__(self) -> Werkmap:
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.pad, ignore_errors=True)

    def staging(self, sleutel: str) -> Staging:
        basis = self.pad / safe_name(sleutel, 40)
        for sub in ("map", "pdf", "opp"):
            (basis / sub).mkdir(mode=OWNER_ONLY_DIR, parents=True)
        return Staging(basis / "map", basis / "pdf", basis / "opp")

    def oud(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="oud-", dir=self.pad))


def publiceer(staging: Staging, doel: Path, werkmap: Werkmap) -> None:
    """Move the staged folder to `doel`; an existing folder (allowed by --force) is moved away first."""
    os.chmod(staging.map, OWNER_ONLY_DIR)
    if doel.exists() or doel.is_symlink():
        if doel.is_dir() and not doel.is_symlink():
            os.replace(doel, werkmap.oud() / "dossier")
        else:
            doel.unlink()
    os.replace(staging.map, doel)


def schrijf_zip(map_: Path, delen: list[Deel], zip_pad: Path) -> None:
    """A zip with one folder (the bundle's name) holding every part in order."""
    def write(tmp: str) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for deel in delen:
                info = zipfile.ZipInfo.from_file(map_ / deel.bestand, f"{map_.name}/{deel.bestand}")
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                zf.writestr(info, (map_ / deel.bestand).read_bytes())

    atomic_write(zip_pad, write)


def vervang_door_pdf(staging: Staging) -> None:
    """Put each converted Word part in the bundle as its PDF ('00 Voorblad.pdf'), the Word file taken out; a
    part whose conversion failed stays as it is (the merged PDF's notes say so)."""
    for deel in staging.delen:
        if deel.soort != "word":
            continue
        pdf = (staging.pdf_map / deel.bestand).with_suffix(".pdf")
        if not pdf.is_file() or pdf.stat().st_size == 0:
            continue
        nieuw = str(Path(deel.bestand).with_suffix(".pdf"))
        atomic_write_bytes(staging.map / nieuw, pdf.read_bytes())
        (staging.map / deel.bestand).unlink()
        deel.bestand = nieuw


def voeg_pdf_samen(staging: Staging, pdf_pad: Path, titel: str = "") -> list[str]:
    """One PDF of every part in order, titled `titel`, a bookmark per part named after what it is. Returns a
    Dutch note for each part left out."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError
    from pypdf.generic import BooleanObject, NameObject

    writer = PdfWriter()
    notities = []
    for deel in staging.delen:
        if deel.soort == "anders":
            notities.append(f"{deel.bestand} staat niet in de PDF: het is geen PDF- of Word-bestand (wel in de map "
                            "en de zip).")
            continue
        if deel.soort == "word":
            bron = (staging.pdf_map / deel.bestand).with_suffix(".pdf")
        else:
            bron = staging.map / deel.bestand
        if not bron.is_file() or bron.stat().st_size == 0:
            notities.append(f"{deel.bestand} staat niet in de PDF: omzetten naar PDF is mislukt.")
            continue
        try:
            reader = PdfReader(bron)
            if reader.is_encrypted and not reader.decrypt(""):
                notities.append(f"{deel.bestand} staat niet in de PDF: het bestand is beveiligd met een wachtwoord.")
                continue
            writer.append(reader, outline_item=deel.titel)
        except (PdfReadError, OSError, ValueError, KeyError) as exc:
            notities.append(f"{deel.bestand} staat niet in de PDF: het is geen leesbare PDF ({type(exc).__name__}).")
    writer.page_mode = "/UseOutlines"  # open with the bookmarks showing
    if titel:  # a reader shows the title, not the file name, in its window
        writer.add_metadata({"/Title": titel})
        writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    buffer = io.BytesIO()
    writer.write(buffer)
    atomic_write_bytes(pdf_pad, buffer.getvalue())
    return notities
