"""The compiled parts kept between runs (opp/render/jinja_cache.py) and the skipped listing pass: the same
documents as compiling afresh and always running docxtpl's resolve_listing."""

import os
import stat
import zipfile

import pytest
from docxtpl import DocxTemplate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opp.render import jinja_cache
from opp.render.compiled import CompiledTemplate
from opp.render.environment import make_environment
from render_helpers import mini_template


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "opp" / "sjablonen"


CONTEXT = {"leerling": {"naam": "Sem O'Brien & Zn", "inbreng_leerling": "eerste regel\ntweede\tmet tab"},
           "document_titel": "OPP", "didactiek": [{"onderdeel": "lezen", "leerachterstand": "0,5"}]}


def _parts(docx: bytes) -> dict[str, bytes]:
    import io

    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_a_second_run_takes_the_compiled_parts_from_the_cache_and_writes_the_same(cache, tmp_path, monkeypatch):
    tpl = mini_template(tmp_path / "t.docx")
    eerste = CompiledTemplate(tpl, make_environment()).render(CONTEXT)
    assert len(list(cache.glob("*.bin"))) == 2  # the body and the footer
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in cache.glob("*.bin"))

    def niet_compileren(*args, **kwargs):
        raise AssertionError("compiled by an earlier run")

    env = make_environment()
    monkeypatch.setattr(env, "compile", niet_compileren)
    tweede = CompiledTemplate(tpl, env)
    assert tweede.render(CONTEXT) == eerste
    assert tweede.sources == CompiledTemplate(tpl, make_environment()).sources  # messages still show the source


def test_a_damaged_or_foreign_cache_is_not_used(cache, tmp_path):
    tpl = mini_template(tmp_path / "t.docx")
    goed = CompiledTemplate(tpl, make_environment()).render(CONTEXT)
    for f in cache.glob("*.bin"):
        f.write_bytes(b"\x00kapot")
    assert CompiledTemplate(tpl, make_environment()).render(CONTEXT) == goed  # compiled again, and stored again
    assert all(jinja_cache.lees(f.stem) is not None for f in cache.glob("*.bin"))
    os.chmod(cache, 0o777)  # others could have written code there: not trusted
    assert all(jinja_cache.lees(f.stem) is None for f in cache.glob("*.bin"))
    assert CompiledTemplate(tpl, make_environment()).render(CONTEXT) == goed


def test_a_template_that_does_not_compile_is_not_cached(cache, tmp_path):
    from opp.render.compiled import TemplateFout

    tpl = mini_template(tmp_path / "kapot.docx", ["{{ leerling.naam "], footer="Vertrouwelijk")
    for _ in range(2):
        with pytest.raises(TemplateFout):
            CompiledTemplate(tpl, make_environment())
    assert not cache.exists() or not list(cache.glob("*.bin"))


def test_the_key_changes_with_the_template_xml(cache):
    assert jinja_cache.sleutel("<w:t>{{ a }}</w:t>") != jinja_cache.sleutel("<w:t>{{ b }}</w:t>")
    assert jinja_cache.sleutel("<w:t>{{ a }}</w:t>") == jinja_cache.sleutel("<w:t>{{ a }}</w:t>")


def test_old_files_are_pruned(cache, monkeypatch):
    monkeypatch.setattr(jinja_cache, "HOOGSTENS", 3)
    env = make_environment()
    for i in range(6):
        jinja_cache.bewaar(f"k{i}", "x", env.compile(f"{{{{ {i} }}}}"))
        os.utime(cache / f"k{i}.bin", (i, i))
    assert sorted(f.stem for f in cache.glob("*.bin")) == ["k3", "k4", "k5"]


TEKST = st.text(alphabet=st.sampled_from(list("ab &<>'\"\t\n\a\f é")), max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(naam=TEKST, inbreng=TEKST)
def test_the_listing_pass_is_skipped_only_where_it_changes_nothing(tmp_path, naam, inbreng):
    tpl = tmp_path / "t.docx"
    if not tpl.exists():
        mini_template(tpl)
    compiled = CompiledTemplate(tpl, make_environment())
    context = {**CONTEXT, "leerling": {"naam": naam, "inbreng_leerling": inbreng}}
    helper = DocxTemplate(str(tpl))
    for name, part in compiled._parts.items():
        uit = compiled._render_part(part, context)
        assert helper.resolve_listing(uit) == uit, name  # nothing left for it to do
    body = _parts(compiled.render(context))["word/document.xml"].decode()
    assert ("<w:br/>" in body) == ("\n" in inbreng or "\n" in naam)
    assert ("<w:tab/>" in body) == ("\t" in inbreng or "\t" in naam)
