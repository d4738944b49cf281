"""A sample context from the demo class, to check a school's own template before a real run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..data import demo_folder
from ..documenten import DOCUMENTEN
from ..invoer import open_invoer
from .context import pupil_context
from .templates import check_template

DEMO_DATUM = dt.date(2026, 11, 22)


def sample_context(document: str = "opp") -> dict:
    """The context a template of this kind receives, for the demo pupil with the most data."""
    with open_invoer(demo_folder() / "werkboek.xlsx", DEMO_DATUM) as invoer:
        dossiers = invoer.bruikbare_dossiers()
        if document == "tlv":
            from ..dossier.maken import voorbeeld_context

            nr = next(d.leerlingnummer for d in dossiers if d.tlv)
            return voorbeeld_context(invoer, nr)
        dossier = max(dossiers, key=lambda d: (bool(d.kernteam), len(d.doelen) + len(d.factoren) + len(d.toetsen)))
        context = pupil_context(dossier, invoer.vereis_bruikbaar(), DEMO_DATUM, invoer.settings)
    context["document_titel"] = DOCUMENTEN.get(document, DOCUMENTEN["opp"]).titel
    return context


def check_template_against_demo(template: Path) -> list[str]:
    """A template named tlv*.docx is checked against the TLV cover's context, any other against the pupil's."""
    kind = "tlv" if Path(template).stem.lower().startswith("tlv") else "opp"
    return check_template(template, sample_context(kind))
