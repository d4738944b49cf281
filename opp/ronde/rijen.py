"""The tracker side of the letters: which rows still have to sign, the code of each row (hidden column
'Code'), and 'Verstuurd op' once the letters are made.

The tracker is read once, as bytes (the version the letters are made from), and written at most once,
atomically, after a backup of exactly those bytes, and only if nobody saved it in between. A cell she
typed is never written: a code is given only to an empty Code cell (a code, once given, never changes),
and 'Verstuurd op' is filled only where it is empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..excel_cells import DATUMNOTATIE, zet
from ..files import atomic_write
from ..problems import OppError
from ..tracker.bestand import (
    BESTANDSNAAM,
    Versie,
    controleer_niet_geopend,
    is_veranderd,
    lees_versie,
    open_tracker,
    ruim_backups_op,
    schrijf_backup,
)
from ..tracker.keys import INSTEMMING, Sleutel
from ..tracker.layout import (
    CODE,
    KOLOM,
    SLEUTEL,
    VERSIE,
    VERSTUURD_OP,
    koppen,
    normaliseer,
    stijl_kop,
    zet_breedte,
)
from ..tracker.overzicht import statussen_in, zoek_tracker_blad
from ..tracker.status import NODIG, Status
from .code import lees_code, nieuwe_code

# Statuses that ask no signature (any more): what the round no longer needs, and what came back.
KLAAR = (*(s for s in Status if s not in NODIG), Status.GETEKEND, Status.GEEN_INSTEMMING)


@dataclass
class RondeRij:
    """One row of the round that still has to sign."""

    rij: int
    sleutel: Sleutel
    status: Status
    code: str | None  # the code already on the row, or None (a new one is given when its letter is made)
    versie: int | None  # the version the row belongs to, when the tracker says so
    verstuurd_op: object


@dataclass
class TrackerRonde:
    """The tracker as read for the letters, kept open until it is written."""

    pad: Path
    versie: Versie
    wb: Any  # openpyxl's Workbook and Worksheet
    ws: Any
    kolnr: dict[str, int]
    open_rijen: list[RondeRij]
    codes: set[str]  # every code on the tracker, on any row: a new code is never one of them
    sleutels: set[Sleutel] = field(default_factory=set)  # every consent row's key, whatever its status
    waarschuwingen: list[str] = field(default_factory=list)
    gewijzigd: bool = False


def tracker_pad(uitmap: Path, tracker: Path | None) -> Path:
    pad = Path(tracker) if tracker else uitmap / BESTANDSNAAM
    if not pad.is_file():
        raise OppError(f"Er is geen tracker op '{pad}'. Maak hem eerst met: opp tracker sync WERKBOEK "
                       "(of geef het pad met --tracker).")
    return pad


def lees_ronde(pad: Path, datum: dt.date) -> TrackerRonde:
    """The rows that still have to sign for consent (not signed, refused, unneeded or vervallen)."""
    controleer_niet_geopend(pad)
    versie = lees_versie(pad)
    if versie is None:
        raise OppError(f"Er is geen tracker op '{pad}'. Maak hem eerst met: opp tracker sync WERKBOEK")
    wb, meldingen = open_tracker(pad, versie=versie)
    ws = zoek_tracker_blad(wb)
    if ws is None:
        raise OppError(f"'{pad.name}' heeft geen tracker-blad. Is dit een tracker van opp? Kies een ander bestand "
                       "met --tracker.")
    statussen = statussen_in(wb, pad, datum)
    kop = koppen(ws)
    kolnr = {naam: kop[normaliseer(naam)] for naam in (SLEUTEL, VERSTUURD_OP, CODE, VERSIE) if normaliseer(naam) in kop}
    if VERSTUURD_OP not in kolnr:
        raise OppError(f"In '{pad.name}' ontbreekt de kolom '{VERSTUURD_OP}'. Zet de kop terug (of de nieuwste "
                       "backup) en probeer het opnieuw.")
    ronde = TrackerRonde(pad, versie, wb, ws, kolnr, [], set(), waarschuwingen=meldingen)
    for r, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        def cel(naam: str, values=values):
            i = kolnr.get(naam)
            return values[i - 1] if i is not None and i <= len(values) else None

        sleutel = Sleutel.lees(cel(SLEUTEL))
        ruwe_code = cel(CODE)
        code = lees_code(ruwe_code) if isinstance(ruwe_code, str) else None
        if code:
            ronde.codes.add(code)
        if sleutel is None or sleutel.soort != INSTEMMING:
            continue  # her own rows, and signatures 'voor gezien' (the pupil, the school): signed at school
        ronde.sleutels.add(sleutel)
        status = statussen.get((sleutel.tekst, cel(VERSIE)))
        if status is None or status in KLAAR:
            continue
        if ruwe_code not in (None, "") and code is None:
            ronde.waarschuwingen.append(f"In rij {r} staat in de verborgen kolom '{CODE}' iets dat geen code is; "
                                        "opp laat die rij ongemoeid en maakt er geen brief voor.")
            continue
        versie_cel = cel(VERSIE)
        ronde.open_rijen.append(RondeRij(r, sleutel, status, code, _als_versie(versie_cel), cel(VERSTUURD_OP)))
    return ronde


def _als_versie(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and value >= 1:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def geef_code(ronde: TrackerRonde, rij: RondeRij) -> str:
    """The row's code; a fresh one (unique in this tracker) written into its empty Code cell if it has none."""
    if rij.code:
        return rij.code
    kolom = _code_kolom(ronde)
    code = nieuwe_code()
    while code in ronde.codes:
        code = nieuwe_code()
    ronde.codes.add(code)
    zet(ronde.ws.cell(rij.rij, kolom), code)
    rij.code = code
    ronde.gewijzigd = True
    return code


def zet_verstuurd(ronde: TrackerRonde, rij: RondeRij, datum: dt.date) -> bool:
    """Fill 'Verstuurd op' with `datum` where it is empty; a date (or anything) she typed stays. True: filled."""
    if rij.verstuurd_op not in (None, ""):
        return False
    cell = ronde.ws.cell(rij.rij, ronde.kolnr[VERSTUURD_OP])
    zet(cell, datum)
    cell.number_format = DATUMNOTATIE
    rij.verstuurd_op = datum
    ronde.gewijzigd = True
    return True


def _code_kolom(ronde: TrackerRonde) -> int:
    """The Code column; added after the last column (hidden) in a tracker made before it existed."""
    if CODE in ronde.kolnr:
        return ronde.kolnr[CODE]
    ws = ronde.ws
    kolom = ws.max_column + 1
    kop = ws.cell(1, kolom)
    zet(kop, CODE)
    stijl_kop(kop, KOLOM[CODE])
    zet_breedte(ws, kolom, KOLOM[CODE], [])
    ronde.kolnr[CODE] = kolom
    return kolom


def schrijf_ronde(ronde: TrackerRonde, backups_bewaren: int, nu: dt.datetime | None = None) -> Path | None:
    """Write the tracker if anything changed, after a backup of the version read; refuse when it was saved
    (or opened) since. Returns the backup."""
    if not ronde.gewijzigd:
        return None
    pad = ronde.pad
    controleer_niet_geopend(pad)
    if is_veranderd(pad, ronde.versie):
        raise _opnieuw(pad)
    backup = schrijf_backup(pad, nu or dt.datetime.now(), ronde.versie.inhoud)

    def nog_dezelfde() -> None:
        if is_veranderd(pad, ronde.versie):
            raise _opnieuw(pad)

    atomic_write(pad, ronde.wb.save, voor_vervangen=nog_dezelfde)
    ruim_backups_op(pad, backups_bewaren)
    return backup


def _opnieuw(pad: Path) -> OppError:
    return OppError(f"'{pad.name}' is opgeslagen terwijl opp de brieven maakte; er is niets in geschreven en er zijn "
                    "geen brieven klaargezet. Sluit de tracker en draai het commando opnieuw.")
