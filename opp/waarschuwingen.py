"""Warnings of the libraries opp uses, as one Dutch line each for the user: never a raw Python warning
with a path into site-packages. The CLI installs `toon` for the time of a command; --debug shows the original."""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

# A known warning (a regular expression over its text) -> the Dutch line, with the groups filled in.
_BEKEND: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"Cell (\S+) is marked as a date but the serial value (\S+) is outside the limits for dates"),
     "cel {0} is opgemaakt als datum, maar het getal {1} is geen datum die Excel kent; opp leest de cel als een "
     "fout. Typ in die cel een geldige datum (dd-mm-jjjj)."),
    (re.compile(r"Data Validation extension is not supported", re.I),
     "een keuzelijst of invoercontrole die Excel als uitbreiding bewaart, leest opp niet; de waarden zelf wel."),
    (re.compile(r"Conditional Formatting extension is not supported", re.I),
     "voorwaardelijke opmaak die Excel als uitbreiding bewaart, leest opp niet; de waarden zelf wel."),
    (re.compile(r"Workbook contains no default style", re.I),
     "het werkboek heeft geen standaardopmaak; opp gebruikt zijn eigen."),
    (re.compile(r"(?:Unknown|extension) .*is not supported", re.I),
     "een onderdeel van het Excel-bestand kent opp niet en leest het niet; de waarden zelf wel."),
)


def vertaal(bericht: str, bestand: str | None) -> str:
    """One Dutch line for a warning (without 'Let op: ')."""
    for patroon, zin in _BEKEND:
        gevonden = patroon.search(bericht)
        if gevonden:
            return zin.format(*gevonden.groups())
    return (f"de bibliotheek {bibliotheek(bestand)} gaf een waarschuwing die opp niet kent; het werk gaat door. "
            "Draai het commando met --debug om de waarschuwing zelf te zien.")


def bibliotheek(bestand: str | None) -> str:
    """The package a warning came from, by the file that raised it ('openpyxl'), without any path."""
    if not bestand:
        return "onbekend"
    delen = Path(bestand).parts
    for i, deel in enumerate(delen[:-1]):
        if deel in ("site-packages", "dist-packages"):
            return Path(delen[i + 1]).stem
    if "opp" in delen:
        return "opp"
    return Path(bestand).stem


def toon(debug: Callable[[], bool]):
    """A replacement for warnings.showwarning: one 'Let op: ...' line on stderr (the original with --debug;
    asked when the warning comes, since --debug is parsed after this is installed)."""
    origineel = warnings.showwarning

    def showwarning(message, category, filename, lineno, file=None, line=None):
        if debug():
            origineel(message, category, filename, lineno, file, line)
            return
        (file or sys.stderr).write(f"Let op: {vertaal(str(message), filename)}\n")

    return showwarning
