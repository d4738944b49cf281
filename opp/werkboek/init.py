"""`opp init`: a working folder for a school."""

from __future__ import annotations

from pathlib import Path

from ..files import atomic_write_bytes
from ..problems import OppError
from ..settings import FILENAME, settings_toml
from .blank import write_workbook


def init_folder(folder: Path) -> list[Path]:
    """Create werkboek.xlsx, opp.toml and output/ in `folder`; never overwrite a workbook."""
    folder = Path(folder)
    werkboek = folder / "werkboek.xlsx"
    if werkboek.exists():
        raise OppError(f"'{werkboek}' bestaat al en wordt niet overschreven. Kies een andere map.")
    if folder.exists() and not folder.is_dir():
        raise OppError(f"'{folder}' is een bestand, geen map. Kies een nieuwe map.")
    folder.mkdir(parents=True, exist_ok=True)
    created = []
    write_workbook(werkboek)
    created.append(werkboek)
    settings = folder / FILENAME
    if not settings.exists():
        atomic_write_bytes(settings, settings_toml().encode("utf-8"), mode=0o644)
        created.append(settings)
    output = folder / "output"
    output.mkdir(mode=0o700, exist_ok=True)
    created.append(output)
    return created
