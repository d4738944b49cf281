"""A sample context from the demo class, to check a school's own template before a real run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..data import demo_folder
from ..settings import load_settings
from ..werkboek.reader import read_werkboek
from .context import DOCUMENT_TITELS, pupil_context
from .templates import check_template

DEMO_DATUM = dt.date(2026, 11, 22)


def sample_context(document: str = "opp") -> dict:
    """The context a template of this kind receives, for the demo pupil with the most data."""
    folder = demo_folder()
    werkboek = read_werkboek(folder / "werkboek.xlsx", DEMO_DATUM)
    dossiers = werkboek.bruikbare_dossiers()
    if document == "tlv":
        from ..dossier.maken import voorbeeld_context

        nr = next(d.leerlingnummer for d in dossiers if d.tlv)
        return voorbeeld_context(werkboek, nr, DEMO_DATUM)
    dossier = max(dossiers, key=lambda d: (bool(d.kernteam), len(d.doelen) + len(d.factoren) + len(d.toetsen)))
    context = pupil_context(dossier, werkboek.school, DEMO_DATUM, load_settings(folder))
    context["document_titel"] = DOCUMENT_TITELS.get(document, DOCUMENT_TITELS["opp"])
    return context


def check_template_against_demo(template: Path) -> list[str]:
    """A template named tlv*.docx is checked against the TLV cover's context, any other against the pupil's."""
    kind = "tlv" if Path(template).stem.lower().startswith("tlv") else "opp"
    return check_template(template, sample_context(kind))
