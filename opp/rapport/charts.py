"""The report's charts as PNG images, for pasting into a yearly report. Counts only, never names.

Drawn with matplotlib's Agg canvas directly (no pyplot): no global state, no display needed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from ..files import atomic_write_bytes
from ..taal import aantal
from .figures import LIJNEN, RICHTINGEN, Cijfers, Telling
from .woorden import label, labels

KLEUREN = ["#1F4E79", "#2E75B6", "#9DC3E6", "#F4B183", "#C55A11", "#A5A5A5"]
# Goal statuses in colours that mean something: green reached, red not, grey unknown.
STATUS_KLEUREN = {
    "nog niet gestart": "#BFBFBF", "bezig": "#2E75B6", "behaald": "#70AD47", "deels behaald": "#FFC000",
    "niet behaald": "#C00000", "geen status": "#E7E6E6",
}
DPI = 150


def _figuur() -> tuple[Figure, Axes]:
    fig = Figure(figsize=(8, 4.5), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _geen_gegevens(ax, tekst: str) -> None:
    ax.text(0.5, 0.5, tekst, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])


def _staven(ax, categorieen: list[str], waarden: list[float], kleur: str = KLEUREN[0]) -> None:
    namen = labels(categorieen)
    ax.bar(range(len(namen)), waarden, color=kleur)
    ax.set_xticks(range(len(namen)), namen)


def _groepen(ax, telling: Telling, gestapeld: bool, kleuren: dict[str, str] | None = None) -> None:
    """One bar (or group of bars) per group of the table, one colour per category."""
    n, breedte = len(telling.categorieen), 0.8
    kleuren = kleuren or {c: KLEUREN[i % len(KLEUREN)] for i, c in enumerate(telling.categorieen)}
    onder = [0] * len(telling.groepen)
    for i, categorie in enumerate(telling.categorieen):
        waarden = [telling.aantal(g, categorie) for g in telling.groepen]
        if gestapeld:
            ax.bar(range(len(waarden)), waarden, breedte, bottom=onder, label=label(categorie),
                   color=kleuren[categorie])
            onder = [a + b for a, b in zip(onder, waarden, strict=True)]
        else:
            x = [g - breedte / 2 + (i + 0.5) * breedte / n for g in range(len(waarden))]
            ax.bar(x, waarden, breedte / n, label=label(categorie), color=kleuren[categorie])
    ax.set_xticks(range(len(telling.groepen)), labels(telling.groepen),
                  rotation=30 if len(telling.groepen) > 6 else 0)
    ax.legend(fontsize="small")


def _heel(ax) -> None:
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)


def uitstroom(cijfers: Cijfers) -> Figure:
    fig, ax = _figuur()
    _staven(ax, RICHTINGEN, [cijfers.uitstroom.per_richting[r] for r in RICHTINGEN])
    ax.set_title("Leerlingen per uitstroomrichting")
    ax.set_ylabel("Leerlingen")
    _heel(ax)
    return fig


def uitstroom_per_klas(cijfers: Cijfers) -> Figure:
    fig, ax = _figuur()
    ax.set_title("Uitstroomrichting per klas")
    if cijfers.uitstroom.per_klas.groepen:
        _groepen(ax, cijfers.uitstroom.per_klas, gestapeld=False)
        ax.set_ylabel("Leerlingen")
        _heel(ax)
    else:
        _geen_gegevens(ax, "Geen leerlingen")
    return fig


def ondersteuning(cijfers: Cijfers) -> Figure:
    """Shares per line, with the school's norm drawn over the bar it belongs to."""
    lijnen = cijfers.lijnen
    fig, ax = _figuur()
    _staven(ax, LIJNEN, [lijnen.aandeel(lijn) or 0 for lijn in LIJNEN])
    for x, lijn in enumerate(LIJNEN):
        norm = lijnen.normen.get(lijn)
        if norm is None:
            continue
        if norm.minimum is not None and norm.maximum is not None:
            ax.fill_between([x - 0.45, x + 0.45], norm.minimum, norm.maximum, color=KLEUREN[3], alpha=0.5,
                            label="norm" if x == 0 else None)
        elif norm.maximum is not None:
            ax.hlines(norm.maximum, x - 0.45, x + 0.45, colors=KLEUREN[4], linestyles="dashed",
                      label="norm (hoogstens)")
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_title(f"Leerlingen naar hoogste ondersteuningslijn ({aantal(lijnen.bekend, 'leerling', 'leerlingen')})")
    ax.set_ylabel("Aandeel")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize="small")
    return fig


def doelen(cijfers: Cijfers) -> Figure:
    fig, ax = _figuur()
    ax.set_title("Doelen per domein naar status")
    if cijfers.doelen.per_domein.groepen:
        _groepen(ax, cijfers.doelen.per_domein, gestapeld=True, kleuren=STATUS_KLEUREN)
        ax.set_ylabel("Doelen")
        _heel(ax)
    else:
        _geen_gegevens(ax, "Geen doelen in het werkboek")
    return fig


def kernteam(cijfers: Cijfers) -> Figure:
    t = cijfers.termijnen
    fig, ax = _figuur()
    ax.set_title(f"Aanmeldingen kernteam per klas sinds {t.begin_schooljaar:%d-%m-%Y}")
    if t.kernteam_per_klas:
        _staven(ax, list(t.kernteam_per_klas), list(t.kernteam_per_klas.values()))
        ax.set_ylabel("Aanmeldingen")
        _heel(ax)
    else:
        _geen_gegevens(ax, "Geen leerlingen")
    return fig


GRAFIEKEN: dict[str, Callable[[Cijfers], Figure]] = {
    "grafiek_uitstroom.png": uitstroom,
    "grafiek_uitstroom_per_klas.png": uitstroom_per_klas,
    "grafiek_ondersteuning.png": ondersteuning,
    "grafiek_doelen.png": doelen,
    "grafiek_kernteam.png": kernteam,
}


def teken_grafieken(cijfers: Cijfers, map: Path) -> list[Path]:
    """Write every chart as a PNG into `map` (atomic, owner-only); returns the paths."""
    paden = []
    for naam, teken in GRAFIEKEN.items():
        path = Path(map) / naam
        atomic_write_bytes(path, _png(teken(cijfers)))
        paden.append(path)
    return paden
