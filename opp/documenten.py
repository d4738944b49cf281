"""The one registry of documents: what opp makes, for whom it applies, and how it is signed.

Read by render (which documents, titles, templates), the templates commands, the tracker (which
documents are signed), the dossier (the TLV cover) and the CLI's choices. A new document is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the registry is read by the CLI at start-up: it must stay light to import
    from .models import Leerlingdossier


def _altijd(dossier: Leerlingdossier) -> bool:
    return True


def _na_aanmelding_kernteam(dossier: Leerlingdossier) -> bool:
    return bool(dossier.kernteam)


def _met_tlv_aanvraag(dossier: Leerlingdossier) -> bool:
    return bool(dossier.tlv)


@dataclass(frozen=True)
class Documentsoort:
    naam: str  # the key: CLI choice, template file name (<naam>.docx), file-name label (upper case)
    titel: str  # as the document's heading and the dossier's contents name it
    van_toepassing: Callable[[Leerlingdossier], bool]
    per_leerling: bool  # made by `opp render`, one per pupil (the TLV cover is made by `opp dossier`)
    # The tracker's name for what is signed on it, or None when the signing round does not follow it.
    getekend_als: str | None = None

    @property
    def sjabloon(self) -> str:
        return f"{self.naam}.docx"

    @property
    def label(self) -> str:
        return self.naam.upper()


DOCUMENTEN: dict[str, Documentsoort] = {d.naam: d for d in (
    # Every pupil in the workbook has an OPP; its handelingsdeel needs instemming every year.
    Documentsoort("opp", "Ontwikkelingsperspectiefplan", _altijd, True, getekend_als="OPP handelingsdeel"),
    Documentsoort("iop", "Individueel ontwikkelingsplan", _altijd, True),
    Documentsoort("kernteam", "Aanmelding kernteam", _na_aanmelding_kernteam, True),
    Documentsoort("tlv", "Aanvraag toelaatbaarheidsverklaring", _met_tlv_aanvraag, False),
)}

PER_LEERLING: tuple[str, ...] = tuple(d.naam for d in DOCUMENTEN.values() if d.per_leerling)
ONDERTEKEND: tuple[Documentsoort, ...] = tuple(d for d in DOCUMENTEN.values() if d.getekend_als)


def document(naam: str) -> Documentsoort:
    return DOCUMENTEN[naam]
