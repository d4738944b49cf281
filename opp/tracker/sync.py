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

The tracker's rows are streamed, never all held (a school of 20,000 in flat memory): openpyxl gets the package
with only the header of the tracker sheet, stroom.py decides row by row and xmlblad.py writes the rows back.
"""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from defusedxml import DefusedXmlException
from lxml import etree
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from pydantic import BaseModel, Field, computed_field

from ..afdruk import vul_aan
from ..excel_cells import zet
from ..files import atomic_write
from ..invoer import Invoer
from ..problems import Issue, OppError, Resultaat, temp_vol
from ..register.db import Register
from ..register.versies import standaard_register, zoekmappen
from ..settings import Settings
from ..taal import aantal
from ..werkboek.xlsx import check_container
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
from .keys import Sleutel, stroom_gewenste_rijen
from .layout import (
    BLAD,
    KOLOMMEN,
    SLEUTEL,
    STATUS,
    VERVALLEN,
    Kolom,
    Soort,
    koppen,
    nieuw_blad,
    normaliseer,
    stijl_kop,
    zet_breedte,
    zet_kleuren,
    zet_validaties,
)
from .overzicht import klassen_van, schrijf_overzicht
from .stroom import HERNOEMD, Opslag, Rijenwerk, Stijlen, Tracker
from .versies import Actie, Documentversies, lees_versies, leg_vast
from .xmlblad import Datums, schrijf_pakket


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
    opgeruimd = tijdelijke_resten(pad)
    register_pad = Path(register) if register else standaard_register(invoer)
    with Register(register_pad, zoekmappen(invoer, register_pad)) as reg:
        versies = lees_versies(reg)
        # The rows the round needs go to a database on disk, one pupil's dossier read at a time (stroom.py).
        with temp_vol():
            opslag = Opslag(stroom_gewenste_rijen(gelezen.stroom_dossiers(), school, datum, settings), versies)
        try:
            with temp_vol():  # the database of rows is in the temp folder: a full one is named as such
                try:
                    result = _sync_versie(pad, gelezen, opslag, overgeslagen, datum, settings, nu, reg, versies,
                                          laatste_poging=False)
                except _Gewijzigd:  # she saved while we worked: start again from her version, once
                    opslag.vergeet_bestaand()
                    result = _sync_versie(pad, gelezen, opslag, overgeslagen, datum, settings, nu, reg, versies,
                                          laatste_poging=True)
                    result.opnieuw = True
        finally:
            opslag.close()
        result.registerbestand, result.register_melding = register_pad, reg.melding
    result.tijdelijk_verwijderd = opgeruimd
    result.waarschuwingen[:0] = [i.bericht for i in invoer.report.waarschuwingen if i.code == "werkboek-geopend"]
    return result


class _Gewijzigd(Exception):
    """The tracker changed on disk between our read and our write."""


def _sync_versie(pad: Path, gelezen, opslag: Opslag, overgeslagen: dict[str, list[Issue]],
                 datum: dt.date, settings: Settings, nu: dt.datetime | None, reg: Register,
                 versies: dict[tuple[str, str], Documentversies], laatste_poging: bool) -> SyncResult:
    """One sync of the version of the tracker on disk now; written only if that is still the version there.

    openpyxl gets the package without the tracker sheet's rows: they are streamed (stroom.py, xmlblad.py)."""
    versie = lees_versie(pad)
    nieuw = versie is None
    result = SyncResult(tracker=pad, nieuw=nieuw, overgeslagen=overgeslagen)
    bron = None
    if versie is None:
        wb = Workbook()
        ws = wb.worksheets[0]
        ws.title = BLAD
    else:
        bron = _lees_bron(pad, versie.inhoud)
        if bron.titel is None:
            bron.close()
            raise OppError(f"'{pad.name}' heeft geen blad '{BLAD}'. Is dit een tracker van opp? Kies een ander "
                           "bestand met --tracker of zet de nieuwste backup terug.")
        wb, result.waarschuwingen = open_tracker(pad, versie=versie, inhoud=bron.zonder_rijen())
        ws = wb[bron.titel]
        bron.datums = Datums.van(wb)
    try:
        geen_leerlingen = not gelezen.dossiers and not overgeslagen
        werk = Rijenwerk(bron, opslag, set(overgeslagen), Stijlen(ws), versies, nieuw)
        letters, klassen = _bijwerken(ws, werk, nieuw, geen_leerlingen, result)
        result.wacht_op_render = sorted(opslag.wacht)

        schrijf_overzicht(wb, ws.title, letters["Klas"], letters[STATUS], klassen, datum,
                          settings.tracker.te_laat_na_dagen, settings.ondertekening.een_ouder_volstaat)
        wb.active = wb.worksheets.index(ws)
        for blad in wb.worksheets:
            blad.sheet_view.tabSelected = blad is ws
        if versie is not None:  # an existing tracker: its exact bytes, as read, go to the backup
            result.backup = schrijf_backup(pad, nu or dt.datetime.now(), versie.inhoud)
            if result.waarschuwingen:
                result.waarschuwingen.append(
                    f"Wat hierboven verloren gaat, staat nog in de backup {result.backup.name}.")

        def nog_dezelfde() -> None:
            if not is_veranderd(pad, versie):
                return
            if not laatste_poging:
                raise _Gewijzigd()
            raise OppError(f"'{pad.name}' is tijdens het bijwerken steeds opnieuw opgeslagen (is hij geopend?); "
                           "opp heeft er niets in geschreven"
                           + (f" (de versie van vóór deze sync staat in {result.backup.name})" if result.backup
                              else "")
                           + ". Sluit de tracker overal en probeer het opnieuw.")

        eind = (max(werk.plan.laatste + werk.plan.toegevoegd, 1), _laatste_kolom(ws, werk))

        def schrijf(tmp: str) -> None:
            klein = io.BytesIO()  # openpyxl's part: everything but the tracker sheet's rows (small)
            wb.save(klein)
            werk.stijlen.bevroren = True
            schrijf_pakket(klein.getvalue(), ws.title, werk.rijen, eind, tmp)

        atomic_write(pad, schrijf, voor_vervangen=nog_dezelfde)
    finally:
        if bron is not None:
            bron.close()
    # Only what was written goes into the register (committed when the sync ends without an error).
    vastlegging = leg_vast(reg, opslag.antwoorden(), opslag.nodig(), versies,
                           settings.ondertekening.een_ouder_volstaat)
    result.instemmingen, result.vastgesteld = vastlegging.instemmingen, vastlegging.vastgesteld
    if result.backup:  # pruned only once the new tracker is safely written
        result.backups_bewaren = settings.tracker.backups_bewaren
        result.backups_verwijderd = ruim_backups_op(pad, result.backups_bewaren)
    return result


def _lees_bron(pad: Path, inhoud: bytes) -> Tracker:
    check_container(pad)
    try:
        return Tracker(inhoud)
    except (zipfile.BadZipFile, KeyError, ET.ParseError, DefusedXmlException, etree.LxmlError, ValueError) as exc:
        raise OppError(f"'{pad.name}' is geen leesbare tracker ({type(exc).__name__}). Zet de nieuwste "
                       "backup terug (ondertekening.backup-...xlsx) of maak een nieuwe.") from exc


def _laatste_kolom(ws, werk: Rijenwerk) -> int:
    return max(ws.max_column, werk.plan.max_kolom, max(werk.kolnr.values()))


def _bijwerken(ws, werk: Rijenwerk, nieuw: bool, geen_leerlingen: bool,
               result: SyncResult) -> tuple[dict[str, str], list[str]]:
    kop = koppen(ws)
    werk.verken(kop.get(normaliseer(SLEUTEL)), kop.get(normaliseer(VERVALLEN)))
    plan = werk.plan
    kolnr, nieuwe_kolommen = _kolommen(ws, nieuw, plan.heeft_rijen, plan.gevulde_kolommen)
    letters = {k.kop: get_column_letter(kolnr[k.kop]) for k in KOLOMMEN}
    _meld_sleutels(werk, result)
    werk.beslis(kolnr, letters, {kolnr[k.kop] for k in nieuwe_kolommen if k.soort is not Soort.FORMULE})
    if geen_leerlingen and plan.vervallen:
        raise OppError("Het werkboek heeft geen enkele leerling; de tracker wordt niet leeggemaakt. "
                       "Kies het goede werkboek.")
    result.toegevoegd, result.behouden = plan.toegevoegd, plan.behouden
    result.vervallen, result.hersteld, result.rijen = plan.vervallen, plan.hersteld, plan.rijen
    result.hernoemd, result.versie_gezet, result.opnieuw_nodig = plan.hernoemd, plan.versie_gezet, plan.opnieuw_nodig
    result.wijzigingen = sorted((Wijziging(soort=m.soort, rij=m.rij, leerlingnummer=m.leerlingnummer,
                                           document=m.document, ondertekenaar=m.ondertekenaar, was=m.was)
                                 for m in plan.wijzigingen), key=lambda w: w.rij)
    result.versiewijzigingen = [
        Versiewijziging(rij=v.rij, leerlingnummer=v.leerlingnummer, document=v.document, ondertekenaar=v.ondertekenaar,
                        van=v.van, naar=v.naar, actie=v.actie,
                        nieuwe_rij=werk.opslag.nieuwe_rij(v.sleutel) if v.actie == Actie.VERVANGEN else None)
        for v in plan.versiewijzigingen]
    klassen = klassen_van(plan.klassen.values())
    laatste = plan.laatste + plan.toegevoegd

    if nieuw:
        nieuw_blad(ws)
    vul_aan(ws, vertrouwelijk=True)  # names and e-mail addresses: 'Vertrouwelijk' on every printed page
    for kolom in nieuwe_kolommen:
        kop_cel = ws.cell(1, kolnr[kolom.kop])
        zet(kop_cel, kolom.kop)
        stijl_kop(kop_cel, kolom)
        langste = plan.langste.get(kolnr[kolom.kop])
        zet_breedte(ws, kolnr[kolom.kop], kolom, [] if langste is None else ["x" * langste])
    laatste_kolom = get_column_letter(_laatste_kolom(ws, werk))
    ws.auto_filter.ref = f"A1:{laatste_kolom}{max(laatste, 2)}"
    zet_validaties(ws, letters, laatste)
    zet_kleuren(ws, letters[STATUS], laatste_kolom, laatste)
    return letters, klassen


def _meld_sleutels(werk: Rijenwerk, result: SyncResult) -> None:
    for tekst, rijen in werk.opslag.dubbel():
        sleutel = Sleutel.lees(tekst)
        assert sleutel is not None
        result.waarschuwingen.append(
            f"De rijen {', '.join(map(str, rijen))} zijn dezelfde handtekening (leerling {sleutel.leerlingnummer}, "
            f"{sleutel.document}): een gekopieerde rij? Ze worden allemaal bijgewerkt; verwijder de kopie.")
    plan = werk.plan
    if plan.onleesbaar:
        result.waarschuwingen.append(
            f"In rij {', '.join(map(str, plan.onleesbaar[:10]))} is de verborgen kolom '{SLEUTEL}' veranderd; opp "
            f"laat {'die rij' if plan.onleesbaar_aantal == 1 else 'die rijen'} ongemoeid en voegt zo nodig een "
            "nieuwe rij toe.")


def _kolommen(ws, nieuw: bool, heeft_rijen: bool, gevuld: set[int]) -> tuple[dict[str, int], list[Kolom]]:
    """Our columns by header; missing ones are added after the last column (hers stay where they are)."""
    kop = koppen(ws)
    if not nieuw and "sleutel" not in kop and heeft_rijen:
        raise OppError(f"Het blad '{ws.title}' mist de kolom '{SLEUTEL}'; zonder die kolom kan opp de rijen niet "
                       "herkennen en zou het alles dubbel maken. Zet de kolom terug of zet de nieuwste backup terug.")
    kolnr: dict[str, int] = {}
    ontbrekend: list[Kolom] = []
    volgende = 0 if nieuw else max(kop.values(), default=0)
    for kolom in KOLOMMEN:
        if kolom.sleutel in kop:
            kolnr[kolom.kop] = kop[kolom.sleutel]
        else:
            volgende = _lege_kolom_na(volgende, gevuld) if not nieuw else volgende + 1
            kolnr[kolom.kop] = volgende
            ontbrekend.append(kolom)
    return kolnr, ontbrekend


def _lege_kolom_na(kolom: int, gevuld: set[int]) -> int:
    """The first column after `kolom` with nothing in it (she may keep values under no header)."""
    kolom += 1
    while kolom in gevuld:
        kolom += 1
    return kolom
