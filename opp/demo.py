"""`opp demo`: everything opp makes, for the bundled demo class of a fictitious praktijkschool."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .data import demo_folder
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
    from .render.documents import render
    from .tracker.sync import sync_tracker
    from .werkboek.reader import read_werkboek

    datum = datum or dt.date.today()
    werkboek_pad = demo_folder() / "werkboek.xlsx"
    werkboek = read_werkboek(werkboek_pad, datum)
    uit = Path(uit)
    aantal = len(werkboek.dossiers) * 3
    bar = progress_factory("Documenten", aantal) if progress_factory else nullcontext()
    pdf_bar = progress_factory("PDF", aantal if pdf else 0) if progress_factory else nullcontext()
    with bar, pdf_bar:
        documenten = render(werkboek_pad, uit=uit / "documenten", force=True, datum=datum, pdf=pdf, per_klas=True,
                            werkboek=werkboek, progress=getattr(bar, "update", None),
                            pdf_progress=getattr(pdf_bar, "update", None))
    uitkomst = DemoUitkomst(documenten=documenten)

    tracker = uit / "ondertekening.xlsx"
    tracker.unlink(missing_ok=True)  # a fresh demo round each time, without piling up backups
    uitkomst.regels.extend(sync_tracker(werkboek_pad, tracker, datum).samenvatting())

    rapport = maak_rapport(werkboek_pad, datum, uit / "rapport", tracker=tracker, force=True)
    uitkomst.regels.append(f"Rapport: {rapport.rapport} (met {len(rapport.afbeeldingen)} grafieken als PNG)")

    dossiers = maak_alle_dossiers(werkboek_pad, datum, uit=uit / "tlv", pdf=pdf, force=True, werkboek_data=werkboek)
    uitkomst.regels.append(f"TLV-dossiers in {uit / 'tlv'}:")
    uitkomst.regels.extend(tabel(dossiers))
    return uitkomst
