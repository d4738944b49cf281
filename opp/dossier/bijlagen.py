"""The attachments of a TLV request: the paths under Bijlagen, found safely in the working folder.

A path is relative to the workbook's folder (a backslash counts as a separator, as Windows users type it).
Whatever resolves outside that folder is refused (`..`, an absolute path elsewhere, a drive letter, a
symbolic link that points out), and so is every file that holds other pupils' data (weigering.py: the
workbook by link or content, the tracker, the register, output folders, another pupil's documents). A path
that does not lead to a file is a missing attachment. Each refusal is a located Issue on the TLV row,
column Bijlagen.

An attachment may carry what it is before the path: `IQ-rapport: bijlagen/wisc-finn.pdf`. That description
names the part on the cover and in the PDF's bookmarks; without one the name is made from the file name
(`iq-rapport-finn.pdf` -> "IQ-rapport"), never the file name itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..files import inside
from ..problems import Issue
from .weigering import Weigering

KOLOM = "Bijlagen"
# "Omschrijving: pad": a description of two characters or more (so "C:\\..." stays a drive), then ": ".
_OMSCHRIJVING = re.compile(r"^\s*([^:;]{2,}?)\s*:\s+(\S.*)$")
# Abbreviations a file name writes in lower case; joined to the next word with a hyphen ("IQ-rapport").
AFKORTINGEN = {"iq": "IQ", "mdo": "MDO", "opp": "OPP", "tlv": "TLV", "iop": "IOP", "oki": "OKI", "ggz": "GGZ",
               "ggd": "GGD", "swv": "SWV", "vso": "VSO", "pro": "PrO", "wisc": "WISC", "swi": "SWI"}


@dataclass(frozen=True)
class Afwijzing:
    issue: Issue  # located, with what to do
    kort: str  # one short line for the table of `opp dossier --alle`


@dataclass(frozen=True)
class Bijlage:
    opgegeven: str  # as typed in the workbook (the path, without a description)
    pad: Path  # resolved, inside the working folder
    omschrijving: str = ""  # what the school wrote the attachment is ("IQ-rapport"), if anything

    @property
    def naam(self) -> str:
        return self.pad.name

    def titel(self, namen: tuple[str, ...] = ()) -> str:
        """What the part is, for the cover and the bookmarks: the description, else from the file name."""
        return self.omschrijving or titel_uit_bestandsnaam(self.naam, namen)


def splits_omschrijving(tekst: str) -> tuple[str, str]:
    """'IQ-rapport: bijlagen/iq.pdf' -> ('IQ-rapport', 'bijlagen/iq.pdf'); a plain path has no description."""
    gevonden = _OMSCHRIJVING.match(tekst)
    if gevonden is None or PureWindowsPath(tekst.strip()).drive:
        return "", tekst
    return gevonden.group(1).strip(), gevonden.group(2).strip()


def titel_uit_bestandsnaam(bestand: str, namen: tuple[str, ...] = ()) -> str:
    """'iq-rapport-finn.pdf' -> 'IQ-rapport', 'zienswijze_ouders-yara.pdf' -> 'Zienswijze ouders': the words of
    the file name without the pupil's names, numbers and dates; the file name when nothing is left."""
    weg = {n.lower() for naam in namen for n in naam.split()}
    woorden = [w for w in re.split(r"[-_ .]+", Path(bestand).stem)
               if w and w.lower() not in weg and not w.isdigit()]
    if not woorden:
        return bestand
    delen = [AFKORTINGEN.get(w.lower(), w) for w in woorden]
    tekst = delen[0]
    for vorig, woord in zip(woorden, delen[1:], strict=False):
        tekst += ("-" if vorig.lower() in AFKORTINGEN else " ") + woord
    return tekst[:1].upper() + tekst[1:]


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

    for regel in opgegeven:
        omschrijving, tekst = splits_omschrijving(regel)
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
        gevonden.append(Bijlage(tekst, pad, omschrijving))
    return gevonden, afgewezen


def _is_werkboek(pad: Path, werkboek: Path) -> bool:
    werkboek = werkboek.resolve()
    if werkboek.is_dir():  # a folder of CSV files: each sheet is a file in it
        return pad.parent == werkboek and pad.suffix.lower() == ".csv"
    return pad == werkboek
