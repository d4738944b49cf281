"""`opp demo`: everything opp makes, for the bundled demo class of a fictitious praktijkschool."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .data import demo_folder
from .render.documents import RenderResultaat


@dataclass
class DemoUitkomst:
    documenten: RenderResultaat
    regels: list[str] = field(default_factory=list)  # one Dutch line per extra product written


def run_demo(uit: Path, pdf: bool = False, datum: dt.date | None = None, progress_factory=None) -> DemoUitkomst:
    from .render.documents import render
    from .werkboek.reader import read_werkboek

    datum = datum or dt.date.today()
    werkboek_pad = demo_folder() / "werkboek.xlsx"
    werkboek = read_werkboek(werkboek_pad, datum)
    uit = Path(uit)
    aantal = len(werkboek.dossiers) * 3
    bar = progress_factory("Documenten", aantal) if progress_factory else None
    pdf_bar = progress_factory("PDF", aantal if pdf else 0) if progress_factory else None
    if bar:
        with bar, pdf_bar:
            documenten = render(werkboek_pad, uit=uit / "documenten", force=True, datum=datum, pdf=pdf, per_klas=True,
                                werkboek=werkboek, progress=bar.update, pdf_progress=pdf_bar.update)
    else:
        documenten = render(werkboek_pad, uit=uit / "documenten", force=True, datum=datum, pdf=pdf, per_klas=True,
                            werkboek=werkboek)
    return DemoUitkomst(documenten=documenten)
