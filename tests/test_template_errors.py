"""A template's errors speak Dutch and help; a broken template writes nothing; a logo survives; data stays data."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.shared import Cm
from PIL import Image

from opp.cli import cli
from opp.invoer import open_invoer
from opp.problems import OppError
from opp.render.compiled import CompiledTemplate, TemplateFout
from opp.render.documents import render
from opp.render.environment import make_environment
from opp.render.templates import check_template
from render_helpers import DATUM, document_text, leerling, mini_template, ouder, own_templates, workbook

# Jinja's and Python's words that must never reach a user.
ENGLISH = re.compile(r"undefined|attribute|object|unexpected|expected|Encountered|unknown tag|named|Error|"
                     r"Traceback|is unsafe|not iterable|unsupported|division|recursion|memory|overflow|range too",
                     re.IGNORECASE)
CONTEXT = {"leerling": {"naam": "Sanne", "roepnaam": "Sanne", "inbreng_leerling": "", "klas": "PrO 2B"},
           "school": {"naam": "De Linde", "directeur": "J. de Vries", "zorgcoordinator": "K. Zorg"},
           "didactiek": [{"onderdeel": "lezen", "leerachterstand": "0,5"}], "document_titel": "OPP"}


def failure(tmp_path: Path, body: list[str], context: dict = CONTEXT) -> TemplateFout:
    tpl = mini_template(tmp_path / "sjablonen" / "opp.docx", body)
    with pytest.raises(TemplateFout) as exc:
        CompiledTemplate(tpl, make_environment()).render(context)
    return exc.value


@pytest.mark.parametrize("body", [
    ["{{ leerling.naam "],  # unclosed print
    ["{% if leerling.naam %}nooit gesloten"],
    ["{% for t in didactiek %}", "{% endif %}"],
    ["{% bestaatniet %}"],
    ["{{ leerling.naam | datumm }}"],
    ["{{ leerling.naam is gekke_test }}"],
    ["{{ leerling.naam & 'x' }}"],
    ["{{ leerling.naam + 1 }}"],
    ["{{ 1 / 0 }}"],
    ["{{ leerling.naam[99] }}"],
    ["{% for x in 5 %}{% endfor %}"],
    ["{{ leerling.naam.upper.__globals__ }}"],
    ["{{ onbekend }}"],
    ["{{ school.direkteur }}"],
    ["{{ int('x') }}"],
])
def test_no_jinja_or_python_english_reaches_the_user(tmp_path, body):
    message = failure(tmp_path, body).bericht
    text = message.split("De fout staat rond")[0]  # the template's own text may hold any word
    assert not ENGLISH.search(text), message
    assert "opp.docx" in text


def test_a_misspelt_field_gets_the_nearest_names(tmp_path):
    assert "school.directeur" in failure(tmp_path, ["Directeur: {{ school.direkteur }}"]).reden
    assert "leerling" in failure(tmp_path, ["{{ leerlng.naam }}"]).reden
    # a loop variable's field, found while rendering
    assert "t.onderdeel" in failure(tmp_path, ["{% for t in didactiek %}{{ t.onderdeell }}{% endfor %}"]).reden
    assert "datum" in failure(tmp_path, ["{{ leerling.naam | datumm }}"]).reden


def test_check_names_every_unknown_field_with_a_suggestion_and_the_place(tmp_path):
    tpl = mini_template(tmp_path / "opp.docx", ["Directeur: {{ school.direkteur }}", "{{ leerlng.naam }}"])
    problems = check_template(tpl, CONTEXT)
    assert len(problems) == 2
    assert any("school.directeur" in p and "Directeur:" in p for p in problems)
    assert any("leerling" in p for p in problems)


def test_the_template_path_shown_is_the_one_the_user_gave(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    wb = workbook(tmp_path)
    own_templates(Path("sjablonen"), opp=["{{ school.direkteur }}"])
    with pytest.raises(TemplateFout) as exc:
        render(open_invoer(wb, DATUM), uit=Path("uit"), templates=Path("sjablonen"), jobs=1)
    assert f"'{Path('sjablonen') / 'opp.docx'}'" in exc.value.bericht
    assert f"opp templates check {Path('sjablonen') / 'opp.docx'}" in exc.value.bericht


def test_a_file_given_as_templates_folder_is_named_as_a_file(tmp_path):
    wb = workbook(tmp_path)
    tpl = own_templates(tmp_path / "sjablonen") / "opp.docx"
    with pytest.raises(OppError) as exc:
        render(open_invoer(wb, DATUM), uit=tmp_path / "uit", templates=tpl, jobs=1)
    assert str(tpl) in exc.value.bericht and "bestand" in exc.value.bericht
    result = CliRunner().invoke(cli, ["templates", "check", str(tmp_path / "sjablonen")], catch_exceptions=False)
    assert result.exit_code == 2 and str(tmp_path / "sjablonen" / "opp.docx") in result.output


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_broken_template_writes_nothing(tmp_path, jobs):
    pupils = [leerling(f"{i:03d}", roepnaam=f"Kind{i}") for i in range(5)]
    wb = workbook(tmp_path, pupils, [ouder(p["leerlingnummer"]) for p in pupils])
    # broken for everyone: the check before the run stops it
    own_templates(tmp_path / "a", iop=["{{ leerling.roepnaaam }}"])
    with pytest.raises(TemplateFout):
        render(open_invoer(wb, DATUM), uit=tmp_path / "uit-a", templates=tmp_path / "a", jobs=jobs)
    assert not list((tmp_path / "uit-a").rglob("*.docx"))
    # broken only on the data of the fourth pupil (the demo check passes): what was written is taken back
    own_templates(tmp_path / "b", iop=["{% if leerling.roepnaam == 'Kind3' %}{{ 1 // 0 }}{% endif %}"])
    with pytest.raises(TemplateFout):
        render(open_invoer(wb, DATUM), uit=tmp_path / "uit-b", templates=tmp_path / "b", jobs=jobs)
    assert not list((tmp_path / "uit-b").rglob("*.docx"))


def test_a_logo_in_the_header_survives_rendering(tmp_path):
    png = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(png, format="PNG")
    tpl = mini_template(tmp_path / "opp.docx")
    doc = Document(tpl)
    header = doc.sections[0].header
    header.paragraphs[0].add_run().add_picture(io.BytesIO(png.getvalue()), width=Cm(3))
    header.add_paragraph("{{ school.naam }}")
    doc.save(tpl)
    out = tmp_path / "uit.docx"
    out.write_bytes(CompiledTemplate(tpl, make_environment()).render(CONTEXT))
    with zipfile.ZipFile(out) as zf:
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
        assert media and zf.read(media[0]) == png.getvalue()
        header_part = next(n for n in zf.namelist() if re.match(r"word/header\d*\.xml$", n))
        rels = zf.read(header_part.replace("word/", "word/_rels/") + ".rels").decode()
        embed = re.search(r'r:embed="([^"]+)"', zf.read(header_part).decode()).group(1)
        assert re.search(rf'Id="{embed}"[^>]*Target="media/', rels) or \
            re.search(rf'Target="media/[^"]*"[^>]*Id="{embed}"', rels)
    header = Document(out).sections[0].header
    assert "De Linde" in "\n".join(p.text for p in header.paragraphs)
    assert header.part.related_parts[embed].blob == png.getvalue()


def test_pupil_data_is_never_unescaped_as_template_syntax(tmp_path):
    wb = workbook(tmp_path, [leerling(inbreng_leerling="Ik schreef {_{ x }_} en {_% if %_}")])
    tpl = own_templates(tmp_path / "tpl", opp=["Inbreng: {{ leerling.inbreng_leerling }}", "Letterlijk: {_{ a }_}"])
    result = render(open_invoer(wb, DATUM), uit=tmp_path / "uit", templates=tpl, jobs=1, documenten=["opp"])
    text = document_text(result.geschreven[0])
    assert "Inbreng: Ik schreef {_{ x }_} en {_% if %_}" in text
    assert "Letterlijk: {{ a }}" in text  # docxtpl's escape in a template still means a literal {{


def test_undefined_error_pickles_across_worker_processes():
    import pickle

    exc = TemplateFout(Path("sjablonen/opp.docx"), "de variabele 'x' bestaat niet", "Hallo {{ x }}")
    back = pickle.loads(pickle.dumps(exc))
    assert back.bericht == exc.bericht and back.reden == exc.reden and os.fspath(back.sjabloon) == "sjablonen/opp.docx"
