"""A tracker row belongs to a version of its document: the register's (opp/register/).

What happens to a row when the register knows a newer version:
- never sent and never answered: it simply moves to the newest version;
- sent or answered, the handelingsdeel unchanged (a phone number): it keeps saying which version was sent
  or signed; that consent still holds;
- sent or answered, the handelingsdeel changed: the row is kept as history (vervangen) and a new row for
  the newest version asks the signature again (opnieuw nodig).
A row whose document has no version in the register yet (nothing rendered, or only a concept) waits for a
render: its Versie stays as it is, nothing is invented.

After the tracker is read, every answer on a row with a version goes into the register (who agreed to
which version, and when), and the newest version becomes 'vastgesteld' once its handelingsdeel has the
consent it needs (opp/rules/instemming.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from ..documenten import ONDERTEKEND
from ..register.db import Instemming, Register
from ..rules.instemming import AKKOORD, NIET_AKKOORD, heeft_instemming, zelfde_handelingsdeel
from .keys import INSTEMMING, Sleutel
from .status import Invoer

# The tracker's name of a signed document -> the registry's name ('OPP handelingsdeel' -> 'opp').
REGISTERNAAM = {str(d.getekend_als): d.naam for d in ONDERTEKEND if d.getekend_als}


@dataclass(frozen=True)
class Documentversies:
    """What the register knows of one pupil's signed document."""

    huidige: int | None  # the newest version, unless it is a concept (None: the rows wait for a render)
    afdrukken: dict[int, str | None]  # version -> its handelingsdeel fingerprint (the whole content without one)
    status: str | None = None  # the newest version's status


def lees_versies(register: Register | None) -> dict[tuple[str, str], Documentversies]:
    """(leerlingnummer, tracker document name) -> its versions, for every signed document in the register."""
    if register is None:
        return {}
    per_document: dict[tuple[str, str], list] = defaultdict(list)
    tracker_naam = {naam: getekend for getekend, naam in REGISTERNAAM.items()}
    for v in register.versies():
        if v.document in tracker_naam:
            per_document[(v.leerlingnummer, tracker_naam[v.document])].append(v)
    result = {}
    for sleutel, versies in per_document.items():
        nieuwste = max(versies, key=lambda v: v.versie)
        result[sleutel] = Documentversies(
            huidige=None if nieuwste.status == "concept" else nieuwste.versie,
            afdrukken={v.versie: v.handelingsdeel or v.inhoud for v in versies},
            status=nieuwste.status)
    return result


class Actie(str, Enum):
    BLIJFT = "blijft"  # already the newest version, or sent/signed for one with the same handelingsdeel
    GEZET = "gezet"  # had no version yet (a tracker from before versions): gets the newest
    VERPLAATST = "verplaatst"  # never sent: moves to the newest version
    VERVANGEN = "vervangen"  # sent or answered, the handelingsdeel changed: history, and a new row
    WACHT = "wacht"  # the register has no version to offer yet


def is_verstuurd_of_beantwoord(invoer: Invoer) -> bool:
    """Sent, answered, or printed: a row with a code has its page out there, which names its version."""
    return any(not _leeg(w) for w in (invoer.verstuurd_op, invoer.ontvangen_op, invoer.besluit, invoer.code))


def volg_versie(rij_versie: int | None, invoer: Invoer, versies: Documentversies | None) -> tuple[Actie, int | None]:
    """What happens to an active row, and the version it carries afterwards."""
    if versies is None or versies.huidige is None:
        return Actie.WACHT, rij_versie
    huidige = versies.huidige
    if rij_versie is None:
        return Actie.GEZET, huidige
    if rij_versie >= huidige:  # a register rebuilt without the newest documents: leave the row be
        return Actie.BLIJFT, rij_versie
    if not is_verstuurd_of_beantwoord(invoer):
        return Actie.VERPLAATST, huidige
    if zelfde_handelingsdeel(versies.afdrukken.get(rij_versie), versies.afdrukken.get(huidige)):
        return Actie.BLIJFT, rij_versie
    return Actie.VERVANGEN, huidige


def als_versie(value) -> int | None:
    """The Versie cell as a version number (she may have typed over it: anything else is no version)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value >= 1:
        return value
    if isinstance(value, float) and value.is_integer() and value >= 1:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and int(value) >= 1:
        return int(value)
    return None


# ---- answers into the register -------------------------------------------------------------------

@dataclass(frozen=True)
class Antwoord:
    """One row's answer on one version, as the tracker holds it."""

    sleutel: Sleutel
    versie: int
    invoer: Invoer
    nieuw: bool = False  # added by this sync: its empty cells say nothing yet


@dataclass
class Vastlegging:
    instemmingen: int = 0  # decisions written into the register that it did not hold yet (new or corrected)
    vastgesteld: list[tuple[str, str, int]] = field(default_factory=list)  # (leerlingnummer, document, versie)


def besluit_van(invoer: Invoer) -> str | None:
    """'akkoord' (Besluit akkoord, or a page received without a decision), 'niet akkoord', or None."""
    besluit = invoer.besluit.lower() if isinstance(invoer.besluit, str) else None  # as Excel compares
    if besluit == NIET_AKKOORD:
        return NIET_AKKOORD
    if besluit == AKKOORD or not _leeg(invoer.ontvangen_op):
        return AKKOORD
    return None


def leg_vast(register: Register, antwoorden: Iterable[Antwoord], nodig: Mapping[tuple[str, str], list[str]],
             versies: dict[tuple[str, str], Documentversies], een_ouder_volstaat: bool) -> Vastlegging:
    """Record every consent answer on a versioned row; mark newest versions with enough consent vastgesteld.

    A decision she cleared on a row that was already there is removed from the register too (a typo);
    the empty cells of a row this sync added (a tracker made again) remove nothing.

    `nodig`: (leerlingnummer, tracker document) -> the signer keys whose instemming the round asks now."""
    result = Vastlegging()
    bekend = {(i.leerlingnummer, i.document, i.versie, i.ondertekenaar): (i.besluit, i.datum)
              for i in register.instemmingen()}
    for a in antwoorden:
        besluit = besluit_van(a.invoer)
        document = REGISTERNAAM.get(a.sleutel.document)
        if document is None or a.sleutel.soort != INSTEMMING:
            continue
        if besluit is None:
            if not a.nieuw:
                register.vergeet_instemming(a.sleutel.leerlingnummer, document, a.versie, a.sleutel.ondertekenaar)
            continue
        instemming = Instemming(a.sleutel.leerlingnummer, document, a.versie, a.sleutel.ondertekenaar, besluit,
                                _datum(a.invoer.ontvangen_op))
        if bekend.get((instemming.leerlingnummer, document, a.versie, instemming.ondertekenaar)) != (
                besluit, instemming.datum):
            register.leg_instemming_vast(instemming)
            result.instemmingen += 1

    besluiten: dict[tuple[str, str], list[Instemming]] = defaultdict(list)
    for i in register.instemmingen():
        besluiten[(i.leerlingnummer, i.document)].append(i)
    for (nr, tracker_document), dv in versies.items():
        if dv.huidige is None or dv.status != "ter instemming":
            continue
        document = REGISTERNAAM[tracker_document]
        afdruk = dv.afdrukken.get(dv.huidige)
        geldig: dict[str, str] = {}
        for i in sorted(besluiten.get((nr, document), []), key=lambda i: i.versie):  # a later answer counts
            if zelfde_handelingsdeel(dv.afdrukken.get(i.versie), afdruk):
                geldig[i.ondertekenaar] = i.besluit
        if heeft_instemming(nodig.get((nr, tracker_document), []), geldig, een_ouder_volstaat):
            if register.stel_vast(nr, document, dv.huidige):
                result.vastgesteld.append((nr, document, dv.huidige))
    return result


def _datum(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _leeg(value) -> bool:
    return value is None or value == ""
