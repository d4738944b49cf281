"""Which rows the tracker should have, and the stable key that identifies each one.

A row is one pupil x document x signer. Who signs comes only from `rules.signers.ondertekenaars`.
The key is (leerlingnummer, document, Ondertekenaar.sleutel, kind of signature), stored as a small
JSON list in the hidden column 'Sleutel'; rows are matched by it, never by position. The kind is part
of the key because a signature for consent is a different act than one 'voor gezien': a pupil who
turns 18 gets a new instemming row, and the old 'voor gezien' row becomes vervallen.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..documenten import ONDERTEKEND
from ..models import Leerlingdossier, School
from ..render.formatting import functie_tekst
from ..rules.compleet import is_concept
from ..rules.signers import Ondertekenaar, Rol, ondertekenaars_van
from ..settings import Settings

INSTEMMING, ONDERTEKENING = "instemming", "ondertekening"


@dataclass(frozen=True)
class Sleutel:
    leerlingnummer: str
    document: str
    ondertekenaar: str  # Ondertekenaar.sleutel, e.g. "OUDER:mw. a. jansen"
    soort: str  # INSTEMMING or ONDERTEKENING

    @property
    def tekst(self) -> str:
        return json.dumps([self.leerlingnummer, self.document, self.ondertekenaar, self.soort], ensure_ascii=False)

    @classmethod
    def lees(cls, value) -> Sleutel | None:
        """The key in a Sleutel cell, or None when the cell holds something else."""
        if not isinstance(value, str) or not value.startswith("["):
            return None
        try:
            delen = json.loads(value)
        except ValueError:
            return None
        if not (isinstance(delen, list) and len(delen) == 4 and all(isinstance(d, str) for d in delen)):
            return None
        return cls(*delen)

    @property
    def instemmingsgroep(self) -> tuple[str, str] | None:
        """Parents' consent rows of one pupil and document form a group (for 'één ouder volstaat')."""
        if self.soort == INSTEMMING and self.ondertekenaar.startswith(f"{Rol.OUDER.name}:"):
            return (self.leerlingnummer, self.document)
        return None


@dataclass(frozen=True)
class GewensteRij:
    """A row the tracker should have now: its key and the columns that come from the workbook."""

    sleutel: Sleutel
    waarden: dict[str, str | None]  # header -> value
    volgorde: tuple


def rol_tekst(o: Ondertekenaar) -> str:
    if o.instemming:
        soort = "instemming"
    elif o.rol is Rol.SCHOOL:
        soort = "namens school"
    else:
        soort = "voor gezien"
    return f"{functie_tekst(o)}: {soort}"


def gewenste_rijen(dossiers: Iterable[Leerlingdossier], school: School | None, datum: dt.date,
                   settings: Settings) -> list[GewensteRij]:
    """Every row the round needs on `datum`, in a reading order (klas, name, document, signer)."""
    return sorted(stroom_gewenste_rijen(dossiers, school, datum, settings), key=lambda r: r.volgorde)


def stroom_gewenste_rijen(dossiers: Iterable[Leerlingdossier], school: School | None, datum: dt.date,
                          settings: Settings) -> Iterator[GewensteRij]:
    """The rows of gewenste_rijen one dossier at a time, unsorted (`volgorde` sorts them).

    An OPP that lacks a legal part is a concept: it is not offered for signing, so it has no rows."""
    for dossier in dossiers:
        gezien: set[Sleutel] = set()
        leerling = dossier.leerling
        for d_index, document in enumerate(ONDERTEKEND):  # the registry says which documents are signed
            if not document.in_ronde(dossier):
                continue
            if document.naam == "opp" and is_concept(dossier, school):
                continue
            for o_index, o in enumerate(ondertekenaars_van(document.naam, dossier, school, datum, settings)):
                sleutel = _uniek(Sleutel(leerling.leerlingnummer, str(document.in_ronde_als), o.sleutel,
                                         INSTEMMING if o.instemming else ONDERTEKENING), gezien)
                waarden = {
                    "Leerlingnummer": leerling.leerlingnummer,
                    "Naam": leerling.volledige_naam,
                    "Klas": leerling.klas,
                    "Mentor": leerling.mentor,
                    "Document": document.in_ronde_als,
                    "Ondertekenaar": o.naam or "(nog onbekend)",
                    "Rol": rol_tekst(o),
                    "E-mail": o.email,
                }
                volgorde = (leerling.klas.casefold(), leerling.achternaam.casefold(), leerling.roepnaam.casefold(),
                            leerling.leerlingnummer, d_index, o_index)
                yield GewensteRij(sleutel, waarden, volgorde)


def _uniek(sleutel: Sleutel, gezien: set[Sleutel]) -> Sleutel:
    """Two signers with the same role and name (rare) still get a row each: '#2' on the second."""
    kandidaat, n = sleutel, 1
    while kandidaat in gezien:
        n += 1
        kandidaat = Sleutel(sleutel.leerlingnummer, sleutel.document, f"{sleutel.ondertekenaar}#{n}", sleutel.soort)
    gezien.add(kandidaat)
    return kandidaat
