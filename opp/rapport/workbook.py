"""The school report as an Excel workbook.

The count sheets (Overzicht, Uitstroom, Ondersteuning, Doelen, Termijnen) hold no names or pupil numbers,
so they can be shared with the management team or the samenwerkingsverband; their charts are native Excel
charts, so they stay editable. The deadline lists name pupils: each sits on its own sheet whose title and
first row say 'Vertrouwelijk', and an anonymous report leaves those sheets out entirely.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..afdruk import a4, kop_en_voet
from ..excel_cells import zet
from ..files import atomic_write
from ..taal import aantal
from ..werkboek.blank import HEADER_FILL, HEADER_FONT
from .charts import STATUS_KLEUREN
from .figures import BEHAALD, LIJNEN, RICHTINGEN, STATUSSEN, Cijfers, Signalering, Telling
from .woorden import datum_kort, label, labels, plan_regels, toelichting

PROCENT = "0.0%"
DATUM = "dd-mm-yyyy"
GRAFIEK_KOLOM = 12  # column L: right of the widest table (the goals: 9 columns)
GRAFIEK_RIJEN = 17  # rows one chart covers, so the next one starts below it
TITEL_FONT = Font(bold=True, size=14)
KOP_FONT = Font(bold=True, size=12)
NOOT_FONT = Font(italic=True, color="666666")
VERTROUWELIJK_FONT = Font(bold=True, color="FFFFFF")
VERTROUWELIJK_FILL = PatternFill("solid", fgColor="C00000")
OORDEEL_FILL = {
    "binnen de norm": PatternFill("solid", fgColor="C6EFCE"),
    "onder de norm": PatternFill("solid", fgColor="FFC7CE"),
    "boven de norm": PatternFill("solid", fgColor="FFC7CE"),
}
VERTROUWELIJK = "Vertrouwelijk"
VERTROUWELIJK_TEKST = ("VERTROUWELIJK: dit blad noemt leerlingen. Alleen voor wie bij de ondersteuning betrokken is; "
                       "niet delen buiten de school.")


@dataclass
class Blok:
    """Where a table landed: its header row and its first and last data rows."""

    ws: Worksheet
    kop: int
    eerste: int
    laatste: int

    @property
    def leeg(self) -> bool:
        return self.laatste < self.eerste


class Blad:
    """One sheet filled top to bottom: titles, notes and tables on the left, charts stacked on the right."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.rij = 1
        self.grafiek_rij = 1
        self.breedtes: dict[int, int] = {}

    def titel(self, tekst: str, font: Font = TITEL_FONT) -> None:
        self.ws.cell(self.rij, 1, tekst).font = font
        self.rij += 1

    def noot(self, tekst: str) -> None:
        self.ws.cell(self.rij, 1, tekst).font = NOOT_FONT
        self.rij += 1

    def witregel(self) -> None:
        self.rij += 1

    def tabel(self, titel: str | None, kop: Sequence[str], rijen: Sequence[Sequence],
              procent: Sequence[int] = ()) -> Blok:
        """Write a table; `procent` lists 1-based columns shown as percentages. Leaves a blank row after it."""
        if titel:
            self.titel(titel, KOP_FONT)
        kop_rij = self.rij
        for col, tekst in enumerate(kop, start=1):
            cell = self.ws.cell(kop_rij, col, tekst)
            cell.fill, cell.font = HEADER_FILL, HEADER_FONT
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            self._meet(col, " " * (len(tekst) // 5 + 2) + tekst)  # bold text needs a fifth more room
        for r, rij in enumerate(rijen, start=kop_rij + 1):
            for col, waarde in enumerate(rij, start=1):
                vak = self.ws.cell(r, col)
                zet(vak, waarde)  # a pupil's name stays text, whatever it starts with
                if col in procent:
                    vak.number_format = PROCENT
                elif isinstance(waarde, dt.date):
                    vak.number_format = DATUM
                self._meet(col, datum_kort(waarde) if isinstance(waarde, dt.date) else waarde)
        blok = Blok(self.ws, kop_rij, kop_rij + 1, kop_rij + len(rijen))
        self.rij = blok.laatste + 2
        return blok

    def grafiek(self, chart: BarChart, blok: Blok) -> None:
        """Place a chart to the right, level with its table but never over the chart above it."""
        rij = max(self.grafiek_rij, blok.kop - 1)
        self.ws.add_chart(chart, f"{get_column_letter(GRAFIEK_KOLOM)}{rij}")
        self.grafiek_rij = rij + GRAFIEK_RIJEN

    def _meet(self, col: int, waarde) -> None:
        lengte = len(str(waarde)) if waarde is not None else 0
        if isinstance(waarde, float):
            lengte = 7
        self.breedtes[col] = max(self.breedtes.get(col, 0), lengte)

    def afronden(self, vertrouwelijk: bool = False) -> None:
        """Column widths from the tables' contents; printed on A4 landscape, one page wide, numbered, and a sheet
        with names says 'Vertrouwelijk' on every page."""
        for col, lengte in self.breedtes.items():
            self.ws.column_dimensions[get_column_letter(col)].width = min(max(lengte + 2, 10), 60)
        a4(self.ws)
        kop_en_voet(self.ws, vertrouwelijk)
        self.ws.page_setup.fitToWidth = 1
        self.ws.page_setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def staafgrafiek(blok: Blok, eerste_kolom: int, laatste_kolom: int, titel: str, y_titel: str,
                 gestapeld: bool = False, procent: bool = False, kleuren: Sequence[str] = ()) -> BarChart:
    """A column chart of a table's columns (header row = series names) by its first column (categories)."""
    chart = BarChart()
    chart.type = "col"
    chart.title = titel
    chart.y_axis.title = y_titel
    chart.x_axis.delete = False  # openpyxl 3.1 hides the axes unless told otherwise
    chart.y_axis.delete = False
    chart.y_axis.scaling.min = 0  # a count starts at 0, or 21 looks four times 18
    data = Reference(blok.ws, min_col=eerste_kolom, max_col=laatste_kolom, min_row=blok.kop, max_row=blok.laatste)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(blok.ws, min_col=1, min_row=blok.eerste, max_row=blok.laatste))
    if gestapeld:
        chart.grouping = "stacked"
        chart.overlap = 100
    if procent:
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
    else:
        chart.y_axis.number_format = "0"
        chart.y_axis.majorUnit = 1 if _max_waarde(blok, eerste_kolom, laatste_kolom) <= 10 else None
    for serie, kleur in zip(chart.series, kleuren, strict=False):  # no colours given: openpyxl's own
        serie.graphicalProperties.solidFill = kleur.lstrip("#")
        serie.graphicalProperties.line.solidFill = kleur.lstrip("#")
    if eerste_kolom == laatste_kolom:
        chart.legend = None
    chart.width, chart.height = 17, 8
    return chart


def _max_waarde(blok: Blok, eerste_kolom: int, laatste_kolom: int) -> float:
    waarden = [v for r in range(blok.eerste, blok.laatste + 1) for c in range(eerste_kolom, laatste_kolom + 1)
               if isinstance(v := blok.ws.cell(r, c).value, int | float)]
    return max(waarden, default=0)


# -- the shareable sheets -------------------------------------------------------------------------------------

def _overzicht(blad: Blad, cijfers: Cijfers, anoniem: bool) -> None:
    t = cijfers.termijnen
    blad.titel(f"Rapport passend onderwijs: {cijfers.school}")
    blad.witregel()
    blad.tabel(None, ["Gegeven", "Waarde"], [
        ["Schooljaar", cijfers.schooljaar],
        ["Datum van het rapport", cijfers.datum],
        ["Leerlingen in het rapport", cijfers.aantal_leerlingen],
        ["Overgeslagen door fouten in het werkboek", cijfers.overgeslagen],
        ["Uitgeschreven (alleen bij de bewaartermijn)", cijfers.uitgeschreven],
    ])
    eerste, derde = (cijfers.lijnen.normen[lijn] for lijn in (LIJNEN[0], LIJNEN[2]))
    rijen: list[list[object]] = [
        ["Aandeel leerlingen in de 1e lijn", eerste.waarde, eerste.tekst, eerste.oordeel],
        ["Aandeel leerlingen in de 3e lijn", derde.waarde, derde.tekst, derde.oordeel],
        ["Aandeel doelen behaald", cijfers.doelen.aandeel_behaald, "", ""],
        ["OPP niet op tijd vastgesteld", len(t.opp_niet_vastgesteld), "", ""],
        ["OPP niet geëvalueerd in het afgelopen jaar", len(t.evaluatie_te_laat), "", ""],
        [f"TLV verloopt binnen {t.tlv_binnen_maanden} maanden", len(t.tlv_verloopt), "", ""],
        [f"Aanmeldingen kernteam sinds {datum_kort(t.begin_schooljaar)}", len(t.kernteam), "", ""],
        ["Dossiers voorbij de bewaartermijn", len(t.bewaartermijn), "", ""],
    ]
    if cijfers.plannen is not None:
        rijen.append(["Huidig handelingsdeel met instemming", cijfers.plannen.instemming, "", ""])
        rijen.append(["OPP nog een concept", cijfers.plannen.concept, "", ""])
    if t.handtekeningen is not None:
        rijen.append(["Handtekeningen te laat", len(t.handtekeningen.te_laat), "", ""])
    blok = blad.tabel("Kerncijfers", ["Onderwerp", "Waarde", "Norm", "Oordeel"], rijen)
    for r in range(blok.eerste, blok.eerste + 3):
        blad.ws.cell(r, 2).number_format = PROCENT
    _kleur_oordelen(blad.ws, blok, 4)
    blad.noot("De bladen Overzicht, Uitstroom, Ondersteuning, Doelen en Termijnen tellen alleen; ze noemen geen "
              "leerlingen en mogen gedeeld worden.")
    if anoniem:
        blad.noot("Dit rapport is anoniem gemaakt: de vertrouwelijke lijsten met namen zijn weggelaten.")
    else:
        blad.noot("De bladen 'Vertrouwelijk ...' noemen leerlingen: deel ze niet buiten de school.")


def _kleur_oordelen(ws: Worksheet, blok: Blok, kolom: int) -> None:
    for r in range(blok.eerste, blok.laatste + 1):
        oordeel = ws.cell(r, kolom).value
        fill = OORDEEL_FILL.get(oordeel) if isinstance(oordeel, str) else None
        if fill:
            ws.cell(r, kolom).fill = fill


def _telling_rijen(telling: Telling, aandeel_van: str | None = None) -> list[list]:
    rijen = []
    for groep in telling.groepen:
        rij = [label(groep), *(telling.aantal(groep, c) for c in telling.categorieen), telling.totaal(groep)]
        if aandeel_van:
            rij.append(telling.aandeel(groep, aandeel_van))
        rijen.append(rij)
    return rijen


def _uitstroom(blad: Blad, cijfers: Cijfers) -> None:
    u = cijfers.uitstroom
    blad.titel("Uitstroomperspectief")
    blad.noot("Het aantal leerlingen per verwachte uitstroomrichting.")
    blad.witregel()
    blok = blad.tabel("Per uitstroomrichting", ["Uitstroomrichting", "Leerlingen", "Aandeel"],
                      [[label(r), n, (n / u.totaal) if u.totaal else None] for r, n in u.per_richting.items()],
                      procent=(3,))
    blad.grafiek(staafgrafiek(blok, 2, 2, "Leerlingen per uitstroomrichting", "Leerlingen"), blok)
    kop = [*labels(RICHTINGEN), "Totaal"]
    blad.tabel("Per leerjaar", ["Leerjaar", *kop], _telling_rijen(u.per_leerjaar))
    blok = blad.tabel("Per klas", ["Klas", *kop], _telling_rijen(u.per_klas))
    if not blok.leeg:
        blad.grafiek(staafgrafiek(blok, 2, 1 + len(RICHTINGEN), "Uitstroomrichting per klas", "Leerlingen"), blok)


def _ondersteuning(blad: Blad, cijfers: Cijfers) -> None:
    lijnen = cijfers.lijnen
    blad.titel("Ondersteuning in drie lijnen")
    blad.noot("Elke leerling telt één keer, in de hoogste lijn waarin hij ondersteuning krijgt.")
    blad.witregel()
    rijen = []
    for lijn in LIJNEN:
        norm = lijnen.normen.get(lijn)
        rijen.append([lijn, lijnen.per_lijn[lijn], lijnen.aandeel(lijn), norm.tekst if norm else "geen norm",
                      norm.oordeel if norm else ""])
    blok = blad.tabel("Leerlingen naar hoogste ondersteuningslijn",
                      ["Lijn", "Leerlingen", "Aandeel", "Norm van de school", "Oordeel"], rijen, procent=(3,))
    _kleur_oordelen(blad.ws, blok, 5)
    blad.grafiek(staafgrafiek(blok, 3, 3, "Aandeel leerlingen per ondersteuningslijn", "Aandeel", procent=True),
                 blok)
    blad.noot(f"Aandelen tellen over de {aantal(lijnen.bekend, 'leerling', 'leerlingen')} van wie de lijn bekend "
              "is. Een grens telt als binnen de norm.")
    if lijnen.onbekend:
        blad.noot(f"{lijnen.onbekend} {'leerling heeft' if lijnen.onbekend == 1 else 'leerlingen hebben'} geen "
                  "ondersteuningsniveau en geen ondersteuning in het werkboek en tellen niet mee.")


def _doelen(blad: Blad, cijfers: Cijfers) -> None:
    d = cijfers.doelen
    blad.titel("Doelen")
    blad.noot("Doelen naar status; aandeel behaald = behaalde doelen gedeeld door alle doelen.")
    blad.witregel()
    kop = [*labels(STATUSSEN), "Totaal", "Aandeel behaald"]
    procent = (len(kop) + 1,)
    blad.tabel("Per plan", ["Plan", *kop], _telling_rijen(d.per_plan, BEHAALD), procent=procent)
    blok = blad.tabel("Per domein", ["Domein", *kop], _telling_rijen(d.per_domein, BEHAALD), procent=procent)
    if not blok.leeg:
        blad.grafiek(staafgrafiek(blok, 2, 1 + len(STATUSSEN), "Doelen per domein naar status", "Doelen",
                                  gestapeld=True, kleuren=[STATUS_KLEUREN[s] for s in STATUSSEN]), blok)
    blad.tabel("Per klas", ["Klas", *kop], _telling_rijen(d.per_klas, BEHAALD), procent=procent)
    if not d.totaal:
        blad.noot("Het werkboek bevat geen doelen.")


def _termijnen(blad: Blad, cijfers: Cijfers) -> None:
    t = cijfers.termijnen
    blad.titel(f"Termijnen op {datum_kort(cijfers.datum)}")
    blad.noot("Alleen aantallen; de namen staan op de vertrouwelijke bladen.")
    blad.witregel()
    rijen = [
        [f"OPP niet vastgesteld binnen {t.opp_vaststellen_dagen} dagen na inschrijving", len(t.opp_niet_vastgesteld)],
        ["OPP niet geëvalueerd in het afgelopen jaar (of nooit)", len(t.evaluatie_te_laat)],
        [f"TLV verloopt binnen {t.tlv_binnen_maanden} maanden (of is verlopen)", len(t.tlv_verloopt)],
        [f"Aanmeldingen kernteam sinds {datum_kort(t.begin_schooljaar)}", len(t.kernteam)],
        ["Uitgeschreven leerlingen voorbij de bewaartermijn (vernietigen)", len(t.bewaartermijn)],
    ]
    if t.handtekeningen is not None:
        rijen.append([f"Handtekeningen te laat (langer dan {t.handtekeningen.te_laat_na_dagen} dagen verstuurd)",
                      len(t.handtekeningen.te_laat)])
    blad.tabel("Wat vraagt aandacht", ["Signaal", "Aantal"], rijen)
    blok = blad.tabel(f"Aanmeldingen kernteam per klas (schooljaar vanaf {datum_kort(t.begin_schooljaar)})",
                      ["Klas", "Aanmeldingen"], [[k, n] for k, n in t.kernteam_per_klas.items()])
    if not blok.leeg:
        blad.grafiek(staafgrafiek(blok, 2, 2, "Aanmeldingen kernteam per klas", "Aanmeldingen"), blok)
    if cijfers.plannen is not None:
        blad.tabel("Het OPP: vaststelling, evaluatie en instemming", ["Stand", "Leerlingen"],
                   plan_regels(cijfers.plannen, t.opp_vaststellen_dagen))
    if t.handtekeningen is not None:
        totaal = t.handtekeningen.to_dict()["totaal"]
        blad.tabel("Ondertekenronde", ["Stand", "Aantal"], [[label(k.replace("_", " ")), v] for k, v in totaal.items()])


# -- the confidential lists -----------------------------------------------------------------------------------

def _vertrouwelijk(wb: Workbook, naam: str, titel: str, kop: list[str], rijen: list[list]) -> None:
    ws = wb.create_sheet(f"{VERTROUWELIJK} {naam}")
    ws.sheet_properties.tabColor = "C00000"
    blad = Blad(ws)
    cell = ws.cell(1, 1, VERTROUWELIJK_TEKST)
    cell.font, cell.fill = VERTROUWELIJK_FONT, VERTROUWELIJK_FILL
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    for col in range(2, len(kop) + 1):
        ws.cell(1, col).fill = VERTROUWELIJK_FILL
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(kop))  # printed whole, not cut at A
    ws.row_dimensions[1].height = 32
    blad.rij = 2
    blad.titel(titel, KOP_FONT)
    blok = blad.tabel(None, kop, rijen)
    if blok.leeg:
        blad.noot("Geen leerlingen op deze lijst.")
    ws.freeze_panes = ws.cell(blok.eerste, 1)
    ws.print_title_rows = f"{blok.kop}:{blok.kop}"  # the column headers on every printed page
    blad.afronden(vertrouwelijk=True)


def _signalering_rijen(lijst: list[Signalering], teken: int = 1) -> list[list]:
    return [[s.leerlingnummer, s.naam, s.klas, s.mentor, s.signaal.uiterlijk, teken * s.signaal.dagen,
             toelichting(s.signaal)] for s in lijst]


SIGNAAL_KOP = ["Leerlingnummer", "Naam", "Klas", "Mentor", "Uiterlijk", "Dagen te laat", "Toelichting"]


def _vertrouwelijke_bladen(wb: Workbook, cijfers: Cijfers) -> None:
    t = cijfers.termijnen
    _vertrouwelijk(wb, "OPP", f"OPP niet vastgesteld binnen {t.opp_vaststellen_dagen} dagen na inschrijving",
                   SIGNAAL_KOP, _signalering_rijen(t.opp_niet_vastgesteld))
    _vertrouwelijk(wb, "evaluatie", "OPP niet geëvalueerd in het afgelopen jaar (of nooit)",
                   SIGNAAL_KOP, _signalering_rijen(t.evaluatie_te_laat))
    tlv_kop = [*SIGNAAL_KOP[:4], "Einddatum TLV", "Dagen tot het einde (negatief: verlopen)", "Toelichting"]
    _vertrouwelijk(wb, "TLV", f"TLV verloopt binnen {t.tlv_binnen_maanden} maanden (of is verlopen)",
                   tlv_kop, _signalering_rijen(t.tlv_verloopt, teken=-1))
    _vertrouwelijk(wb, "bewaartermijn", "Uitgeschreven leerlingen voorbij de bewaartermijn: vernietig hun gegevens",
                   [*SIGNAAL_KOP[:4], "Bewaren tot en met", "Dagen te laat", "Toelichting"],
                   _signalering_rijen(t.bewaartermijn))
    _vertrouwelijk(wb, "kernteam", f"Aanmeldingen kernteam sinds {datum_kort(t.begin_schooljaar)}",
                   ["Leerlingnummer", "Naam", "Klas", "Datum aanmelding", "Aangemeld door", "Toestemming ouders"],
                   [[k.leerlingnummer, k.naam, k.klas, k.datum_aanmelding, k.aangemeld_door, k.toestemming_ouders]
                    for k in t.kernteam])
    if t.handtekeningen is not None:
        _vertrouwelijk(wb, "handtekeningen",
                       f"Handtekeningen te laat (langer dan {t.handtekeningen.te_laat_na_dagen} dagen verstuurd)",
                       ["Leerlingnummer", "Naam", "Klas", "Document", "Ondertekenaar", "Verstuurd op",
                        "Dagen verstuurd"],
                       [[getattr(r, "leerlingnummer", None), getattr(r, "naam", None), getattr(r, "klas", None),
                         getattr(r, "document", None), _tekst(getattr(r, "ondertekenaar", None)),
                         getattr(r, "verstuurd_op", None), getattr(r, "dagen", None)]
                        for r in t.handtekeningen.te_laat])


def _tekst(waarde):
    """A signer may come as an object; a cell holds its text."""
    if waarde is None or isinstance(waarde, (str, int, float, dt.date)):
        return waarde
    return getattr(waarde, "naam", None) or str(waarde)


# -- the workbook ---------------------------------------------------------------------------------------------

def schrijf_rapport(path: Path, cijfers: Cijfers, anoniem: bool = False) -> None:
    """Write rapport.xlsx atomically and owner-only."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the default sheet of a new workbook
    for naam, vul in (("Overzicht", lambda b: _overzicht(b, cijfers, anoniem)),
                      ("Uitstroom", lambda b: _uitstroom(b, cijfers)),
                      ("Ondersteuning", lambda b: _ondersteuning(b, cijfers)),
                      ("Doelen", lambda b: _doelen(b, cijfers)),
                      ("Termijnen", lambda b: _termijnen(b, cijfers))):
        blad = Blad(wb.create_sheet(naam))
        vul(blad)
        blad.afronden()
    if not anoniem:
        _vertrouwelijke_bladen(wb, cijfers)
    wb.active = 0
    atomic_write(Path(path), wb.save)
