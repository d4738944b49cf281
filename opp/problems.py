"""Problems in the data (collected as Issues in a Report) and failures of the tool (OppError).

Data problems are values: one located Issue per problem, all reported in one run. Failures of the tool
(unreadable file, broken template, LibreOffice missing) raise OppError, which the CLI turns into one
clear Dutch line and exit code 2.
"""

from __future__ import annotations

import errno
import sqlite3
import tempfile
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, computed_field
from pydantic.dataclasses import dataclass

DEFAULT_CAP = 1000


class Resultaat(BaseModel):
    """The base of every command's result. Its JSON is the model dumped, once, here: what `--json` prints
    is exactly what the library returned."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


class Ernst(str, Enum):
    FOUT = "fout"
    WAARSCHUWING = "waarschuwing"


# Every code a user can meet, with what it means. Tests assert codes, so wording can improve freely.
CODES: dict[str, str] = {
    "blad-ontbreekt": "Een blad van het werkboek ontbreekt.",
    "kolom-ontbreekt": "Een verplichte kolom ontbreekt.",
    "waarde-ontbreekt": "Een verplichte cel is leeg.",
    "verkeerd-type": "De waarde heeft niet de verwachte soort (getal, tekst).",
    "ongeldige-keuze": "De waarde staat niet in de keuzelijst van de kolom.",
    "ongeldige-datum": "De datum is niet te lezen.",
    "tekst-te-lang": "De tekst is langer dan een Excel-cel kan bevatten.",
    "geboortedatum-onmogelijk": "De geboortedatum ligt in de toekomst of past niet bij een leerling (10 tot 25 jaar).",
    "uitschrijving-voor-inschrijving": "De datum van uitschrijving ligt vóór de datum van inschrijving.",
    "dubbel-leerlingnummer": "Een leerlingnummer komt twee keer voor op het blad Leerlingen.",
    "onbekend-leerlingnummer": "Een rij verwijst naar een leerlingnummer dat niet op het blad Leerlingen staat.",
    "geen-gezag": "Een leerling onder de 18 heeft geen verzorger met gezag.",
    "extern-zonder-toestemming": "Een aanmelding kernteam noemt externe partners zonder toestemming van ouders.",
    "tlv-categorie-ontbreekt": "Een TLV-aanvraag voor het vso heeft geen categorie.",
    "dle-groter-dan-dl": "De DLE is groter dan de DL.",
    "evaluatie-ontbreekt": "Een behaald doel heeft geen evaluatie.",
    "onbekende-kolom": "Een kolom is onbekend en wordt niet gelezen.",
    "onbekend-item": "Een item op het blad School is onbekend en wordt niet gelezen.",
    "privacy-kolom-genegeerd": "Een kolom met BSN of onderwijsnummer wordt nooit gelezen.",
    # The legal parts of an OPP (opp.rules.compleet): without one the OPP is a concept.
    "uitstroombestemming-ontbreekt": "Het OPP noemt geen uitstroombestemming: het is een concept.",
    "onderbouwing-uitstroom-ontbreekt": "Het OPP onderbouwt het uitstroomperspectief niet: het is een concept.",
    "bevorderende-factoren-ontbreken": "Het OPP noemt geen bevorderende factoren: het is een concept.",
    "belemmerende-factoren-ontbreken": "Het OPP noemt geen belemmerende factoren: het is een concept.",
    "ondersteuning-ontbreekt": "Het OPP beschrijft geen te bieden ondersteuning: het is een concept.",
    "praktijkonderwijs-ontbreekt": "Een praktijkschool beschrijft niet hoe praktijkonderwijs wordt gegeven: het OPP "
                                   "is een concept.",
    "handelingsdeel-ontbreekt": "Het handelingsdeel van het OPP heeft geen doel: het is een concept.",
    "inbreng-leerling-ontbreekt": "Het OPP heeft geen inbreng van de leerling (hoorrecht): het is een concept.",
    # The dates the law asks for, when one contradicts another.
    "eerste-vaststelling-voor-inschrijving": "Het eerste OPP is vastgesteld vóór de inschrijving.",
    "eerste-vaststelling-na-vaststelling": "Het eerste OPP is vastgesteld na de laatste vaststelling.",
    "eerste-vaststelling-strijdig-met-register": "De datum eerste vaststelling ligt na de eerste instemming met het "
                                                 "OPP (volgens het register van opp).",
    "evaluatie-voor-eerste-vaststelling": "Het OPP is geëvalueerd voordat het eerste OPP was vastgesteld.",
    "volgende-evaluatie-voor-evaluatie": "De volgende evaluatie ligt niet na de laatste evaluatie.",
    "bijlage-ontbreekt": "Een bijlage staat niet op de opgegeven plek.",
    "bijlage-buiten-map": "Een bijlage ligt buiten de map van het werkboek.",
    "bijlage-geweigerd": "Een bijlage gaat niet mee in een dossier (bijvoorbeeld het werkboek zelf).",
    "dossier-onvolledig": "Een onderdeel van het TLV-dossier ontbreekt of is verouderd.",
    "ingangsdatum-te-vroeg": "De gewenste ingangsdatum van een TLV ligt vóór de vroegste datum waarop de aanvraag "
                             "kan.",
    "bestand-bestaat": "Een document bestaat al en wordt niet overschreven.",
    "te-veel-problemen": "Er zijn meer problemen dan getoond.",
    "werkboek-geopend": "Het werkboek is geopend in Excel; wat daar nog niet is opgeslagen, is niet gelezen.",
    # Signed pages back (opp ronde scan / ontvangen), per page: opp.ronde.ontvangst.Uitkomst.
    "pagina-niet-herkend": "Op een gescande pagina is geen code gevonden; hij moet met de hand worden afgehandeld.",
    "code-onbekend": "Een code staat niet in de tracker (een andere ronde of een ander schooljaar?).",
    "pagina-dubbel": "Een pagina is dubbel: in dezelfde scan of al eerder ontvangen.",
    "oudere-versie-getekend": "Een pagina is getekend voor een oudere versie van het document: opnieuw laten tekenen.",
    "ontvangen-op-verschilt": "In 'Ontvangen op' staat al een andere datum; die is niet overschreven.",
}


@dataclass(frozen=True)
class Issue:
    """One problem in the data, located as the user sees it in Excel (header = row 1)."""

    code: str
    bericht: str
    ernst: Ernst = Ernst.FOUT
    blad: str | None = None
    rij: int | None = None
    kolom: str | None = None
    leerlingnummer: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown issue code {self.code!r}")

    @property
    def is_fout(self) -> bool:
        return self.ernst is Ernst.FOUT

    @property
    def plaats(self) -> str:
        parts = []
        if self.blad:
            parts.append(f"Blad '{self.blad}'")
        if self.rij:
            parts.append(f"rij {self.rij}")
        if self.kolom:
            parts.append(f"kolom '{self.kolom}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.plaats}: {self.bericht}" if self.plaats else self.bericht

    @computed_field  # type: ignore[prop-decorator]
    @property
    def tekst(self) -> str:
        """The problem as one line, located (for programs that show it as it is)."""
        return str(self)


class Report(Resultaat):
    """All problems of one run. Keeps the first `cap` issues and counts the rest."""

    issues: list[Issue] = Field(default_factory=list, serialization_alias="problemen")
    cap: int = Field(DEFAULT_CAP, exclude=True)
    weggelaten: int = 0
    aantal_leerlingen: int = 0

    # Errors past the cap are not shown, but still decide which pupils and which workbook are usable.
    _weggelaten_fouten: list[Issue] = PrivateAttr(default_factory=list)

    def add(self, issue: Issue) -> None:
        if len(self.issues) >= self.cap:
            self.weggelaten += 1
            if issue.is_fout:
                self._weggelaten_fouten.append(issue)
            return
        self.issues.append(issue)

    def extend(self, issues) -> None:
        for issue in issues:
            self.add(issue)

    @property
    def fouten(self) -> list[Issue]:
        return [i for i in self.issues if i.is_fout]

    @property
    def waarschuwingen(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_fout]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        return not self.fouten and not self.weggelaten_fouten

    @computed_field  # type: ignore[prop-decorator]
    @property
    def aantal_fouten(self) -> int:
        return len(self.fouten)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def aantal_waarschuwingen(self) -> int:
        return len(self.waarschuwingen)

    @property
    def weggelaten_fouten(self) -> int:
        """How many errors fell past the cap (not shown, but they still count)."""
        return len(self._weggelaten_fouten)

    def leerlingen_met_fouten(self) -> set[str]:
        return {i.leerlingnummer for i in self._alle_fouten() if i.leerlingnummer}

    def algemene_fouten(self) -> list[Issue]:
        """Errors that make the whole workbook unusable: the School sheet, a missing sheet or column.

        A bad row that names no pupil is not one of them: it skips nothing but itself."""
        return [i for i in self._alle_fouten() if not i.leerlingnummer and (i.rij is None or i.blad == "School")]

    def _alle_fouten(self) -> list[Issue]:
        return self.fouten + self._weggelaten_fouten

    @computed_field  # type: ignore[prop-decorator]
    @property
    def samenvatting(self) -> str:
        fouten, waarsch = len(self.fouten), len(self.waarschuwingen)
        text = (
            f"{self.aantal_leerlingen} {'leerling' if self.aantal_leerlingen == 1 else 'leerlingen'}, "
            f"{fouten} {'fout' if fouten == 1 else 'fouten'}, "
            f"{waarsch} {'waarschuwing' if waarsch == 1 else 'waarschuwingen'}"
        )
        if self.weggelaten:
            text += f" (en {self.weggelaten} niet getoonde problemen)"
        return text


class OppError(Exception):
    """A failure of the tool: one clear Dutch line that says what to do. Exit code 2."""

    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht


class WerkboekOnbruikbaar(Exception):
    """The workbook has problems that touch every pupil (the School sheet, a missing sheet or column).

    A problem in the data, not a failure of the tool: every command answers it the same way, with the
    located problems and exit code 1."""

    def __init__(self, report: Report, bron: str) -> None:
        super().__init__(f"het werkboek '{bron}' is niet bruikbaar")
        self.report = report
        self.bron = bron

    @property
    def problemen(self) -> list[Issue]:
        """The problems that make the workbook unusable (or, without those, every error)."""
        return self.report.algemene_fouten() or self.report.fouten


class SchijfVol(OppError):
    """The disk of a folder (or the temp folder) is full: one line that names the folder and what to do."""

    def __init__(self, map: Path | str, tijdelijk: bool = False) -> None:
        self.map, self.tijdelijk = Path(map), tijdelijk
        if tijdelijk:
            bericht = (f"De map voor tijdelijke bestanden '{self.map}' is vol. Maak daar ruimte vrij, of wijs met "
                       "de omgevingsvariabele TMPDIR een andere map aan.")
        else:
            bericht = (f"De schijf is vol: in '{self.map}' past niets meer. Maak ruimte vrij, of kies een andere map "
                       "(bijvoorbeeld met --uit).")
        super().__init__(bericht)

    def __reduce__(self):  # raised in a worker process, re-raised in opp
        return SchijfVol, (self.map, self.tijdelijk)


_VOL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
SQLITE_FULL = 13


def schijf_vol(exc: BaseException, map: Path | str) -> SchijfVol | None:
    """The SchijfVol a failure of writing into `map` stands for, or None when it is not a full disk.

    lxml (openpyxl's writer) reports a full disk as SerialisationError IO_ENOSPC, not as an OSError: it
    writes each sheet to a temp file first, so that is the temp folder."""
    if type(exc).__name__ == "SerialisationError" and "ENOSPC" in str(exc):
        return SchijfVol(tempfile.gettempdir(), tijdelijk=True)
    return SchijfVol(map) if is_schijf_vol(exc) else None


@contextmanager
def temp_vol():
    """A full temp folder (SQLite's temporary databases live there) becomes one clear line."""
    try:
        yield
    except (sqlite3.OperationalError, OSError) as exc:
        if is_schijf_vol(exc):
            raise SchijfVol(tempfile.gettempdir(), tijdelijk=True) from None
        raise


def is_schijf_vol(exc: BaseException) -> bool:
    """ENOSPC/EDQUOT from the system, lxml's IO_ENOSPC, or SQLite's "database or disk is full"."""
    if type(exc).__name__ == "SerialisationError":
        return "ENOSPC" in str(exc)
    if isinstance(exc, OSError):
        return exc.errno in _VOL
    if isinstance(exc, sqlite3.OperationalError):
        return getattr(exc, "sqlite_errorcode", None) == SQLITE_FULL or "disk is full" in str(exc)
    return False
