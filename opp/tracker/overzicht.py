"""The overview per klas and in total, twice in step: as the Overzicht sheet (COUNTIFS formulas over the
Status column, so it stays live while she types, plus a bar chart) and in Python from the typed cells
(`tracker_overzicht`, for `opp tracker status` and the report; openpyxl does not calculate formulas).

Counts: one per status (the statuses split the rows), 'nodig' = all rows except vervallen, niet nodig
and vervangen, 'totaal' = all rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.datetime import from_excel
from openpyxl.workbook.defined_name import DefinedName
from pydantic import Field

from ..afdruk import a4, kop_en_voet
from ..excel_cells import zet, zet_formule
from ..problems import OppError, Resultaat
from .bestand import open_tracker, zoek_tracker
from .keys import Sleutel
from .layout import (
    BESLUIT,
    BLAD,
    GROEP,
    KOP_LETTER,
    KOP_VULLING,
    ONTVANGEN_OP,
    OPNIEUW,
    SLEUTEL,
    VERSIE,
    VERSTUURD_OP,
    VERVALLEN,
    normaliseer,
)
from .status import JA, NAAM_EEN_OUDER, NAAM_TE_LAAT, NEE, NODIG, Invoer, Status, bepaal_status, dagen_sinds

OVERZICHT = "Overzicht"
LABEL_DATUM = "Bijgewerkt (laatste sync)"
LABEL_TE_LAAT = "Te laat na (dagen)"
LABEL_EEN_OUDER = "Eén ouder volstaat"
KOPRIJ = 7
GEEN_KLAS = "(geen klas)"
STANDAARD_TE_LAAT = 14

TELLINGEN = ("nodig", *(s.sleutel for s in Status), "totaal")
KOPTEKST = {"nodig": "Nodig", "totaal": "Totaal", **{s.sleutel: str(s).capitalize() for s in Status}}


# ---- the sheet -----------------------------------------------------------------------------------

def _criterium(tekst: str) -> str:
    """A COUNTIFS criterion that matches exactly this text: no wildcards, no comparison operators."""
    t = tekst.replace("~", "~~").replace("*", "~*").replace("?", "~?")
    if t[:1] in ("=", "<", ">"):
        t = "=" + t
    return '"' + t.replace('"', '""') + '"'


def klassen_van(waarden) -> list[str]:
    """Distinct klassen as Excel's COUNTIFS sees them (case-insensitive), sorted."""
    gezien: dict[str, str] = {}
    for klas in waarden:
        tekst = "" if klas is None else str(klas)
        if tekst and tekst.casefold() not in gezien:
            gezien[tekst.casefold()] = tekst
    return [gezien[k] for k in sorted(gezien)]


def schrijf_overzicht(wb, tracker_blad: str, klas_letter: str, status_letter: str, klassen: list[str],
                      datum: dt.date, te_laat_na_dagen: int, een_ouder_volstaat: bool) -> None:
    """(Re)make the Overzicht sheet. It is ours: rebuilt at every sync."""
    index = 1
    if OVERZICHT in wb.sheetnames:
        index = wb.sheetnames.index(OVERZICHT)
        wb.remove(wb[OVERZICHT])
    ws = wb.create_sheet(OVERZICHT, index)

    ws["A1"] = "Ondertekening: overzicht per klas"
    ws["A1"].font = Font(bold=True, size=14)
    instellingen = (
        (LABEL_DATUM, datum, "De datum van de laatste 'opp tracker sync'. De tellingen hieronder rekenen met vandaag."),
        (LABEL_TE_LAAT, te_laat_na_dagen, "Uit opp.toml ([tracker] te_laat_na_dagen); bij elke sync opnieuw gezet."),
        (LABEL_EEN_OUDER, JA if een_ouder_volstaat else NEE,
         "Uit opp.toml ([ondertekening] een_ouder_volstaat); bij elke sync opnieuw gezet."),
    )
    for rij, (label, waarde, uitleg) in enumerate(instellingen, start=2):
        zet(ws.cell(rij, 1), label)
        ws.cell(rij, 1).font = Font(bold=True)
        zet(ws.cell(rij, 2), waarde)
        zet(ws.cell(rij, 3), uitleg)
        ws.cell(rij, 3).font = Font(italic=True, color="666666")
    ws["A6"] = "Dit blad wordt bij elke sync opnieuw gemaakt; typ hier niets. De getallen zijn formules."
    ws["A6"].font = Font(italic=True, color="666666")
    wb.defined_names[NAAM_TE_LAAT] = DefinedName(NAAM_TE_LAAT, attr_text=f"{quote_sheetname(OVERZICHT)}!$B$3")
    wb.defined_names[NAAM_EEN_OUDER] = DefinedName(NAAM_EEN_OUDER, attr_text=f"{quote_sheetname(OVERZICHT)}!$B$4")

    kolommen = ["Klas", *(KOPTEKST[t] for t in TELLINGEN)]
    for c, tekst in enumerate(kolommen, start=1):
        cell = ws.cell(KOPRIJ, c)
        zet(cell, tekst)
        cell.font, cell.fill = KOP_LETTER, KOP_VULLING
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    kol = {t: get_column_letter(i) for i, t in enumerate(TELLINGEN, start=2)}
    bron = quote_sheetname(tracker_blad)
    eerste = KOPRIJ + 1
    for rij, klas in enumerate(klassen, start=eerste):
        zet(ws.cell(rij, 1), klas)
        for status in Status:
            zet_formule(ws[f"{kol[status.sleutel]}{rij}"],
                        f"=COUNTIFS({bron}!${klas_letter}:${klas_letter},{_criterium(klas)},"
                        f'{bron}!${status_letter}:${status_letter},"{status}")')
        _formules_nodig_totaal(ws, kol, rij)
    laatste = eerste + len(klassen) - 1
    totaalrij = laatste + 1
    zet(ws.cell(totaalrij, 1), "Totaal")
    for status in Status:
        letter = kol[status.sleutel]
        zet_formule(ws[f"{letter}{totaalrij}"], f"=SUM({letter}{eerste}:{letter}{laatste})" if klassen else "=0")
    _formules_nodig_totaal(ws, kol, totaalrij)
    for c in range(1, len(kolommen) + 1):
        ws.cell(totaalrij, c).font = Font(bold=True)
    ws.column_dimensions["A"].width = 28
    for sleutel, letter in kol.items():  # a header fits its column, on two lines at most ("Geen instemming")
        ws.column_dimensions[letter].width = max(14, max(len(w) for w in KOPTEKST[sleutel].split()) + 4)
    ws.row_dimensions[KOPRIJ].height = 32
    _schrijf_legenda(ws, totaalrij + 2)
    if klassen:
        _schrijf_grafiek(ws, kol, eerste, laatste)
    ws.freeze_panes = f"B{eerste}"
    a4(ws)
    kop_en_voet(ws, vertrouwelijk=False)  # counts per class only, no names
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0


def _formules_nodig_totaal(ws, kol: dict[str, str], rij: int) -> None:
    statussen = "+".join(f"{kol[s.sleutel]}{rij}" for s in Status)
    nodig = "+".join(f"{kol[s.sleutel]}{rij}" for s in NODIG)
    zet_formule(ws[f"{kol['totaal']}{rij}"], f"={statussen}")
    zet_formule(ws[f"{kol['nodig']}{rij}"], f"={nodig}")


def _schrijf_legenda(ws, rij: int) -> None:
    zet(ws.cell(rij, 1), "Wat de statussen betekenen")
    ws.cell(rij, 1).font = Font(bold=True)
    for i, status in enumerate(Status, start=rij + 1):
        cell = ws.cell(i, 1)
        zet(cell, str(status))
        cell.fill = PatternFill("solid", fgColor=status.opmaak.vulling)
        cell.font = Font(color=status.opmaak.letter, bold=True)
        zet(ws.cell(i, 2), status.opmaak.uitleg)
    zet(ws.cell(rij + len(Status) + 1, 1), "Nodig")
    ws.cell(rij + len(Status) + 1, 1).font = Font(bold=True)
    zet(ws.cell(rij + len(Status) + 1, 2), "Alle rijen behalve vervallen, niet nodig en vervangen.")


def _schrijf_grafiek(ws, kol: dict[str, str], eerste: int, laatste: int) -> None:
    """Stacked bars per klas of the statuses that still matter (the ones counted as 'nodig')."""
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "Ondertekening per klas"
    chart.y_axis.title = "Handtekeningen"
    chart.y_axis.scaling.min = 0  # LibreOffice would start the axis near the smallest bar
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.title = "Klas"
    kolommen = [ws[f"{kol[s.sleutel]}{KOPRIJ}"].column for s in NODIG]
    data = Reference(ws, min_col=min(kolommen), max_col=max(kolommen), min_row=KOPRIJ, max_row=laatste)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=eerste, max_row=laatste))
    for serie, status in zip(chart.series, NODIG, strict=True):
        serie.graphicalProperties.solidFill = status.opmaak.grafiek
        serie.graphicalProperties.line.solidFill = status.opmaak.grafiek
    chart.height = 9
    chart.width = max(16, 2 + 1.5 * (laatste - eerste + 1))  # type: ignore[assignment]  # stubs say int; cm
    ws.add_chart(chart, f"{get_column_letter(len(TELLINGEN) + 3)}{KOPRIJ}")


# ---- Python: the same numbers from the typed cells ----------------------------------------------

@dataclass
class TeLaat:
    leerlingnummer: str
    naam: str
    klas: str
    document: str
    ondertekenaar: str
    verstuurd_op: dt.date
    dagen: int


@dataclass
class OpnieuwNodig:
    """A signature asked again: the handelingsdeel changed after an earlier version was sent or signed."""

    leerlingnummer: str
    document: str
    ondertekenaar: str
    versie: int | None


class TrackerOverzicht(Resultaat):
    """What `opp tracker status` reports: its JSON is this model dumped."""

    tracker: Path
    datum: dt.date
    te_laat_na_dagen: int
    een_ouder_volstaat: bool
    per_klas: dict[str, dict[str, int]] = Field(default_factory=dict)
    totaal: dict[str, int] = Field(default_factory=lambda: dict.fromkeys(TELLINGEN, 0))
    te_laat: list[TeLaat] = Field(default_factory=list)
    opnieuw_nodig: list[OpnieuwNodig] = Field(default_factory=list)
    gevonden: bool = False  # no --tracker: the tracker of the latest school year under output/ was taken

    def samenvatting(self) -> list[str]:
        """The overview as a text table plus the overdue list, as `opp tracker status` prints it."""
        kolommen = [t for t in TELLINGEN if t != "totaal"] + ["totaal"]
        breedte = max([len("Klas"), len("Totaal"), *(len(k) for k in self.per_klas)])
        kop = "  ".join(KOPTEKST[t] for t in kolommen)
        regels = [f"Ondertekening op {self.datum:%d-%m-%Y} (te laat na {self.te_laat_na_dagen} dagen"
                  f"{'; één ouder volstaat' if self.een_ouder_volstaat else ''}): {self.tracker}"
                  + (" (die van het laatste schooljaar in output/; een andere kies je met --tracker)"
                     if self.gevonden else ""),
                  f"{'Klas':<{breedte}}  {kop}"]
        for naam, telling in [*self.per_klas.items(), ("Totaal", self.totaal)]:
            getallen = "  ".join(f"{telling[t]:>{len(KOPTEKST[t])}}" for t in kolommen)
            regels.append(f"{naam:<{breedte}}  {getallen}")
        if self.te_laat:
            regels.append(f"Te laat ({len(self.te_laat)}):")
            for t in self.te_laat:
                regels.append(f"  {t.leerlingnummer}  {t.naam} ({t.klas})  {t.document}  {t.ondertekenaar}  "
                              f"verstuurd {t.verstuurd_op:%d-%m-%Y}, {t.dagen} dagen geleden")
        else:
            regels.append("Niets te laat.")
        if self.opnieuw_nodig:
            regels.append(f"Opnieuw te tekenen na een gewijzigd handelingsdeel ({len(self.opnieuw_nodig)}):")
            for o in self.opnieuw_nodig:
                versie = f"versie {o.versie}" if o.versie else "versie onbekend"
                regels.append(f"  {o.leerlingnummer}  {o.document}  {o.ondertekenaar}  {versie}")
        return regels


@dataclass
class _Rij:
    sleutel: Sleutel
    klas: str
    naam: str
    ondertekenaar: str
    invoer: Invoer
    groep: object
    versie: object = None


def tracker_overzicht(tracker: Path | None, datum: dt.date, te_laat_na_dagen: int | None = None) -> TrackerOverzicht:
    """Counts per klas and in total, and the overdue rows, computed from the cells she typed.

    `tracker` None: the tracker of the latest school year under output/ (bestand.zoek_tracker), named as such.
    `te_laat_na_dagen` None: the value the tracker holds (its Overzicht sheet, set from opp.toml at the
    last sync), so these numbers match what Excel shows; 14 when the tracker has none."""
    gevonden = tracker is None
    tracker = zoek_tracker() if tracker is None else Path(tracker)
    with _geopend(tracker, te_laat_na_dagen) as (rijen, te_laat_na_dagen, een_ouder):
        result = TrackerOverzicht(tracker=tracker, datum=datum, te_laat_na_dagen=te_laat_na_dagen,
                                  een_ouder_volstaat=een_ouder, gevonden=gevonden)
        namen: dict[str, str] = {}  # klas as first written, as klassen_van (rows in order: the first comes first)
        per_klas: dict[str, dict[str, int]] = {}
        for rij, status in _met_status(rijen, datum, te_laat_na_dagen, een_ouder):
            klas = namen.setdefault(rij.klas.casefold(), rij.klas) if rij.klas else GEEN_KLAS
            telling = per_klas.setdefault(klas, dict.fromkeys(TELLINGEN, 0))
            telling[status.sleutel] += 1
            telling["totaal"] += 1
            if status in NODIG:
                telling["nodig"] += 1
            if status is Status.OPNIEUW_NODIG:
                result.opnieuw_nodig.append(OpnieuwNodig(rij.sleutel.leerlingnummer, rij.sleutel.document,
                                                         rij.ondertekenaar, _als_versie(rij.versie)))
            if status is Status.TE_LAAT:
                dagen = dagen_sinds(rij.invoer.verstuurd_op, datum)
                assert dagen is not None  # te laat means sent on a date
                result.te_laat.append(TeLaat(rij.sleutel.leerlingnummer, rij.naam, klas, rij.sleutel.document,
                                             rij.ondertekenaar, _als_datum(rij.invoer.verstuurd_op), dagen))
    result.per_klas = {k: per_klas[k] for k in sorted(per_klas, key=str.casefold)}
    for telling in per_klas.values():
        for key, n in telling.items():
            result.totaal[key] += n
    result.te_laat.sort(key=lambda t: (-t.dagen, t.klas.casefold(), t.naam.casefold()))
    return result


def tracker_statussen(tracker: Path, datum: dt.date, te_laat_na_dagen: int | None = None) -> dict[str, Status]:
    """The status of every row of the round, by the text of its key (what Excel's Status column shows)."""
    with _geopend(Path(tracker), te_laat_na_dagen) as (rijen, te_laat_na_dagen, een_ouder):
        return {rij.sleutel.tekst: status for rij, status in _met_status(rijen, datum, te_laat_na_dagen, een_ouder)}


def statussen_in(wb, pad: Path, datum: dt.date) -> dict[tuple[str, object], Status]:
    """The status of every row of a tracker already open (the version a command read and will write), by the
    text of its key and its Versie cell (a history row has the key of the row that replaced it)."""
    rijen, te_laat_na_dagen, een_ouder = _uit(wb, pad, None)
    return {(rij.sleutel.tekst, rij.versie): status
            for rij, status in _met_status(rijen, datum, te_laat_na_dagen, een_ouder)}


@contextmanager
def _geopend(pad: Path, te_laat_na_dagen: int | None) -> Iterator[tuple[Callable[[], Iterator[_Rij]], int, bool]]:
    """The tracker open for reading: a way to read its rows (again: they are streamed, never all held), the
    days after which a sent form is late and whether one parent suffices."""
    wb, _ = open_tracker(pad, alleen_lezen=True)
    try:
        yield _uit(wb, pad, te_laat_na_dagen)
    finally:
        wb.close()


def _uit(wb, pad: Path, te_laat_na_dagen: int | None) -> tuple[Callable[[], Iterator[_Rij]], int, bool]:
    instellingen = _lees_instellingen(wb)
    ws, index = _blad_en_kolommen(wb, pad)
    if te_laat_na_dagen is None:
        te_laat_na_dagen = _als_getal(instellingen.get(normaliseer(LABEL_TE_LAAT))) or STANDAARD_TE_LAAT
    een_ouder = normaliseer(instellingen.get(normaliseer(LABEL_EEN_OUDER))) == JA
    return (lambda: _lees_rijen(ws, index)), te_laat_na_dagen, een_ouder


def _met_status(rijen: Callable[[], Iterator[_Rij]], datum: dt.date, te_laat_na_dagen: int,
                een_ouder_volstaat: bool) -> Iterator[tuple[_Rij, Status]]:
    """Like Excel: first the hidden Getekend column of every row (one reading), then each Status (a second
    reading), which counts them."""
    getekend_per_groep: dict[float, int] = defaultdict(int)
    for rij in rijen():
        if _is_getal(rij.groep) and rij.invoer.is_getekend:
            getekend_per_groep[float(rij.groep)] += 1
    for rij in rijen():
        yield rij, bepaal_status(rij.invoer, datum, te_laat_na_dagen, een_ouder_volstaat=een_ouder_volstaat,
                                 andere_ouder_getekend=_is_getal(rij.groep)
                                 and getekend_per_groep[float(rij.groep)] > 0)


def _als_datum(value) -> dt.date:
    if isinstance(value, (int, float)):
        value = from_excel(value)
    return value.date() if isinstance(value, dt.datetime) else value


def _is_getal(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _als_versie(value) -> int | None:
    return int(value) if _is_getal(value) and float(value).is_integer() and value >= 1 else None


def _als_getal(value) -> int | None:
    return int(value) if _is_getal(value) and value >= 1 else None


def _lees_instellingen(wb) -> dict[str, object]:
    if OVERZICHT not in wb.sheetnames:
        return {}
    result = {}
    for label, waarde, *_ in wb[OVERZICHT].iter_rows(min_row=1, max_row=KOPRIJ, max_col=2, values_only=True):
        if isinstance(label, str):
            result[normaliseer(label)] = waarde
    return result


def zoek_tracker_blad(wb):
    """The tracker sheet: 'Ondertekening', or (renamed) the first sheet with a Sleutel column."""
    if BLAD in wb.sheetnames:
        return wb[BLAD]
    for ws in wb.worksheets:
        kop = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
        if any(normaliseer(v) == normaliseer(SLEUTEL) for v in kop):
            return ws
    return None


def _blad_en_kolommen(wb, pad: Path) -> tuple[Any, dict[str, int]]:
    ws = zoek_tracker_blad(wb)
    if ws is None:
        raise OppError(f"'{pad.name}' heeft geen blad '{BLAD}'. Is dit een tracker van opp? "
                       "Zet de nieuwste backup terug of maak een nieuwe met: opp tracker sync WERKBOEK")
    kop = [normaliseer(v) for v in next(ws.iter_rows(max_row=1, values_only=True), ())]
    nodig = ("Naam", "Klas", "Ondertekenaar", VERSTUURD_OP, ONTVANGEN_OP, BESLUIT, SLEUTEL, VERVALLEN, GROEP)
    index = {}
    for naam in nodig:
        if normaliseer(naam) not in kop:
            raise OppError(f"In '{pad.name}' ontbreekt de kolom '{naam}'. Zet de kop terug (of de nieuwste backup) "
                           "en probeer het opnieuw.")
        index[naam] = kop.index(normaliseer(naam))
    for naam in (VERSIE, OPNIEUW):  # a tracker from before versions lacks them until its next sync
        if normaliseer(naam) in kop:
            index[naam] = kop.index(normaliseer(naam))
    return ws, index


def _lees_rijen(ws, index: dict[str, int]) -> Iterator[_Rij]:
    for values in ws.iter_rows(min_row=2, values_only=True):
        def waarde(naam, values=values):
            i = index.get(naam, len(values))
            return values[i] if i < len(values) else None
        sleutel = Sleutel.lees(waarde(SLEUTEL))
        if sleutel is None:
            continue  # her own rows (or empty ones) are not part of the round
        invoer = Invoer(waarde(VERSTUURD_OP), waarde(ONTVANGEN_OP), waarde(BESLUIT), waarde(VERVALLEN),
                        waarde(OPNIEUW))
        yield _Rij(sleutel, _tekst(waarde("Klas")), _tekst(waarde("Naam")), _tekst(waarde("Ondertekenaar")),
                   invoer, waarde(GROEP), waarde(VERSIE))


def _tekst(value) -> str:
    return "" if value is None else str(value)

