"""Dutch grammar of every message template in the library: no 'is geen een', no 'document(en)', and a
value in an f-string is never followed by a fixed plural ('{n} documenten' says '1 documenten'): the noun
must follow the number (or the value is no number: then name it differently)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from opp.dossier.maken import DossierResultaat
from opp.dossier.uitvoer import samenvatting
from opp.problems import Report

OPP = Path(__file__).resolve().parent.parent / "opp"
CLI = {"cli.py"}  # the command line's strings are the lead's to fix: see test_cli_strings below
MEERVOUDEN = {"documenten", "leerlingen", "fouten", "waarschuwingen", "rijen", "dossiers", "bestanden", "punten",
              "bijlagen", "problemen", "aanvragen", "grafieken", "tekens", "cijfers", "handtekeningen",
              "aanmeldingen", "doelen", "kolommen", "bladen", "dossierbestanden", "pdf's", "opp's", "tlv's",
              "leerlingnummers", "backups", "ondertekenaars", "documenten,", "leerlingen,"}
_HAAKJES_MEERVOUD = re.compile(r"\w\((en|s)\)")


def fouten_in(pad: Path) -> list[str]:
    """Every grammar mistake in the string literals and f-strings of one module, with its line."""
    gevonden = []
    boom = ast.parse(pad.read_text("utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(boom)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    for node in ast.walk(boom):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if "is geen een" in node.value or _HAAKJES_MEERVOUD.search(node.value):
                gevonden.append(f"{pad.name}:{node.lineno}: {node.value[:60]!r}")
        if isinstance(node, ast.JoinedStr):
            for deel, volgend in zip(node.values, node.values[1:], strict=False):
                if not (isinstance(deel, ast.FormattedValue) and isinstance(volgend, ast.Constant)):
                    continue
                if isinstance(deel.value, ast.Name) and deel.value.id.isupper():
                    continue  # a module constant (MAX_SIZE) is a fixed number, never 1
                woorden = volgend.value.split(maxsplit=1)
                if volgend.value.startswith(" ") and woorden and woorden[0].lower().rstrip(":;,.)") in MEERVOUDEN:
                    gevonden.append(f"{pad.name}:{node.lineno}: {{...}}{volgend.value[:40]!r}")
    return gevonden


def test_library_messages():
    fouten = [f for pad in sorted(OPP.rglob("*.py")) if pad.name not in CLI for f in fouten_in(pad)]
    assert fouten == []


def test_cli_strings():
    assert fouten_in(OPP / "cli.py") == []


def test_counts_of_one_and_more():
    report = Report(aantal_leerlingen=1)
    assert report.samenvatting == "1 leerling, 0 fouten, 0 waarschuwingen"
    een = DossierResultaat(leerlingnummer="001", naam="", tlv_rij=2)
    assert samenvatting([een], "w.xlsx").startswith("0 van de 1 aanvraag compleet; 1 aanvraag zonder dossier")
    assert samenvatting([een, een], "w.xlsx").startswith("0 van de 2 aanvragen compleet; 2 aanvragen zonder")
