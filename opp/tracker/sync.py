"""`opp tracker sync`: create or update the signing tracker without ever losing what the secretary typed.

Rows are matched by their key (hidden column 'Sleutel'), never by position, and never moved, sorted
or deleted: a row she sorted, hid or filtered stays where she put it, with her own columns beside it.
Per row the sync only writes the columns that come from the workbook, the hidden bookkeeping and the
formulas; her dates, decisions, remarks and own columns are never written.

- A key the rules still give: its workbook columns are refreshed (and a vervallen mark is lifted).
- A new key: a row is added at the bottom.
- A key the rules no longer give (pupil left, signer no longer applies): marked vervallen, kept.
- A pupil skipped because of errors in the workbook: their rows are left exactly as they are.
- Every row carries the version of its document that it asks a signature for (versies.py: a row moves
  to a newer version, stays with the version that was signed, or is kept as history beside a new row
  when the handelingsdeel changed); the answers go into the register.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from pydantic import BaseModel, Field, computed_field

from ..afdruk import vul_aan
from ..documenten import ONDERTEKEND
from ..excel_cells import DATUMNOTATIE, zet, zet_formule
from ..files import atomic_write
from ..invoer import Invoer
from ..problems import Issue, OppError, Resultaat
from ..register.db import Register
from ..register.versies import standaard_register, zoekmappen
from ..settings import Settings
from ..taal import aantal
from .bestand import (
    BESTANDSNAAM,
    controleer_niet_geopend,
    controleer_nieuw_pad,
    is_veranderd,
    lees_versie,
    open_tracker,
    ruim_backups_op,
    schrijf_backup,
    tijdelijke_resten,
)
from .hernoemd import koppel_hernoemd
from .keys import INSTEMMING, GewensteRij, Sleutel, gewenste_rijen
from .layout import (
    BESLUIT,
    BLAD,
    CODE,
    GETEKEND,
    GROEP,
    KOLOMMEN,
    ONTVANGEN_OP,
    OPNIEUW,
    SLEUTEL,
    STATUS,
    VERSIE,
    VERSTUURD_OP,
    VERVALLEN,
    Kolom,
    Soort,
    koppen,
    nieuw_blad,
    stijl_kop,
    zet_breedte,
    zet_kleuren,
    zet_validaties,
)
from .overzicht import klassen_van, schrijf_overzicht, zoek_tracker_blad
from .status import VERVANGEN_MARKERING, Cellen, getekend_formule, status_formule
from .status import Invoer as Rijinvoer
from .versies import Actie, Antwoord, Documentversies, als_versie, lees_versies, leg_vast, volg_versie

VERVALLEN_MARKERING = "ja"
MET_VERSIES = {d.getekend_als for d in ONDERTEKEND if d.getekend_als}  # signed ter instemming: versioned
OPNIEUW_MARKERING = "ja"


class Versiewijziging(BaseModel):
    """A row whose version changed in this sync (named in the summary)."""

    rij: int
    leerlingnummer: str
    document: str
    ondertekenaar: str
    van: int
    naar: int
    actie: str  # Actie.VERPLAATST (never sent: moved) or Actie.VERVANGEN (kept as history)
    nieuwe_rij: int | None = None  # the row that asks again (vervangen)


class Wijziging(BaseModel):
    """A row added, marked vervallen, renamed or needed again in this sync (named in the summary)."""

    soort: str  # TOEGEVOEGD, VERVALLEN_SOORT, HERNOEMD or HERSTELD
    rij: int
    leerlingnummer: str
    document: str
    ondertekenaar: str
    was: str | None = None  # hernoemd: the name before


TOEGEVOEGD, VERVALLEN_SOORT, HERNOEMD, HERSTELD = "toegevoegd", "vervallen", "hernoemd", "weer nodig"


class SyncResult(Resultaat):
    """What `opp tracker sync` did: its JSON is this model dumped."""

    tracker: Path
    nieuw: bool
    toegevoegd: int = 0  # rows added
    behouden: int = 0  # rows matched and still needed (workbook columns refreshed)
    vervallen: int = 0  # rows newly marked vervallen
    hersteld: int = 0  # vervallen rows needed again (mark lifted)
    rijen: int = 0  # rows of the round in the tracker after the sync
    backup: Path | None = None
    backups_verwijderd: list[Path] = Field(default_factory=list)  # older backups pruned after this sync
    backups_bewaren: int = 0
    waarschuwingen: list[str] = Field(default_factory=list)
    overgeslagen: dict[str, list[Issue]] = Field(default_factory=dict)  # leerlingnummer -> its errors
    opnieuw: bool = False  # the tracker was saved by someone during the sync, which then ran again from that
    tijdelijk_verwijderd: list[Path] = Field(default_factory=list)  # temp files of earlier interrupted syncs
    hernoemd: int = 0  # rows kept for a signer whose name was corrected (key updated)
    wijzigingen: list[Wijziging] = Field(default_factory=list)  # each row added, vervallen, renamed, needed again
    registerbestand: Path | None = None
    register_melding: str | None = None  # e.g. that the register was rebuilt from the documents
    versie_gezet: int = 0  # rows without a version yet that got the register's
    versiewijzigingen: list[Versiewijziging] = Field(default_factory=list)
    opnieuw_nodig: int = 0  # rows added because the handelingsdeel changed after a row was sent or answered
    wacht_op_render: list[str] = Field(default_factory=list)  # leerlingnummers without a version to offer yet
    instemmingen: int = 0  # answers recorded in the register that it did not hold yet
    vastgesteld: list[tuple[str, str, int]] = Field(default_factory=list)  # (leerlingnummer, document, versie)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        return not self.overgeslagen

    def samenvatting(self) -> list[str]:
        """The result in Dutch, one line each, as the CLI and `opp demo` print it."""
        regels = [f"Tracker {'gemaakt' if self.nieuw else 'bijgewerkt'}: {self.tracker}",
                  f"  {aantal(self.rijen, 'rij', 'rijen')}: {self.toegevoegd} toegevoegd, {self.behouden} behouden, "
                  f"{self.vervallen} vervallen, {self.hersteld} weer nodig"
                  + (f", {self.hernoemd} hernoemd" if self.hernoemd else "")]
        regels += [f"  {_wijziging_tekst(w)}" for w in self.wijzigingen]
        if self.opnieuw:
            regels.append("  De tracker werd tijdens het bijwerken opgeslagen; opp is opnieuw begonnen vanaf die "
                          "versie, dus niets daarvan is verloren.")
        if self.backup:
            regels.append(f"  Backup van de vorige versie: {self.backup}")
        if self.tijdelijk_verwijderd:
            tijdelijk = aantal(len(self.tijdelijk_verwijderd), "tijdelijk bestand", "tijdelijke bestanden")
            regels.append(f"  {tijdelijk} van een afgebroken eerdere sync opgeruimd")
        if self.backups_verwijderd:
            weg = aantal(len(self.backups_verwijderd), "oudere backup", "oudere backups")
            regels.append(f"  {weg} verwijderd; de nieuwste "
                          f"{self.backups_bewaren} blijven bewaard (opp.toml: [tracker] backups_bewaren)")
        regels += self._versieregels()
        regels += [f"Let op: {w}" for w in self.waarschuwingen]
        if self.overgeslagen:
            wie = aantal(len(self.overgeslagen), "leerling", "leerlingen")
            regels.append(f"{wie} overgeslagen door fouten in het werkboek; "
                          "hun rijen zijn niet veranderd:")
            for nr, issues in self.overgeslagen.items():
                for issue in issues:
                    regels.append(f"  {nr}: {issue}")
        return regels

    def _versieregels(self) -> list[str]:
        regels = [f"  {self.register_melding}"] if self.register_melding else []
        if self.versie_gezet:
            regels.append(f"  {aantal(self.versie_gezet, 'rij kreeg', 'rijen kregen')} de versie uit het register")
        for w in self.versiewijzigingen:
            wie = f"  Rij {w.rij} ({w.leerlingnummer}, {w.document}, {w.ondertekenaar}):"
            if w.actie == Actie.VERVANGEN:
                regels.append(f"{wie} versie {w.van} is vervangen, want het handelingsdeel is veranderd; "
                              f"rij {w.nieuwe_rij} vraagt opnieuw om een handtekening voor versie {w.naar}")
            else:
                regels.append(f"{wie} nog niet verstuurd, nu voor versie {w.naar} (was versie {w.van})")
        if self.opnieuw_nodig:
            regels.append(f"  {aantal(self.opnieuw_nodig, 'handtekening is', 'handtekeningen zijn')} opnieuw nodig")
        if self.wacht_op_render:
            nummers = ", ".join(self.wacht_op_render[:10]) + (", ..." if len(self.wacht_op_render) > 10 else "")
            regels.append(f"  {aantal(len(self.wacht_op_render), 'leerling heeft', 'leerlingen hebben')} nog geen "
                          f"versie om te tekenen in het register ({nummers}); hun rijen wachten op: opp render")
        if self.instemmingen:
            regels.append(f"  {aantal(self.instemmingen, 'nieuw besluit', 'nieuwe besluiten')} over instemming "
                          "vastgelegd in het register")
        for nr, document, versie in self.vastgesteld:
            regels.append(f"  {document.upper()} van {nr} versie {versie} is vastgesteld: de instemming is compleet")
        return regels


def _wijziging_tekst(w: Wijziging) -> str:
    """'Rij 7 vervallen: 002, OPP handelingsdeel, dhr. B. Smit' (the row as Excel numbers it)."""
    wie = w.ondertekenaar
    if w.soort == HERNOEMD:
        wie = f"'{w.was}' heet nu '{w.ondertekenaar}' (zelfde rij: datums en opmerkingen blijven)"
    return f"Rij {w.rij} {w.soort}: {w.leerlingnummer}, {w.document}, {wie}"


def sync_tracker(invoer: Invoer, tracker: Path | None = None, *, nu: dt.datetime | None = None,
                 register: Path | None = None) -> SyncResult:
    """Create or update the tracker for the signing round on `invoer.datum` (ages count on that day).

    tracker None: output/<schooljaar>/ondertekening.xlsx in the current folder. `nu` names the backup
    (default: now). `register`: the versions register (default: opp-register.sqlite beside the workbook)."""
    school = invoer.vereis_bruikbaar()
    gelezen, datum, settings = invoer, invoer.datum, invoer.settings
    pad = Path(tracker) if tracker else invoer.uitmap / BESTANDSNAAM
    if pad.suffix.lower() != ".xlsx":
        raise OppError(f"'{pad.name}': de tracker is een Excel-bestand; kies een naam die eindigt op .xlsx.")
    controleer_nieuw_pad(pad, invoer.uitmap / BESTANDSNAAM)
    controleer_niet_geopend(pad)

    overgeslagen = invoer.overgeslagen()
    gewenst = gewenste_rijen(gelezen.stroom_dossiers(), school, datum, settings)  # one dossier at a time

    opgeruimd = tijdelijke_resten(pad)
    register_pad = Path(register) if register else standaard_register(invoer)
    with Register(register_pad, zoekmappen(invoer, register_pad)) as reg:
        versies = lees_versies(reg)
        try:
            result = _sync_versie(pad, gelezen, gewenst, overgeslagen, datum, settings, nu, reg, versies,
                                  laatste_poging=False)
        except _Gewijzigd:  # she saved while we worked: start again from her version, once
            result = _sync_versie(pad, gelezen, gewenst, overgeslagen, datum, settings, nu, reg, versies,
                                  laatste_poging=True)
            result.opnieuw = True
        result.registerbestand, result.register_melding = register_pad, reg.melding
    result.tijdelijk_verwijderd = opgeruimd
    result.waarschuwingen[:0] = [i.bericht for i in invoer.report.waarschuwingen if i.code == "werkboek-geopend"]
    return result


class _Gewijzigd(Exception):
    """The tracker changed on disk between our read and our write."""


def _sync_versie(pad: Path, gelezen, gewenst: list[GewensteRij], overgeslagen: dict[str, list[Issue]],
                 datum: dt.date, settings: Settings, nu: dt.datetime | None, reg: Register,
                 versies: dict[tuple[str, str], Documentversies], laatste_poging: bool) -> SyncResult:
    """One sync of the version of the tracker on disk now; written only if that is still the version there."""
    versie = lees_versie(pad)
    nieuw = versie is None
    result = SyncResult(tracker=pad, nieuw=nieuw, overgeslagen=overgeslagen)
    if nieuw:
        wb = Workbook()
        ws = wb.worksheets[0]
        ws.title = BLAD
    else:
        wb, result.waarschuwingen = open_tracker(pad, versie=versie)
        ws = zoek_tracker_blad(wb)
        if ws is None:
            raise OppError(f"'{pad.name}' heeft geen blad '{BLAD}'. Is dit een tracker van opp? Kies een ander "
                           "bestand met --tracker of zet de nieuwste backup terug.")
    geen_leerlingen = not gelezen.dossiers and not overgeslagen
    letters, klassen, antwoorden = _bijwerken(ws, gewenst, set(overgeslagen), nieuw, geen_leerlingen, result,
                                              versies)

    schrijf_overzicht(wb, ws.title, letters["Klas"], letters[STATUS], klassen, datum,
                      settings.tracker.te_laat_na_dagen, settings.ondertekening.een_ouder_volstaat)
    wb.active = wb.worksheets.index(ws)
    for blad in wb.worksheets:
        blad.sheet_view.tabSelected = blad is ws
    if versie is not None:  # an existing tracker: its exact bytes, as read, go to the backup
        result.backup = schrijf_backup(pad, nu or dt.datetime.now(), versie.inhoud)
        if result.waarschuwingen:
            result.waarschuwingen.append(f"Wat hierboven verloren gaat, staat nog in de backup {result.backup.name}.")

    def nog_dezelfde() -> None:
        if not is_veranderd(pad, versie):
            return
        if not laatste_poging:
            raise _Gewijzigd()
        raise OppError(f"'{pad.name}' is tijdens het bijwerken steeds opnieuw opgeslagen (is hij geopend?); opp "
                       "heeft er niets in geschreven"
                       + (f" (de versie van vóór deze sync staat in {result.backup.name})" if result.backup else "")
                       + ". Sluit de tracker overal en probeer het opnieuw.")

    atomic_write(pad, wb.save, voor_vervangen=nog_dezelfde)
    # Only what was written goes into the register (committed when the sync ends without an error).
    nodig: dict[tuple[str, str], list[str]] = {}
    for g in gewenst:
        if g.sleutel.soort == INSTEMMING:
            nodig.setdefault((g.sleutel.leerlingnummer, g.sleutel.document), []).append(g.sleutel.ondertekenaar)
    vastlegging = leg_vast(reg, antwoorden, nodig, versies, settings.ondertekening.een_ouder_volstaat)
    result.instemmingen, result.vastgesteld = vastlegging.instemmingen, vastlegging.vastgesteld
    if result.backup:  # pruned only once the new tracker is safely written
        result.backups_bewaren = settings.tracker.backups_bewaren
        result.backups_verwijderd = ruim_backups_op(pad, result.backups_bewaren)
    return result


def _bijwerken(ws, gewenst: list[GewensteRij], overgeslagen: set[str], nieuw: bool, geen_leerlingen: bool,
               result: SyncResult, versies: dict[tuple[str, str], Documentversies],
               ) -> tuple[dict[str, str], list[str], list[Antwoord]]:
    kolnr, nieuwe_kolommen = _kolommen(ws, nieuw)
    letters = {k.kop: get_column_letter(kolnr[k.kop]) for k in KOLOMMEN}
    bestaand, geschiedenis, laatste = _bestaande_rijen(ws, kolnr, result)

    gewenste_sleutels = {g.sleutel for g in gewenst}
    _hernoem(ws, kolnr, bestaand, gewenst, gewenste_sleutels, overgeslagen, result)
    weg = [(s, r) for s, rijen in bestaand.items()
           if s not in gewenste_sleutels and s.leerlingnummer not in overgeslagen
           for r in rijen]
    if geen_leerlingen and any(_leeg(ws.cell(r, kolnr[VERVALLEN]).value) for _, r in weg):
        raise OppError("Het werkboek heeft geen enkele leerling; de tracker wordt niet leeggemaakt. "
                       "Kies het goede werkboek.")

    nieuwe_rijen: list[tuple[Sleutel, int]] = []
    wacht: set[str] = set()

    def voeg_toe(g: GewensteRij, versie: int | None, opnieuw: bool) -> int:
        nonlocal laatste
        laatste += 1
        _schrijf_nieuwe_rij(ws, laatste, g, kolnr, versie, opnieuw)
        nieuwe_rijen.append((g.sleutel, laatste))
        result.toegevoegd += 1
        if not nieuw:  # in a new tracker every row is new: the count says it
            _meld(result, TOEGEVOEGD, ws, laatste, kolnr)
        result.opnieuw_nodig += opnieuw
        return laatste

    for g in gewenst:
        documentversies = versies.get((g.sleutel.leerlingnummer, g.sleutel.document))
        huidige = documentversies.huidige if documentversies else None
        if huidige is None and g.sleutel.document in MET_VERSIES:  # a consent has no versions to wait for
            wacht.add(g.sleutel.leerlingnummer)
        rijen = bestaand.get(g.sleutel)
        if rijen is None:  # new, or only history left (she deleted the row that asked again)
            voeg_toe(g, huidige, opnieuw=g.sleutel in geschiedenis and huidige is not None)
            continue
        nieuwe_rij: int | None = None
        for r in rijen:
            _schrijf_werkboekwaarden(ws, r, g, kolnr)
            cell = ws.cell(r, kolnr[VERVALLEN])
            if _leeg(cell.value):
                result.behouden += 1
            else:
                zet(cell, None)
                result.hersteld += 1
                _meld(result, HERSTELD, ws, r, kolnr)
            versiecel = ws.cell(r, kolnr[VERSIE])
            oud = als_versie(versiecel.value)
            actie, versie = volg_versie(oud, _invoer(ws, r, kolnr), documentversies)
            if actie in (Actie.GEZET, Actie.VERPLAATST):
                _zet_versie(versiecel, versie)
                result.versie_gezet += actie is Actie.GEZET
            elif actie is Actie.VERVANGEN:
                zet(cell, VERVANGEN_MARKERING)  # kept as history; one new row asks again
                nieuwe_rij = nieuwe_rij or voeg_toe(g, versie, opnieuw=True)
            if actie in (Actie.VERPLAATST, Actie.VERVANGEN):
                assert oud is not None and versie is not None
                result.versiewijzigingen.append(Versiewijziging(
                    rij=r, leerlingnummer=g.sleutel.leerlingnummer, document=g.sleutel.document,
                    ondertekenaar=str(g.waarden.get("Ondertekenaar") or ""), van=oud, naar=versie, actie=actie.value,
                    nieuwe_rij=nieuwe_rij if actie is Actie.VERVANGEN else None))
    result.wacht_op_render = sorted(wacht)
    for _, r in weg:
        cell = ws.cell(r, kolnr[VERVALLEN])
        if _leeg(cell.value):
            zet(cell, VERVALLEN_MARKERING)
            result.vervallen += 1
            _meld(result, VERVALLEN_SOORT, ws, r, kolnr)
    result.wijzigingen.sort(key=lambda w: w.rij)

    alle = sorted([(s, r) for s, rijen in (*bestaand.items(), *geschiedenis.items()) for r in rijen],
                  key=lambda sr: sr[1]) + nieuwe_rijen
    _schrijf_formules(ws, alle, kolnr, letters)
    result.rijen = len(alle)
    klassen = klassen_van(ws.cell(r, kolnr["Klas"]).value for _, r in alle)
    toegevoegd = {r for _, r in nieuwe_rijen}
    antwoorden = [Antwoord(s, versie, _invoer(ws, r, kolnr), nieuw=r in toegevoegd) for s, r in alle
                  if (versie := als_versie(ws.cell(r, kolnr[VERSIE]).value)) is not None]

    if nieuw:
        nieuw_blad(ws)
    vul_aan(ws, vertrouwelijk=True)  # names and e-mail addresses: 'Vertrouwelijk' on every printed page
    for kolom in nieuwe_kolommen:
        kop = ws.cell(1, kolnr[kolom.kop])
        zet(kop, kolom.kop)
        stijl_kop(kop, kolom)
        waarden = [] if kolom.soort is Soort.FORMULE else [ws.cell(r, kolnr[kolom.kop]).value for _, r in alle]
        zet_breedte(ws, kolnr[kolom.kop], kolom, waarden)
    laatste_kolom = get_column_letter(max(ws.max_column, max(kolnr.values())))
    ws.auto_filter.ref = f"A1:{laatste_kolom}{max(laatste, 2)}"
    zet_validaties(ws, letters, laatste)
    zet_kleuren(ws, letters[STATUS], laatste_kolom, laatste)
    return letters, klassen, antwoorden


def _hernoem(ws, kolnr: dict[str, int], bestaand: dict[Sleutel, list[int]], gewenst: list[GewensteRij],
             gewenste_sleutels: set[Sleutel], overgeslagen: set[str], result: SyncResult) -> None:
    """A signer whose name was corrected keeps her rows: their key becomes the new one (hernoemd.py)."""
    weg = [s for s in bestaand if s not in gewenste_sleutels and s.leerlingnummer not in overgeslagen]
    komt = [g.sleutel for g in gewenst if g.sleutel not in bestaand]
    if not weg or not komt:
        return
    naam = {g.sleutel: str(g.waarden.get("Ondertekenaar") or "") for g in gewenst}
    for oud, nieuw_ in koppel_hernoemd(weg, komt).items():
        rijen = bestaand.pop(oud)
        bestaand.setdefault(nieuw_, []).extend(rijen)
        for r in rijen:
            was = ws.cell(r, kolnr["Ondertekenaar"]).value
            zet(ws.cell(r, kolnr[SLEUTEL]), nieuw_.tekst)
            result.hernoemd += 1
            result.wijzigingen.append(Wijziging(soort=HERNOEMD, rij=r, leerlingnummer=nieuw_.leerlingnummer,
                                                document=nieuw_.document, ondertekenaar=naam[nieuw_],
                                                was=None if was is None else str(was)))


def _meld(result: SyncResult, soort: str, ws, r: int, kolnr: dict[str, int]) -> None:
    def tekst(kop: str) -> str:
        waarde = ws.cell(r, kolnr[kop]).value
        return "" if waarde is None else str(waarde)

    result.wijzigingen.append(Wijziging(soort=soort, rij=r, leerlingnummer=tekst("Leerlingnummer"),
                                        document=tekst("Document"), ondertekenaar=tekst("Ondertekenaar")))


def _zet_versie(cell, versie: int | None) -> None:
    zet(cell, versie)
    cell.alignment = Alignment(horizontal="center")


def _invoer(ws, r: int, kolnr: dict[str, int]) -> Rijinvoer:
    """The cells of row r that its status and its version depend on."""
    koppen_ = (VERSTUURD_OP, ONTVANGEN_OP, BESLUIT, VERVALLEN, OPNIEUW, CODE)
    return Rijinvoer(*(ws.cell(r, kolnr[kop]).value for kop in koppen_))


def _kolommen(ws, nieuw: bool) -> tuple[dict[str, int], list[Kolom]]:
    """Our columns by header; missing ones are added after the last column (hers stay where they are)."""
    kop = koppen(ws)
    if not nieuw and "sleutel" not in kop and ws.max_row > 1:
        raise OppError(f"Het blad '{ws.title}' mist de kolom '{SLEUTEL}'; zonder die kolom kan opp de rijen niet "
                       "herkennen en zou het alles dubbel maken. Zet de kolom terug of zet de nieuwste backup terug.")
    kolnr: dict[str, int] = {}
    ontbrekend: list[Kolom] = []
    volgende = 0 if nieuw else max(kop.values(), default=0)
    for kolom in KOLOMMEN:
        if kolom.sleutel in kop:
            kolnr[kolom.kop] = kop[kolom.sleutel]
        else:
            volgende = _lege_kolom_na(ws, volgende) if not nieuw else volgende + 1
            kolnr[kolom.kop] = volgende
            ontbrekend.append(kolom)
    return kolnr, ontbrekend


def _lege_kolom_na(ws, kolom: int) -> int:
    """The first column after `kolom` with nothing in it (she may keep values under no header)."""
    kolom += 1
    while any(not _leeg(v) for col in ws.iter_cols(min_col=kolom, max_col=kolom, values_only=True) for v in col):
        kolom += 1
    return kolom


def _bestaande_rijen(ws, kolnr: dict[str, int], result: SyncResult,
                     ) -> tuple[dict[Sleutel, list[int]], dict[Sleutel, list[int]], int]:
    """Key -> rows that carry it (the history of older versions apart), and the last row with anything in it."""
    bestaand: dict[Sleutel, list[int]] = {}
    geschiedenis: dict[Sleutel, list[int]] = {}
    laatste = 1
    onleesbaar = []
    sleutel_kolom, vervallen_kolom = kolnr[SLEUTEL], kolnr[VERVALLEN]
    for r, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if any(not _leeg(v) for v in values):
            laatste = r
        ruw = values[sleutel_kolom - 1] if len(values) >= sleutel_kolom else None
        sleutel = Sleutel.lees(ruw)
        markering = values[vervallen_kolom - 1] if len(values) >= vervallen_kolom else None
        if sleutel is not None and markering == VERVANGEN_MARKERING:
            geschiedenis.setdefault(sleutel, []).append(r)
        elif sleutel is not None:
            bestaand.setdefault(sleutel, []).append(r)
        elif not _leeg(ruw):
            onleesbaar.append(r)
    for sleutel, rijen in bestaand.items():
        if len(rijen) > 1:
            result.waarschuwingen.append(
                f"De rijen {', '.join(map(str, rijen))} zijn dezelfde handtekening (leerling {sleutel.leerlingnummer}, "
                f"{sleutel.document}): een gekopieerde rij? Ze worden allemaal bijgewerkt; verwijder de kopie.")
    if onleesbaar:
        result.waarschuwingen.append(
            f"In rij {', '.join(map(str, onleesbaar[:10]))} is de verborgen kolom '{SLEUTEL}' veranderd; opp laat "
            f"{'die rij' if len(onleesbaar) == 1 else 'die rijen'} ongemoeid en voegt zo nodig een nieuwe rij toe.")
    return bestaand, geschiedenis, laatste


def _schrijf_werkboekwaarden(ws, r: int, g: GewensteRij, kolnr: dict[str, int]) -> None:
    for kolom in KOLOMMEN:
        if kolom.soort is Soort.WERKBOEK:
            zet(ws.cell(r, kolnr[kolom.kop]), g.waarden.get(kolom.kop))


def _schrijf_nieuwe_rij(ws, r: int, g: GewensteRij, kolnr: dict[str, int], versie: int | None,
                       opnieuw: bool) -> None:
    _schrijf_werkboekwaarden(ws, r, g, kolnr)
    ws.cell(r, kolnr["Leerlingnummer"]).number_format = "@"  # text: leading zeros stay when she retypes it
    zet(ws.cell(r, kolnr[SLEUTEL]), g.sleutel.tekst)
    _zet_versie(ws.cell(r, kolnr[VERSIE]), versie)
    zet(ws.cell(r, kolnr[OPNIEUW]), OPNIEUW_MARKERING if opnieuw else None)
    for kolom in KOLOMMEN:
        if kolom.datum:
            ws.cell(r, kolnr[kolom.kop]).number_format = DATUMNOTATIE


def _schrijf_formules(ws, rijen: list[tuple[Sleutel, int]], kolnr: dict[str, int], letters: dict[str, str]) -> None:
    """Groep numbers, the hidden Getekend helper and the Status formula on every row of the round."""
    groepen = sorted({s.instemmingsgroep for s, _ in rijen if s.instemmingsgroep})
    groep_id = {g: i for i, g in enumerate(groepen, start=1)}
    cellen = Cellen(verstuurd=letters["Verstuurd op"], ontvangen=letters["Ontvangen op"], besluit=letters["Besluit"],
                    vervallen=letters[VERVALLEN], groep=letters[GROEP], getekend=letters[GETEKEND],
                    opnieuw=letters[OPNIEUW])
    for sleutel, r in rijen:
        groep = sleutel.instemmingsgroep
        zet(ws.cell(r, kolnr[GROEP]), groep_id[groep] if groep else None)
        zet_formule(ws.cell(r, kolnr[GETEKEND]), getekend_formule(cellen, r))
        zet_formule(ws.cell(r, kolnr[STATUS]), status_formule(cellen, r))


def _leeg(value) -> bool:
    return value is None or value == ""
