"""The render pipeline: selection, naming, overwrite refusal, skipping bad pupils, sandbox, strictness."""

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from docxtpl import DocxTemplate

from opp.cli import cli
from opp.invoer import open_invoer
from opp.problems import OppError
from opp.render.compiled import CompiledTemplate
from opp.render.context import pupil_context
from opp.render.documents import render
from opp.render.environment import make_environment
from opp.settings import Settings
from opp.werkboek.reader import read_werkboek
from render_helpers import DATUM, document_text, leerling, mini_template, ouder, own_templates, workbook

KERNTEAM = dict(leerlingnummer="001", datum_aanmelding=dt.date(2026, 10, 1), aangemeld_door="P. Jansen",
                akkoord_teamleider=dt.date(2026, 9, 30), hulpvraag="Hoe verder?", wat_is_al_gedaan="Gesprekken.",
                toestemming_ouders="ja", externe_partners="MEE")


def run(tmp_path, wb, *args):
    return render(open_invoer(wb, DATUM), *args, uit=tmp_path / "uit", templates=own_templates(tmp_path / "tpl"),
                  jobs=1)


def test_writes_one_document_per_pupil_per_document(tmp_path):
    wb = workbook(tmp_path, [leerling("001"), leerling("002", roepnaam="Tom")],
                  [ouder("001"), ouder("002")], Kernteam=[KERNTEAM])
    result = run(tmp_path, wb)
    names = sorted(p.name for p in result.geschreven)
    assert names == [
        "001 Berg, Sanne van der - IOP - 2026-11-22.docx",
        "001 Berg, Sanne van der - KERNTEAM - 2026-11-22.docx",
        "001 Berg, Sanne van der - OPP - 2026-11-22.docx",
        "002 Berg, Tom van der - IOP - 2026-11-22.docx",
        "002 Berg, Tom van der - OPP - 2026-11-22.docx",
    ]
    assert result.niet_van_toepassing == 1  # Tom was never referred: no kernteam document
    assert result.ok


def test_default_output_folder_is_schooljaar_and_klas(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    wb = workbook(tmp_path)
    result = render(open_invoer(wb, DATUM), templates=own_templates(tmp_path / "tpl"), jobs=1, documenten=["opp"])
    assert result.geschreven[0].parent == Path("output") / "2026-2027" / "PrO 2B"


def test_special_characters_literal_and_line_breaks_kept(tmp_path):
    wb = workbook(tmp_path, [leerling(achternaam="O'Brien & Zn <b>", tussenvoegsel=None,
                                      inbreng_leerling="Regel één\nRegel twee")])
    result = run(tmp_path, wb)
    text = document_text(result.geschreven[0])
    assert "Sanne O'Brien & Zn <b>" in text
    assert "Regel één\nRegel twee" in text
    assert "{{" not in text and "{%" not in text and "None" not in text


def test_file_names_cannot_escape_the_output_folder(tmp_path):
    wb = workbook(tmp_path, [leerling("../../etc", achternaam="../../etc/passwd", klas="../../..")],
                  [ouder("../../etc")])
    result = render(open_invoer(wb, DATUM), templates=own_templates(tmp_path / "tpl"), jobs=1, documenten=["opp"],
                    uit=tmp_path / "uit")
    (path,) = result.geschreven
    assert path.resolve().parent == (tmp_path / "uit").resolve()
    assert "/" not in path.name and ".." not in path.name


def test_klas_with_separators_stays_inside_default_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    wb = workbook(tmp_path, [leerling(klas="../../buiten")])
    result = render(open_invoer(wb, DATUM), templates=own_templates(tmp_path / "tpl"), jobs=1, documenten=["opp"])
    assert result.geschreven[0].resolve().is_relative_to((tmp_path / "output" / "2026-2027").resolve())


def test_documents_are_owner_only(tmp_path):
    result = run(tmp_path, workbook(tmp_path))
    for path in result.geschreven:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_existing_documents_are_not_overwritten_without_force(tmp_path):
    """A file the register does not know (here: no identity, register gone) is replaced only with --force;
    one it knows is never replaced, not even with --force (tests/test_register.py holds the versions)."""
    wb = workbook(tmp_path)
    first = run(tmp_path, wb)
    signed = first.geschreven[0]
    signed.write_bytes(b"getekend")
    render(open_invoer(wb, DATUM), uit=tmp_path / "uit", templates=tmp_path / "tpl", jobs=1, force=True)
    assert signed.read_bytes() == b"getekend"  # registered, same content: ongewijzigd
    (tmp_path / "opp-register.sqlite").unlink()
    with pytest.raises(OppError, match="(bestaat|bestaan) al.*--force"):
        run(tmp_path, wb)
    assert signed.read_bytes() == b"getekend"
    render(open_invoer(wb, DATUM), uit=tmp_path / "uit", templates=tmp_path / "tpl", jobs=1, force=True)
    assert signed.read_bytes() != b"getekend"


def test_pupil_with_problems_is_skipped_others_written(tmp_path):
    bad = dict(KERNTEAM, leerlingnummer="002", toestemming_ouders="nee", externe_partners="MEE, schoolarts")
    wb = workbook(tmp_path, [leerling("001"), leerling("002", roepnaam="Tom")], [ouder("001"), ouder("002")],
                  Kernteam=[bad])
    result = run(tmp_path, wb)
    assert {p.name.split()[0] for p in result.geschreven} == {"001"}
    (issue,) = result.overgeslagen["002"]
    assert issue.code == "extern-zonder-toestemming" and issue.blad == "Kernteam" and issue.rij == 2
    assert not result.ok


def test_selection_by_pupil_and_class(tmp_path):
    wb = workbook(tmp_path, [leerling("001"), leerling("002", klas="PrO 3A")], [ouder("001"), ouder("002")])
    per_leerling = render(open_invoer(wb, DATUM), uit=tmp_path / "a", templates=own_templates(tmp_path / "t"),
                          jobs=1, leerlingen=["002"])
    assert {p.name[:3] for p in per_leerling.geschreven} == {"002"}
    per_klas = render(open_invoer(wb, DATUM), uit=tmp_path / "b", templates=tmp_path / "t", jobs=1,
                      klassen=["pro 3a"])
    assert {p.name[:3] for p in per_klas.geschreven + per_klas.ongewijzigd} == {"002"}  # written to a: ongewijzigd
    with pytest.raises(OppError, match="999"):
        render(open_invoer(wb, DATUM), uit=tmp_path / "c", templates=tmp_path / "t", jobs=1, leerlingen=["999"])


def test_template_typo_names_the_variable_and_the_place(tmp_path):
    wb = workbook(tmp_path)
    tpl = tmp_path / "tpl"
    own_templates(tpl)
    mini_template(tpl / "opp.docx", ["Hallo {{ leerling.roepnaaam }} en verder"])
    with pytest.raises(OppError) as exc:
        render(open_invoer(wb, DATUM), uit=tmp_path / "uit", templates=tpl, jobs=1)
    assert "opp.docx" in exc.value.bericht and "roepnaaam" in exc.value.bericht
    assert "Hallo" in exc.value.bericht  # the text around the error
    assert not list((tmp_path / "uit").glob("*.docx")) if (tmp_path / "uit").exists() else True


@pytest.mark.parametrize("evil", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ leerling.__class__.__init__.__globals__ }}",
    "{% set x = leerling.update({'naam': 'x'}) %}",
])
def test_template_cannot_reach_python_internals(tmp_path, evil):
    wb = workbook(tmp_path)
    tpl = tmp_path / "tpl"
    own_templates(tpl)
    mini_template(tpl / "opp.docx", [evil])
    with pytest.raises(OppError, match="opp.docx"):
        render(open_invoer(wb, DATUM), uit=tmp_path / "uit", templates=tpl, jobs=1, documenten=["opp"])


def test_compiled_render_equals_plain_docxtpl(tmp_path):
    wb_path = workbook(tmp_path, [leerling(achternaam="O'Brien & Zn <b>", inbreng_leerling="a\nb")],
                       Toetsen=[dict(leerlingnummer="001", onderdeel="begrijpend lezen", instrument="Cito",
                                     datum=DATUM, dl=60, dle=27)])
    wb = read_werkboek(wb_path, DATUM)
    context = pupil_context(wb.dossiers["001"], wb.school, DATUM, Settings())
    context["document_titel"] = "OPP"
    tpl = mini_template(tmp_path / "t.docx")
    fast = tmp_path / "fast.docx"
    fast.write_bytes(CompiledTemplate(tpl, make_environment()).render(context))
    plain = DocxTemplate(str(tpl))
    plain.render(context, jinja_env=make_environment())
    plain.save(tmp_path / "plain.docx")
    assert document_text(fast) == document_text(tmp_path / "plain.docx")
    assert "0,55" in document_text(fast)


def test_jobs_1_and_2_give_identical_documents(tmp_path):
    pupils = [leerling(f"{i:03d}", roepnaam=f"Kind{i}") for i in range(6)]
    wb = workbook(tmp_path, pupils, [ouder(p["leerlingnummer"]) for p in pupils])
    tpl = own_templates(tmp_path / "tpl")
    one = render(open_invoer(wb, DATUM), uit=tmp_path / "j1", templates=tpl, jobs=1,
                 register=tmp_path / "j1" / "r.sqlite")
    two = render(open_invoer(wb, DATUM), uit=tmp_path / "j2", templates=tpl, jobs=2,
                 register=tmp_path / "j2" / "r.sqlite")
    assert [p.name for p in one.geschreven] == [p.name for p in two.geschreven]
    for a, b in zip(one.geschreven, two.geschreven, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_unusable_workbook_renders_nothing(tmp_path):
    wb = workbook(tmp_path, [leerling(klas=None)])  # a missing required value of one pupil: only that pupil
    result = run(tmp_path, wb)
    assert result.geschreven == [] and "001" in result.overgeslagen


# --- the CLI ---------------------------------------------------------------------------------------------

def test_cli_render_summary_and_exit_codes(tmp_path):
    wb = workbook(tmp_path, [leerling("001"), leerling("002", geboortedatum="31-02-2012")],
                  [ouder("001"), ouder("002")])
    tpl = own_templates(tmp_path / "tpl")
    result = CliRunner().invoke(cli, ["render", str(wb), "--templates", str(tpl), "--uit", str(tmp_path / "uit"),
                                      "--datum", "22-11-2026", "--jobs", "1"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "Overgeslagen: leerling 002" in result.output
    assert "Blad 'Leerlingen', rij 3, kolom 'Geboortedatum'" in result.output
    assert "2 documenten geschreven" in result.output
    again = CliRunner().invoke(cli, ["render", str(wb), "--templates", str(tpl), "--uit", str(tmp_path / "uit"),
                                     "--datum", "22-11-2026", "--jobs", "1"], catch_exceptions=False)
    assert again.exit_code == 1 and "0 documenten geschreven" in again.output and "2 ongewijzigd" in again.output
    assert "Traceback" not in again.output and "al in" not in again.output


def test_cli_render_elsewhere_says_where_the_unchanged_documents_are(tmp_path):
    """A document is written once per version: a second --uit writes nothing unchanged there, and says where it
    is, so an empty folder is not a mystery."""
    wb = workbook(tmp_path, [leerling("001")], [ouder("001")])
    tpl = own_templates(tmp_path / "tpl")

    def render_naar(map_: str):
        return CliRunner().invoke(cli, ["render", str(wb), "--templates", str(tpl), "--uit", str(tmp_path / map_),
                                        "--datum", "22-11-2026", "--jobs", "1"], catch_exceptions=False)

    assert render_naar("eerst").exit_code == 0
    elders = render_naar("later")
    assert elders.exit_code == 0 and "0 documenten geschreven" in elders.output
    assert str(tmp_path / "eerst") in "".join(elders.output.split())
    assert not (tmp_path / "later").exists() or not any((tmp_path / "later").iterdir())


def test_cli_templates_check_reports_unknown_variables(tmp_path):
    tpl = mini_template(tmp_path / "eigen.docx", ["{{ leerling.naam }} {{ onbekend_ding }}"])
    result = CliRunner().invoke(cli, ["templates", "check", str(tpl)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "onbekend_ding" in result.output


def test_cli_templates_export_then_render_with_them(tmp_path):
    target = tmp_path / "mijn"
    result = CliRunner().invoke(cli, ["templates", "export", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (target / "opp.docx").is_file()
    again = CliRunner().invoke(cli, ["templates", "export", str(target)], catch_exceptions=False)
    assert again.exit_code == 2 and "--force" in again.output


def test_a_class_that_matches_nothing_is_named_as_typed_with_the_classes_that_exist(tmp_path):
    wb = workbook(tmp_path, [leerling("001"), leerling("002", klas="PrO 3A")], [ouder("001"), ouder("002")])
    with pytest.raises(OppError) as exc:
        render(open_invoer(wb, DATUM), uit=tmp_path / "c", templates=own_templates(tmp_path / "t"), jobs=1,
               klassen=["PrO 2C"])
    assert "PrO 2C" in exc.value.bericht and "pro 2c" not in exc.value.bericht
    assert "PrO 2B" in exc.value.bericht and "PrO 3A" in exc.value.bericht
    result = render(open_invoer(wb, DATUM), uit=tmp_path / "d", templates=tmp_path / "t", jobs=1,
                    klassen=["pro  3a"])  # case and spacing as typed do not matter
    assert {p.name[:3] for p in result.geschreven} == {"002"}
