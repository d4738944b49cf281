"""The attachments of a TLV request: the paths under Bijlagen, found safely in the working folder.

A path is relative to the workbook's folder (a backslash counts as a separator, as Windows users type it).
Whatever resolves outside that folder is refused (`..`, an absolute path elsewhere, a drive letter, a
symbolic link that points out), and so is every file that holds other pupils' data (weigering.py: the
workbook by link or content, the tracker, the register, output folders, another pupil's documents). A path
that does not lead to a file is a missing attachment. Each refusal is a located Issue on the TLV row,
column Bijlagen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..files import inside
from ..problems import Issue
from .weigering import Weigering

KOLOM = "Bijlagen"


@dataclass(frozen=True)
class Afwijzing:
    issue: Issue  # located, with what to do
    kort: str  # one short line for the table of `opp dossier --alle`


@dataclass(frozen=True)
class Bijlage:
    opgegeven: str  # as typed in the workbook
    pad: Path  # resolved, inside the working folder

    @property
    def naam(self) -> str:
        return self.pad.name


def zoek_bijlagen(opgegeven: list[str], werkmap: Path, werkboek: Path, blad: str, rij: int | None,
                  leerlingnummer: str, weigering: Weigering | None = None) -> tuple[list[Bijlage], list[Afwijzing]]:
    """The usable attachments in the order given, and an Afwijzing for every one that is refused or missing."""
    werkmap = Path(werkmap)
    gevonden: list[Bijlage] = []
    afgewezen: list[Afwijzing] = []
    tekst = ""

    def probleem(code: str, bericht: str, kort: str | None = None) -> None:
        kort = kort or {"bijlage-buiten-map": "ligt buiten de map van het werkboek",
                        "bijlage-ontbreekt": "niet gevonden", "bijlage-geweigerd": "is het werkboek zelf"}[code]
        afgewezen.append(Afwijzing(Issue(code, bericht, blad=blad, rij=rij, kolom=KOLOM, leerlingnummer=leerlingnummer),
                                   f"bijlage '{tekst}' {kort}"))

    for tekst in opgegeven:
        genormaliseerd = tekst.strip().replace("\\", "/")
        if PureWindowsPath(tekst).drive or PurePosixPath(genormaliseerd).is_absolute():
            kandidaat = Path(genormaliseerd)
        else:
            kandidaat = werkmap / genormaliseerd
        if PureWindowsPath(tekst).drive or not inside(werkmap, kandidaat):
            probleem("bijlage-buiten-map",
                     f"de bijlage '{tekst}' ligt buiten de map van het werkboek en wordt niet meegenomen; zet het "
                     f"bestand in die map (bijvoorbeeld in een map 'bijlagen') en geef het pad daarbinnen")
            continue
        pad = kandidaat.resolve()
        if _is_werkboek(pad, Path(werkboek)):
            probleem("bijlage-geweigerd",
                     f"'{tekst}' is het werkboek zelf, met gegevens van alle leerlingen; dat gaat nooit mee in een "
                     "dossier. Haal het weg bij Bijlagen")
            continue
        if not pad.is_file():
            waarom = "is een map, geen bestand" if pad.is_dir() else "bestaat niet"
            probleem("bijlage-ontbreekt",
                     f"de bijlage '{tekst}' {waarom} (gezocht in de map van het werkboek); controleer de naam of "
                     "zet het bestand daar neer")
            continue
        reden = weigering.reden(pad, leerlingnummer) if weigering is not None else None
        if reden is not None:
            probleem("bijlage-geweigerd",
                     f"'{tekst}' {reden}; dat gaat nooit mee in een dossier. Haal het weg bij Bijlagen of geef een "
                     "bestand met alleen gegevens van deze leerling", reden)
            continue
        gevonden.append(Bijlage(tekst, pad))
    return gevonden, afgewezen


def _is_werkboek(pad: Path, werkboek: Path) -> bool:
    werkboek = werkboek.resolve()
    if werkboek.is_dir():  # a folder of CSV files: each sheet is a file in it
        return pad.parent == werkboek and pad.suffix.lower() == ".csv"
    return pad == werkboek
