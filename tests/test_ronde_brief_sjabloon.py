"""The letter's template (templates/brief.docx): built by its script, known to `opp templates check` and
`export`, and its QR placeholder recognised by the letters; the turning-18 rule at its boundaries."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import re
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner

from opp.cli import cli
from opp.models import Leerling
from opp.render.compiled import CompiledTemplate
from opp.render.environment import make_environment
from opp.render.preview import sample_brief_context
from opp.ronde.bundel import bundel, merk
from opp.ronde.code import leesbaar
from opp.ronde.qr import qr_png
from opp.rules.meerderjarig import achttiende_verjaardag, wordt_meerderjarig_tussen

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT / "templates" / "brief.docx"


def test_the_committed_letter_is_what_the_script_builds(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location("make_brief_template", ROOT / "scripts" / "make_brief_template.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_brief_template", module)
    spec.loader.exec_module(module)
    assert module.build(tmp_path).read_bytes() == BRIEF.read_bytes(), (
        "templates/brief.docx is niet actueel: draai python scripts/make_brief_template.py")


def test_templates_check_and_export_know_the_letter(tmp_path):
    check = CliRunner().invoke(cli, ["templates", "check", str(BRIEF)], catch_exceptions=False)
    assert check.exit_code == 0, check.output
    export = CliRunner().invoke(cli, ["templates", "export", str(tmp_path / "mijn")], catch_exceptions=False)
    assert export.exit_code == 0 and (tmp_path / "mijn" / "brief.docx").is_file()


def test_a_letter_with_a_typo_in_its_template_is_reported(tmp_path):
    data = BRIEF.read_bytes()
    eigen = tmp_path / "brief.docx"
    with zipfile.ZipFile(io.BytesIO(data)) as bron, zipfile.ZipFile(eigen, "w") as doel:
        for naam in bron.namelist():
            inhoud = bron.read(naam)
            if naam == "word/document.xml":
                inhoud = inhoud.replace(b"{{ inleveren_voor }}", b"{{ inleveren_voorr }}", 1)
            doel.writestr(naam, inhoud)
    check = CliRunner().invoke(cli, ["templates", "check", str(eigen)], catch_exceptions=False)
    assert check.exit_code == 1 and "inleveren_voorr" in check.output


def test_joined_letters_carry_their_own_qr_image_mark_and_odd_page_sections():
    compiled = CompiledTemplate(BRIEF, make_environment())
    letters = []
    alle = []
    for nummer, cijfer in ((3, "0"), (4, "1")):
        context = sample_brief_context()  # a letter with every page a letter can have: the plan and two consents
        codes = [cijfer * 8 + str(i) for i in range(len(context["paginas"]))]
        for pagina, code in zip(context["paginas"], codes, strict=True):
            pagina["code"] = leesbaar(code)
        alle += codes
        letters.append((nummer, compiled.render(context), {leesbaar(c): qr_png(c) for c in codes}))
    with zipfile.ZipFile(io.BytesIO(bundel(letters))) as pakket:
        xml = pakket.read("word/document.xml").decode()
        rels = pakket.read("word/_rels/document.xml.rels").decode()
        pngs = {n: pakket.read(n) for n in pakket.namelist() if n.startswith("word/media/opp-")}
    assert merk(3) in xml and merk(4) in xml
    assert xml.count('w:val="oddPage"') == 2
    assert len(alle) == 6 and sorted(pngs.values()) == sorted(qr_png(c) for c in alle)
    for naam in pngs:
        rid = next(r for r in rels.split("<Relationship ") if naam.removeprefix("word/") in r).split('"')[1]
        assert f'r:embed="{rid}"' in xml
    ids = [int(i) for i in re.findall(r'<wp:docPr\b[^>]*?\bid="(\d+)"', xml)]
    assert xml.count('descr="OPP-BRIEFPAGINA"') == 4  # the letter-page mark, twice in each letter
    assert xml.count('descr="OPP-HANDTEKENING"') == 6  # each page to sign's signature box anchor
    assert len(ids) == len(set(ids)) == 6 + 4 + 6


def _leerling(geboren: dt.date) -> Leerling:
    return Leerling.model_construct(geboortedatum=geboren)


def test_turning_18_between_the_letter_and_the_deadline():
    brief, terug = dt.date(2026, 10, 1), dt.date(2026, 10, 15)
    assert wordt_meerderjarig_tussen(_leerling(dt.date(2008, 10, 15)), brief, terug) == dt.date(2026, 10, 15)
    assert wordt_meerderjarig_tussen(_leerling(dt.date(2008, 10, 16)), brief, terug) is None  # after the deadline
    assert wordt_meerderjarig_tussen(_leerling(dt.date(2008, 10, 1)), brief, terug) is None  # already 18
    assert wordt_meerderjarig_tussen(_leerling(dt.date(2008, 10, 2)), brief, terug) == dt.date(2026, 10, 2)
    assert achttiende_verjaardag(dt.date(2008, 2, 29)) == dt.date(2026, 3, 1)
