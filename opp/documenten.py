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


def _met_externen(dossier: Leerlingdossier) -> bool:
    """A referral that names external partners needs consent to discuss the pupil with them (domain.md)."""
    return any(a.externe_partners for a in dossier.kernteam)


@dataclass(frozen=True)
class Documentsoort:
    naam: str  # the key: CLI choice, template file name (<naam>.docx), file-name label (upper case)
    titel: str  # as the document's heading and the dossier's contents name it
    van_toepassing: Callable[[Leerlingdossier], bool]
    per_leerling: bool  # made by `opp render`, one per pupil (the TLV cover is made by `opp dossier`)
    # The tracker's name for what is signed on it, or None when the signing round does not follow it.
    getekend_als: str | None = None
    # The tracker's name for a consent given on it (not a version offered ter instemming, so the register
    # does not treat the document as one), and when that consent is needed; who signs: rules.signers.
    toestemming_als: str | None = None
    toestemming_nodig: Callable[[Leerlingdossier], bool] | None = None

    @property
    def sjabloon(self) -> str:
        return f"{self.naam}.docx"

    @property
    def label(self) -> str:
        return self.naam.upper()

    @property
    def in_ronde_als(self) -> str | None:
        """Its name in the signing round (the tracker's Document column), None when not in the round."""
        return self.getekend_als or self.toestemming_als

    def in_ronde(self, dossier: Leerlingdossier) -> bool:
        """Whether this pupil's round has rows for this document."""
        if self.getekend_als:
            return self.van_toepassing(dossier)
        return self.toestemming_nodig is not None and self.toestemming_nodig(dossier)


DOCUMENTEN: dict[str, Documentsoort] = {d.naam: d for d in (
    # Every pupil in the workbook has an OPP; its handelingsdeel needs instemming every year.
    Documentsoort("opp", "Ontwikkelingsperspectiefplan", _altijd, True, getekend_als="OPP handelingsdeel"),
    Documentsoort("iop", "Individueel ontwikkelingsplan", _altijd, True),
    Documentsoort("kernteam", "Aanmelding kernteam", _na_aanmelding_kernteam, True,
                  toestemming_als="Toestemming kernteam (externen)", toestemming_nodig=_met_externen),
    Documentsoort("tlv", "Aanvraag toelaatbaarheidsverklaring", _met_tlv_aanvraag, False,
                  toestemming_als="Aanvraag TLV", toestemming_nodig=_met_tlv_aanvraag),
)}

PER_LEERLING: tuple[str, ...] = tuple(d.naam for d in DOCUMENTEN.values() if d.per_leerling)
# Every document the signing round follows: signed ter instemming, or a consent given on it.
ONDERTEKEND: tuple[Documentsoort, ...] = tuple(d for d in DOCUMENTEN.values() if d.in_ronde_als)


def document(naam: str) -> Documentsoort:
    return DOCUMENTEN[naam]
