"""`opp/rules/` returns facts, never words: no module there imports the layers that write Dutch or know the
workbook, and no function there builds a sentence (a str literal or f-string of more than one word)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import opp.rules

RULES = Path(opp.rules.__file__).parent
VERBODEN = ("opp.render", "opp.werkboek", "opp.rapport", "opp.dossier", "opp.tracker", "opp.cli")
MEER_WOORDEN = re.compile(r"[^\W\d_]\s+[^\W\d_]")  # a letter, a space, a letter: the start of a sentence

# Known prose still in a rule, to be moved to the layer that shows it (issue 11, point 4). A new one fails.
NOG_TE_VERHUIZEN: set[tuple[str, str]] = set()


def _modules():
    return sorted(RULES.glob("*.py"))


def _absoluut(node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    basis = "opp.rules".split(".")[: len("opp.rules".split(".")) - node.level + 1]
    return ".".join(basis + ([node.module] if node.module else []))


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            eerste = node.body[0]
            if isinstance(eerste, ast.Expr) and isinstance(eerste.value, ast.Constant):
                ids.add(id(eerste.value))
    return ids


def test_the_rules_are_found():
    assert {p.name for p in _modules()} >= {"tlv.py", "deadlines.py", "signers.py"}


def test_no_rule_imports_a_layer_that_writes_words_or_knows_the_workbook():
    gevonden = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            namen = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [_absoluut(node)] if isinstance(node, ast.ImportFrom) else [])
            gevonden += [(path.name, n) for n in namen if n.startswith(VERBODEN)]
    assert gevonden == []


def _zinnen(path: Path) -> list[tuple[str, str]]:
    """Every literal text of more than one word inside a function of the module (docstrings aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    zinnen = []
    delen = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}  # seen whole
    for functie in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        for node in ast.walk(functie):
            if id(node) in delen:
                continue
            if isinstance(node, ast.JoinedStr):
                tekst = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                tekst = node.value
            else:
                continue
            if MEER_WOORDEN.search(tekst):
                zinnen.append((path.name, tekst))
    return zinnen


def test_no_rule_function_builds_a_sentence():
    zinnen = {z for path in _modules() for z in _zinnen(path)}
    assert zinnen - NOG_TE_VERHUIZEN == set()
    assert NOG_TE_VERHUIZEN <= zinnen, "moved: take it off NOG_TE_VERHUIZEN"


def test_the_check_sees_a_sentence(tmp_path):
    voorbeeld = tmp_path / "voorbeeld.py"
    voorbeeld.write_text('def f(n):\n    """Docstrings may talk."""\n    return f"{n} dagen te laat"\n'
                         'def g():\n    return "ok", " ".join(["a"]), f"{1}:{2}"\n', encoding="utf-8")
    assert _zinnen(voorbeeld) == [("voorbeeld.py", " dagen te laat")]
