"""A date or a postcode never breaks over two lines: the rendered documents carry non-breaking spaces in them
(opp/render/typografie.py), while the context, which the versions register fingerprints, stays as it was."""

import json
import re
import zipfile

import pytest

from opp.data import demo_folder
from opp.invoer import open_invoer
from opp.render.context import pupil_context
from opp.render.documents import render
from opp.render.typografie import NBSP, vaste_spaties, vaste_spaties_xml
from render_helpers import DATUM

MAANDEN = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"


@pytest.mark.parametrize("tekst,verwacht", [
    ("op 21 september 2026.", f"op 21{NBSP}september{NBSP}2026."),
    ("(oktober 2026)", f"(oktober{NBSP}2026)"),
    ("Laan 1, 1234 BC Lindeveen", f"Laan 1, 1234{NBSP}BC Lindeveen"),
    ("3 mei en 12 keer, 2026 is een jaar", "3 mei en 12 keer, 2026 is een jaar"),  # no date, no postcode
    ("1 januari 2027 t/m 9 juli 2027", f"1{NBSP}januari{NBSP}2027 t/m 9{NBSP}juli{NBSP}2027"),
])
def test_vaste_spaties(tekst, verwacht):
    assert vaste_spaties(tekst) == verwacht


def test_only_text_runs_change_never_tags_or_attributes():
    xml = ('<w:p><w:bookmarkStart w:name="21 september 2026"/><w:r><w:t xml:space="preserve">Op 21 september 2026'
           '</w:t></w:r><w:r><w:t>1234 AB</w:t></w:r></w:p>')
    assert vaste_spaties_xml(xml) == (
        f'<w:p><w:bookmarkStart w:name="21 september 2026"/><w:r><w:t xml:space="preserve">Op 21{NBSP}september'
        f'{NBSP}2026</w:t></w:r><w:r><w:t>1234{NBSP}AB</w:t></w:r></w:p>')


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    uit = tmp_path_factory.mktemp("demo")
    result = render(open_invoer(demo_folder() / "werkboek.xlsx", DATUM), uit=uit, jobs=2)
    assert result.ok
    return result.geschreven


def _xml_tekst(path) -> str:
    with zipfile.ZipFile(path) as zf:
        delen = [zf.read(n).decode() for n in zf.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml", n)]
    return "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", "".join(delen)))


def test_every_date_and_postcode_in_the_demo_documents_is_unbreakable(demo):
    paden, vast = demo, 0
    for path in paden:
        tekst = _xml_tekst(path)
        assert not re.findall(rf"\b\d{{1,2}} (?:{MAANDEN}) \d{{4}}\b", tekst), path.name
        assert not re.findall(rf"\b(?:{MAANDEN}) \d{{4}}\b", tekst), path.name
        assert not re.findall(r"\b[1-9]\d{3} [A-Z]{2}\b", tekst), path.name
        vast += len(re.findall(rf"\d{{1,2}}{NBSP}(?:{MAANDEN}){NBSP}\d{{4}}", tekst))
    assert vast > 200
    lotte = next(p for p in paden if p.name.startswith("021308") and " - OPP - " in p.name)
    assert f"1234{NBSP}BC Lindeveen" in _xml_tekst(lotte)


def test_the_context_the_register_fingerprints_keeps_plain_spaces():
    with open_invoer(demo_folder() / "werkboek.xlsx", DATUM) as invoer:
        dossier = next(d for d in invoer.bruikbare_dossiers() if d.leerlingnummer == "021308")
        context = pupil_context(dossier, invoer.vereis_bruikbaar(), DATUM, invoer.settings)
    assert NBSP not in json.dumps(context, ensure_ascii=False)
    assert context["document_datum"] == "22 november 2026"
