"""`opp ronde scan` and `opp ronde ontvangen`: signed pages back, from the copier's PDFs or a typed code.

The order makes a run safe to repeat: the tracker is refused before anything is read when Excel has it
open; the pages are read; the tracker is written (atomically, with a backup); then every recognised page is
filed. A run that stops before filing is repeated without harm: its dates are then found as 'dubbel' and
the pages still missing are filed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ..invoer import instellingen
from ..problems import OppError
from ..tracker.bestand import controleer_niet_geopend
from . import archief
from .code import BRIEFPAGINA, lees_code
from .lezen import lees_paginas
from .ontvangst import Ontvangst, OntvangstResultaat, vereis_codes, verwerk


def scan(paden: Sequence[Path], tracker: Path, datum: dt.date, *, jobs: int | None = None,
         nu: dt.datetime | None = None, backups_bewaren: int | None = None) -> OntvangstResultaat:
    """Read every page of the scanned PDFs `paden`, set *Ontvangen op* to `datum` on their rows, file them.
    The tracker's backups are pruned to `backups_bewaren` (None: opp.toml in the working folder says, as for
    the sync of a workbook there)."""
    paden = [Path(p) for p in paden]
    if not paden:
        raise OppError("Geef de gescande PDF, bijvoorbeeld: opp ronde scan retour.pdf")
    for pad in paden:
        if pad.suffix.lower() != ".pdf":
            raise OppError(f"'{pad.name}' is geen PDF. Laat het kopieerapparaat naar PDF scannen.")
    tracker = Path(tracker)
    if not tracker.is_file():
        raise OppError(f"Er is geen tracker op '{tracker}'. Geef het pad met --tracker.")
    controleer_niet_geopend(tracker)  # before the slow part: she closes Excel first, not after a minute
    vereis_codes(tracker)
    bewaren = _bewaren(backups_bewaren)

    gelezen = lees_paginas(paden, jobs=jobs)
    ontvangsten = [Ontvangst(codes=g.codes, bestand=g.bestand, pagina=g.pagina, leeg=g.leeg,
                             andere_qr=bool(set(g.ruw) - {BRIEFPAGINA}), briefpagina=g.briefpagina,
                             vak_leeg=g.vak_leeg)
                   for g in gelezen]
    result = verwerk(tracker, ontvangsten, datum, nu=nu, backups_bewaren=bewaren,
                     al_bewaard=lambda p: archief.al_bewaard(tracker, p) is not None)
    bronnen = archief.Bronnen()
    archief.bewaar(tracker, result.paginas, bronnen)
    result.niet_herkend_pdf = archief.bundel_niet_herkend(tracker, result.paginas, bronnen, datum)
    return result


def ontvangen(tekst: str, tracker: Path, datum: dt.date, *, nu: dt.datetime | None = None,
              backups_bewaren: int | None = None) -> OntvangstResultaat:
    """The same for one code typed from a page whose QR code cannot be read (nothing to file)."""
    code = lees_code(tekst)
    if code is None:
        raise OppError(f"'{tekst.strip()[:20]}' is geen geldige code (een code is 9 tekens, zoals K7QM-4XW2-T). "
                       "Controleer elk teken en typ hem opnieuw.")
    tracker = Path(tracker)
    if not tracker.is_file():
        raise OppError(f"Er is geen tracker op '{tracker}'. Geef het pad met --tracker.")
    return verwerk(tracker, [Ontvangst(codes=(code,))], datum, nu=nu, backups_bewaren=_bewaren(backups_bewaren),
                   al_bewaard=lambda p: archief.al_bewaard(tracker, p) is not None)


def _bewaren(backups_bewaren: int | None) -> int:
    return backups_bewaren if backups_bewaren is not None else instellingen(Path.cwd()).tracker.backups_bewaren
