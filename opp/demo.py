"""`opp demo`: everything opp makes, for the bundled demo class of a fictitious praktijkschool."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from . import taal
from .data import demo_folder
from .documenten import PER_LEERLING
from .invoer import open_invoer
from .register.db import NAAM
from .render.documents import RenderResultaat


@dataclass
class DemoUitkomst:
    documenten: RenderResultaat
    regels: list[str] = field(default_factory=list)  # Dutch lines about the other products


def run_demo(uit: Path, pdf: bool = False, datum: dt.date | None = None, progress_factory=None) -> DemoUitkomst:
    """Documents, the signing tracker, the school report and the TLV dossiers of the demo class in `uit`.

    Demo output may be overwritten: it holds only fictitious pupils."""
    from .dossier.maken import maak_alle_dossiers
    from .dossier.uitvoer import tabel
    from .rapport import maak_rapport
    from .render.documents import aantal_taken, render
    from .tracker.sync import sync_tracker

    uit = Path(uit)
    with open_invoer(demo_folder() / "werkboek.xlsx", datum) as invoer:  # read once, for every product
        aantal = aantal_taken(invoer, PER_LEERLING)
        bar = progress_factory("Documenten", aantal) if progress_factory else nullcontext()
        pdf_bar = progress_factory("PDF", aantal if pdf else 0) if progress_factory else nullcontext()
        with bar, pdf_bar:
            # The demo workbook is package data: its register lives with the demo's output.
            documenten = render(invoer, uit=uit / "documenten", force=True, pdf=pdf, per_klas=True,
                                register=uit / NAAM,
                                progress=getattr(bar, "update", None), pdf_progress=getattr(pdf_bar, "update", None))
        uitkomst = DemoUitkomst(documenten=documenten)

        tracker = uit / "ondertekening.xlsx"
        tracker.unlink(missing_ok=True)  # a fresh demo round each time, without piling up backups
        uitkomst.regels.extend(sync_tracker(invoer, tracker, register=uit / NAAM).samenvatting())

        rapport = maak_rapport(invoer, uit / "rapport", tracker=tracker, force=True, register=uit / NAAM)
        uitkomst.regels.append(f"Rapport: {rapport.rapport} "
                              f"(met {taal.aantal(len(rapport.afbeeldingen), 'grafiek', 'grafieken')} als PNG)")

        dossiers = maak_alle_dossiers(invoer, uit=uit / "tlv", pdf=pdf, force=True)
        uitkomst.regels.append(f"TLV-dossiers in {uit / 'tlv'}:")
        uitkomst.regels.extend(tabel(dossiers))
    return uitkomst
