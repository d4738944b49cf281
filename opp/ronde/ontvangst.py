"""Signed pages back in the tracker: each code found (on a scanned page or typed) sets *Ontvangen op* on the
row made for it, where that cell is empty. Never over a date she typed, never *Besluit*.

The row is found by the hidden column 'Code' (filled by `opp ronde brieven`), never by position. With a
column 'Versie', a row whose version is lower than the highest version of the same signature (same
'Sleutel') was signed for an older version: that row gets its date (the page was returned), the row of the
current version does not, and the report says to have it signed again.

The tracker is written as `opp tracker sync` writes it: refused while Excel has it open, a backup of the
version read first, the new file put in place atomically and only if nobody saved the tracker meanwhile
(then the receipt runs once more from her version).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from openpyxl.utils.datetime import from_excel
from pydantic import BaseModel, Field, computed_field

from ..excel_cells import zet
from ..files import atomic_write
from ..problems import OppError, Resultaat
from ..render.formatting import datum_nl
from ..settings import Tracker
from ..taal import aantal
from ..tracker.bestand import (
    controleer_niet_geopend,
    is_veranderd,
    lees_versie,
    open_tracker,
    ruim_backups_op,
    schrijf_backup,
)
from ..tracker.layout import CODE, ONTVANGEN_OP, SLEUTEL, VERSIE, koppen, normaliseer
from ..tracker.overzicht import zoek_tracker_blad
from ..tracker.versies import als_versie
from .code import lees_code, leesbaar

_BRIEFPAGINAS = ("briefpagina", "briefpagina's")


class Uitkomst(str, Enum):
    """What became of one page (or typed code). The problems are codes in opp.problems.CODES."""

    HERKEND = "herkend"
    LEEG = "lege-pagina"
    BRIEFPAGINA = "briefpagina"  # a page of the letter, not one to sign: nothing to do
    DUBBEL = "pagina-dubbel"
    OUDERE_VERSIE = "oudere-versie-getekend"
    DATUM_VERSCHILT = "ontvangen-op-verschilt"
    ONBEKENDE_CODE = "code-onbekend"
    NIET_HERKEND = "pagina-niet-herkend"

    def __str__(self) -> str:
        return self.value

    @property
    def is_probleem(self) -> bool:
        return self not in (Uitkomst.HERKEND, Uitkomst.LEEG, Uitkomst.BRIEFPAGINA)


@dataclass(frozen=True)
class Ontvangst:
    """One page that came back (bestand and pagina None: a code typed by hand)."""

    codes: tuple[str, ...]
    bestand: Path | None = None
    pagina: int | None = None
    leeg: bool = False
    andere_qr: bool = False  # a QR code was found, but not one of ours
    briefpagina: bool = False  # the mark of a letter's own page, and no code
    vak_leeg: bool | None = None  # opp's signature box looks empty (True), signed (False), or was not told


class PaginaUitkomst(BaseModel):
    """One page (or typed code) in the report: what it was and what the tracker says now."""

    uitkomst: Uitkomst
    bestand: Path | None = Field(None, description="De gescande PDF (leeg bij een getypte code).")
    pagina: int | None = Field(None, description="Het paginanummer in die PDF, vanaf 1.")
    code: str | None = Field(None, description="De code zoals hij gedrukt staat, bijvoorbeeld K7QM-4XW2-T.")
    rij: int | None = Field(None, description="De rij in de tracker.")
    leerlingnummer: str | None = None
    naam: str | None = None
    klas: str | None = None
    document: str | None = None
    ondertekenaar: str | None = None
    versie: int | None = Field(None, description="De versie waarvoor getekend is.")
    huidige_versie: int | None = Field(None, description="De hoogste versie van dezelfde handtekening.")
    ontvangen_op: dt.date | None = Field(None, description="'Ontvangen op' in de tracker na deze run.")
    getypt: str | None = Field(None, description="Wat er al in 'Ontvangen op' stond als het een andere datum is.")
    bewaard: Path | None = Field(None, description="De PDF van de pagina in de map van de leerling.")
    andere_qr: bool = Field(False, description="Er stond wel een QR-code op, maar niet een van opp.")
    handtekening_ontbreekt: bool | None = Field(
        None, description="Het handtekeningvak van opp's eigen pagina lijkt leeg (true) of is getekend (false); leeg "
                          "als dat niet betrouwbaar te zien was (een eigen sjabloon, een onleesbaar anker).")

    @property
    def oudere_versie(self) -> bool:
        return self.versie is not None and self.huidige_versie is not None and self.versie < self.huidige_versie

    @property
    def plaats(self) -> str:
        if self.bestand is None:
            return f"code {self.code}"
        return f"{self.bestand.name}, pagina {self.pagina}"

    @property
    def wie(self) -> str:
        wie = f"{self.leerlingnummer} {self.naam or ''}, {self.document}, {self.ondertekenaar}".replace(" ,", ",")
        return f"{wie} (rij {self.rij})"

    def regel(self, datum: dt.date) -> str:
        """The page in one Dutch line, as the CLI prints it."""
        u = self.uitkomst
        if u is Uitkomst.LEEG:
            tekst = "lege pagina (overgeslagen)"
        elif u is Uitkomst.BRIEFPAGINA:
            tekst = "pagina van de brief, niet om te tekenen (overgeslagen)"
        elif u is Uitkomst.NIET_HERKEND:
            if self.code:
                gevonden = f"meer dan één code op de pagina ({self.code})"
            else:
                gevonden = "alleen een QR-code die niet van opp is" if self.andere_qr else "geen code gevonden"
            tekst = f"niet herkend: {gevonden}; handel de pagina met de hand af"
        elif u is Uitkomst.ONBEKENDE_CODE:
            tekst = (f"code {self.code} staat niet in deze tracker (een andere ronde of een ander schooljaar?); "
                     "handel de pagina met de hand af")
        elif u is Uitkomst.DUBBEL:
            tekst = f"{self.wie}: dubbel, was al ontvangen op {datum_nl(self.ontvangen_op, '?')}"
        elif u is Uitkomst.DATUM_VERSCHILT:
            tekst = (f"{self.wie}: in 'Ontvangen op' staat al {self.getypt}, niet {datum_nl(datum)}; die datum is "
                     "niet veranderd: controleer hem")
        else:
            tekst = f"{self.wie}: ontvangen op {datum_nl(self.ontvangen_op, '?')}"
        if self.oudere_versie and u is not Uitkomst.ONBEKENDE_CODE:
            tekst += (f"; getekend voor versie {self.versie}; de huidige versie is {self.huidige_versie}: "
                      "opnieuw laten tekenen")
        if self.handtekening_ontbreekt:
            tekst += "; de handtekening lijkt te ontbreken: bekijk de pagina en laat hem zo nodig alsnog tekenen"
        return f"{self.plaats}: {tekst}"


class OntvangstResultaat(Resultaat):
    """What `opp ronde scan` and `opp ronde ontvangen` did: its JSON is this model dumped."""

    tracker: Path
    datum: dt.date
    paginas: list[PaginaUitkomst] = Field(default_factory=list)
    bijgewerkt: int = Field(0, description="Rijen waarin 'Ontvangen op' is ingevuld.")
    backup: Path | None = None
    backups_bewaren: int = 0
    backups_verwijderd: list[Path] = Field(default_factory=list, description="Oudere backups die weg zijn.")
    niet_herkend_pdf: Path | None = Field(None, description="Eén PDF met elke pagina die met de hand moet.")
    opnieuw: bool = False  # the tracker was saved during the run, which then ran again from that version
    waarschuwingen: list[str] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def aantallen(self) -> dict[str, int]:
        return {u.value: sum(p.uitkomst is u for p in self.paginas) for u in Uitkomst}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        return not any(p.uitkomst.is_probleem or p.handtekening_ontbreekt for p in self.paginas)

    def samenvatting(self) -> list[str]:
        regels = [f"Tracker: {self.tracker}"]
        regels += [p.regel(self.datum) for p in self.paginas
                   if p.uitkomst is not Uitkomst.HERKEND or p.oudere_versie or p.handtekening_ontbreekt]
        n = self.aantallen
        paginas = aantal(len(self.paginas), "pagina", "pagina's")
        regels.append(f"{paginas}: {n['herkend']} herkend, "
                      f"{n[Uitkomst.OUDERE_VERSIE.value]} voor een oudere versie, {n[Uitkomst.DUBBEL.value]} dubbel, "
                      f"{n[Uitkomst.DATUM_VERSCHILT.value]} met een andere datum, "
                      f"{n[Uitkomst.NIET_HERKEND.value] + n[Uitkomst.ONBEKENDE_CODE.value]} niet herkend, "
                      f"{n[Uitkomst.LEEG.value]} leeg"
                      + (f", {aantal(n[Uitkomst.BRIEFPAGINA.value], *_BRIEFPAGINAS)} (niet om te tekenen)"
                         if n[Uitkomst.BRIEFPAGINA.value] else ""))
        regels.append(f"'Ontvangen op' ingevuld in {aantal(self.bijgewerkt, 'rij', 'rijen')}"
                      + (f"; backup van de vorige versie: {self.backup}" if self.backup else ""))
        if self.backups_verwijderd:
            weg = aantal(len(self.backups_verwijderd), "oudere backup", "oudere backups")
            regels.append(f"{weg} verwijderd; de nieuwste {self.backups_bewaren} blijven bewaard (opp.toml: "
                          "[tracker] backups_bewaren)")
        if self.opnieuw:
            regels.append("De tracker werd tijdens het verwerken opgeslagen; opp is opnieuw begonnen vanaf die versie.")
        if self.niet_herkend_pdf:
            regels.append(f"Met de hand af te handelen: {self.niet_herkend_pdf} (typ een code met: opp ronde "
                          "ontvangen CODE)")
        regels += [f"Let op: {w}" for w in self.waarschuwingen]
        return regels


@dataclass
class _Rij:
    rij: int
    code: str
    sleutel: str | None
    versie: int | None
    waarden: dict[str, object]


def verwerk(pad: Path, ontvangsten: Sequence[Ontvangst], datum: dt.date, *,
            al_bewaard: Callable[[PaginaUitkomst], bool] = lambda p: False,
            nu: dt.datetime | None = None, backups_bewaren: int | None = None) -> OntvangstResultaat:
    """Apply the returned pages to the tracker at `pad` and return the report (pages not yet filed).

    `al_bewaard` tells whether a page for this row was filed by an earlier scan: a date there that differs
    from `datum` is then that scan's, not one she typed. Past `backups_bewaren` (default: opp.toml's default)
    the oldest backups of the tracker go, as the sync prunes them."""
    pad = Path(pad)
    controleer_niet_geopend(pad)
    try:
        result = _verwerk_versie(pad, ontvangsten, datum, al_bewaard, nu, laatste_poging=False)
    except _Gewijzigd:
        result = _verwerk_versie(pad, ontvangsten, datum, al_bewaard, nu, laatste_poging=True)
        result.opnieuw = True
    if result.backup:  # pruned only once the new tracker is safely written
        result.backups_bewaren = backups_bewaren or Tracker().backups_bewaren
        result.backups_verwijderd = ruim_backups_op(pad, result.backups_bewaren)
    return result


class _Gewijzigd(Exception):
    """The tracker changed on disk between our read and our write."""


def _verwerk_versie(pad: Path, ontvangsten: Sequence[Ontvangst], datum: dt.date,
                    al_bewaard: Callable[[PaginaUitkomst], bool], nu: dt.datetime | None,
                    laatste_poging: bool) -> OntvangstResultaat:
    versie = lees_versie(pad)
    wb, meldingen = open_tracker(pad, versie=versie)
    ws = zoek_tracker_blad(wb)
    if ws is None:
        raise OppError(f"'{pad.name}' heeft geen blad 'Ondertekening'. Is dit een tracker van opp? Kies een ander "
                       "bestand met --tracker.")
    kolnr = koppen(ws)
    _vereis_codes(pad, kolnr)
    rijen = _lees_rijen(ws, kolnr)
    huidig: dict[str, int] = {}
    for r in rijen.values():
        if r.sleutel is not None and r.versie is not None:
            huidig[r.sleutel] = max(huidig.get(r.sleutel, r.versie), r.versie)

    ontvangen_kolom = kolnr.get(normaliseer(ONTVANGEN_OP))
    if ontvangen_kolom is None:
        raise OppError(f"De tracker '{pad.name}' mist de kolom '{ONTVANGEN_OP}'. Zet de kolom terug of werk de "
                       "tracker bij met: opp tracker sync WERKBOEK")
    result = OntvangstResultaat(tracker=pad, datum=datum, waarschuwingen=meldingen)
    gezien: set[str] = set()
    for ontvangst in ontvangsten:
        pagina = PaginaUitkomst(uitkomst=Uitkomst.NIET_HERKEND, bestand=ontvangst.bestand, pagina=ontvangst.pagina,
                                andere_qr=ontvangst.andere_qr)
        result.paginas.append(pagina)
        if ontvangst.leeg:
            pagina.uitkomst = Uitkomst.LEEG
            continue
        if ontvangst.briefpagina and not ontvangst.codes:
            pagina.uitkomst = Uitkomst.BRIEFPAGINA
            continue
        bekend = [c for c in ontvangst.codes if c in rijen]
        if not bekend and ontvangst.codes:
            pagina.uitkomst, pagina.code = Uitkomst.ONBEKENDE_CODE, leesbaar(ontvangst.codes[0])
        if len(bekend) > 1:  # two rows on one page: a person must look which one was signed
            pagina.code = ", ".join(map(leesbaar, bekend))
        if len(bekend) != 1:
            continue
        rij = rijen[bekend[0]]
        cel = ws.cell(rij.rij, ontvangen_kolom)
        _vul(pagina, rij, huidig)
        pagina.handtekening_ontbreekt = ontvangst.vak_leeg
        eerder = _als_datum(cel.value)
        if rij.code in gezien:
            pagina.uitkomst, pagina.ontvangen_op = Uitkomst.DUBBEL, eerder
        elif cel.value is None or cel.value == "":
            zet(cel, datum)
            pagina.ontvangen_op = datum
            result.bijgewerkt += 1
            pagina.uitkomst = Uitkomst.OUDERE_VERSIE if pagina.oudere_versie else Uitkomst.HERKEND
        elif eerder == datum or (eerder is not None and al_bewaard(pagina)):
            pagina.uitkomst, pagina.ontvangen_op = Uitkomst.DUBBEL, eerder
        else:
            pagina.uitkomst, pagina.ontvangen_op = Uitkomst.DATUM_VERSCHILT, eerder
            pagina.getypt = datum_nl(eerder) if eerder is not None else str(cel.value)
        gezien.add(rij.code)

    if result.bijgewerkt:
        result.backup = schrijf_backup(pad, nu or dt.datetime.now(), versie.inhoud if versie else None)

        def nog_dezelfde() -> None:
            if not is_veranderd(pad, versie):
                return
            if not laatste_poging:
                raise _Gewijzigd()
            raise OppError(f"'{pad.name}' is tijdens het verwerken steeds opnieuw opgeslagen (is hij geopend?); opp "
                           "heeft er niets in geschreven. Sluit de tracker overal en probeer het opnieuw.")

        atomic_write(pad, wb.save, voor_vervangen=nog_dezelfde)
    return result


def vereis_codes(pad: Path) -> None:
    """Before pages are read for a minute: a tracker without codes cannot take them (only its header row is read)."""
    wb, _ = open_tracker(pad, alleen_lezen=True)
    try:
        ws = zoek_tracker_blad(wb)
        _vereis_codes(pad, koppen(ws) if ws is not None else {})
    finally:
        wb.close()


def _vereis_codes(pad: Path, kolnr: dict[str, int]) -> None:
    if normaliseer(CODE) not in kolnr:
        raise OppError(f"De tracker '{pad.name}' heeft geen kolom '{CODE}': de codes komen in de tracker met de "
                       "brieven. Maak eerst de brieven met: opp ronde brieven WERKBOEK")


def _lees_rijen(ws, kolnr: dict[str, int]) -> dict[str, _Rij]:
    """Code -> its row. Columns by header; a cell that holds no valid code is passed over."""
    code_kolom = kolnr[normaliseer(CODE)]
    sleutel_kolom = kolnr.get(normaliseer(SLEUTEL))
    versie_kolom = kolnr.get(normaliseer(VERSIE))
    namen = {k: kolnr.get(normaliseer(k)) for k in ("Leerlingnummer", "Naam", "Klas", "Document", "Ondertekenaar")}
    rijen: dict[str, _Rij] = {}
    for r, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        def waarde(kolom: int | None, values=values):
            return values[kolom - 1] if kolom is not None and len(values) >= kolom else None

        ruw = waarde(code_kolom)
        code = lees_code(str(ruw)) if ruw not in (None, "") else None
        if code is None or code in rijen:  # a copied row keeps the first
            continue
        sleutel = waarde(sleutel_kolom)
        rijen[code] = _Rij(r, code, str(sleutel) if sleutel not in (None, "") else None,
                           als_versie(waarde(versie_kolom)), {k: waarde(c) for k, c in namen.items()})
    return rijen


def _vul(pagina: PaginaUitkomst, rij: _Rij, huidig: dict[str, int]) -> None:
    def tekst(kop: str) -> str | None:
        v = rij.waarden.get(kop)
        return None if v in (None, "") else str(v)

    pagina.code, pagina.rij = leesbaar(rij.code), rij.rij
    pagina.leerlingnummer, pagina.naam, pagina.klas = tekst("Leerlingnummer"), tekst("Naam"), tekst("Klas")
    pagina.document, pagina.ondertekenaar = tekst("Document"), tekst("Ondertekenaar")
    pagina.versie = rij.versie
    pagina.huidige_versie = huidig.get(rij.sleutel) if rij.sleutel is not None else None


def _als_datum(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return from_excel(value).date()
    if isinstance(value, str):
        for formaat in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(value.strip(), formaat).date()
            except ValueError:
                continue
    return None

