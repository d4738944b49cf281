"""Templates survive the editors schools use: LibreOffice's save and Word's XML habits.

Every default template, saved unchanged by LibreOffice or rewritten the way Word writes (a habit per test,
built here by XML manipulation), checks clean and renders the same text as the original for the demo class.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from opp.data import demo_folder
from opp.documenten import DOCUMENTEN
from opp.dossier.maken import voorbeeld_context
from opp.invoer import open_invoer
from opp.render.compiled import CompiledTemplate
from opp.render.context import pupil_context
from opp.render.environment import make_environment
from opp.render.preview import DEMO_DATUM, check_template_against_demo
from opp.render.templates import TEMPLATE_NAMES, default_template_dir
from opp.ronde.brieven import voorbeeld_brief_context

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")


@pytest.fixture(scope="module")
def contexts() -> dict[str, list[dict]]:
    """Every demo pupil's context per template: the class the texts are compared on."""
    with open_invoer(demo_folder() / "werkboek.xlsx", DEMO_DATUM) as invoer:
        dossiers = invoer.bruikbare_dossiers()
        pupil = [pupil_context(d, invoer.vereis_bruikbaar(), DEMO_DATUM, invoer.settings) for d in dossiers]
        out = {name: [dict(c, document_titel=DOCUMENTEN[name].titel) for c in pupil] for name in ("opp", "iop")}
        out["kernteam"] = [dict(c, document_titel=DOCUMENTEN["kernteam"].titel)
                           for c, d in zip(pupil, dossiers, strict=True) if d.kernteam]
        out["tlv"] = [voorbeeld_context(invoer, d.leerlingnummer) for d in dossiers if d.tlv]
        out["brief"] = [voorbeeld_brief_context(invoer, d.leerlingnummer) for d in dossiers]
    assert len(out["opp"]) >= 10 and out["tlv"]
    return out


@pytest.fixture(scope="module")
def originals(contexts) -> dict[str, list[list[str]]]:
    return {name: rendered_text(_template(name), contexts[name]) for name in TEMPLATE_NAMES}


def rendered_text(template: Path, contexts: list[dict]) -> list[list[str]]:
    """Per pupil the paragraphs of body, headers and footers (headers and footers in a stable order)."""
    compiled = CompiledTemplate(template, make_environment())
    return [_docx_text(compiled.render(context)) for context in contexts]


def _docx_text(data: bytes) -> list[str]:
    import io

    body, rest = [], []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in sorted(zf.namelist()):
            if _PART.match(name):
                root = etree.fromstring(zf.read(name))
                paras = [_paragraph_text(p) for p in root.iter(f"{W}p")]
                (body if name == "word/document.xml" else rest).append("\n".join(paras).strip())
    return body + sorted(rest)


def _paragraph_text(p) -> str:
    """The paragraph's text as a reader sees it. Left out: field results, the editor's cached values
    (LibreOffice stores 'pagina 3 van 3' where ours say 'pagina 1 van 1', recomputed on opening), and page
    breaks (LibreOffice writes a paragraph's 'page break before' as a break in it). A soft hyphen is one
    whether it is a character or LibreOffice's <w:softHyphen/>."""
    out, in_result = [], 0
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}fldChar", f"{W}softHyphen", f"{W}noBreakHyphen"):
        if el.tag == f"{W}fldChar":
            kind = el.get(f"{W}fldCharType")
            in_result += 1 if kind == "separate" else (-1 if kind == "end" and in_result else 0)
        elif not in_result and not any(a.tag == f"{W}fldSimple" for a in el.iterancestors()):
            out.append(_SPECIAL.get(el.tag, el.text or "") if el.get(f"{W}type") != "page" else "")
    return "".join(out)


_SPECIAL = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}softHyphen": "\u00ad", f"{W}noBreakHyphen": "\u2011"}


def _template(name: str) -> Path:
    return default_template_dir() / f"{name}.docx"


def _mutated(name: str, mutate, folder: Path) -> tuple[Path, int]:
    """A copy of a default template with `mutate` applied to the text of every rendered part."""
    source, target = _template(name), folder / f"{name}.docx"
    folder.mkdir(parents=True, exist_ok=True)
    changes = 0
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if _PART.match(info.filename):
                xml, n = mutate(data.decode("utf-8"))
                data, changes = xml.encode("utf-8"), changes + n
            zout.writestr(info, data)
    return target, changes


# --- Word's habits, each as a rewrite of the runs that hold a tag ----------------------------------------

_TAG_RUN = re.compile(r"<w:r>(<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>|<w:rPr/>)?<w:t(?: xml:space=\"preserve\")?>"
                      r"([^<]*\{[{%][^<]*)</w:t></w:r>", re.DOTALL)
_ids = itertools.count(9000)


def _split_point(text: str) -> int:
    """A place inside the first tag, not inside an XML entity: the middle of its expression."""
    start = re.search(r"\{[{%]", text).start()
    end = text.find("}" if text[start + 1] == "{" else "%", start + 2)
    pos = (start + 2 + end) // 2
    while "&" in text[max(pos - 6, 0):pos] and ";" not in text[text.rfind("&", 0, pos):pos]:
        pos += 1  # step out of an entity
    return pos


def _runs(rpr: str, parts: list[str], rsids=None, rprs=None) -> list[str]:
    out = []
    for i, text in enumerate(parts):
        attr = f' w:rsidR="{rsids[i]}" w:rsidRPr="{rsids[i]}"' if rsids else ""
        props = rprs[i] if rprs else (rpr or "")
        out.append(f'<w:r{attr}>{props}<w:t xml:space="preserve">{text}</w:t></w:r>')
    return out


def _per_tag_run(xml: str, rewrite) -> tuple[str, int]:
    return _TAG_RUN.subn(lambda m: rewrite(m.group(1) or "", m.group(2)), xml)


def habit_rsid_split(xml: str):
    def rewrite(rpr, text):
        p = _split_point(text)
        return "".join(_runs(rpr, [text[:p], text[p:]], rsids=["00A1B2C3", "00D4E5F6"]))
    return _per_tag_run(xml, rewrite)


def habit_proof_error(xml: str):
    def rewrite(rpr, text):
        p = _split_point(text)
        first, second = _runs(rpr, [text[:p], text[p:]])
        return first + '<w:proofErr w:type="spellStart"/>' + second + '<w:proofErr w:type="spellEnd"/>'
    return _per_tag_run(xml, rewrite)


def habit_language_change(xml: str):
    def rewrite(rpr, text):
        p = _split_point(text)
        inner = rpr.replace("<w:rPr/>", "").replace("<w:rPr>", "").replace("</w:rPr>", "")
        lang = f'<w:rPr>{inner}<w:lang w:val="en-US" w:eastAsia="nl-NL"/></w:rPr>'
        return "".join(_runs(rpr, [text[:p], text[p:]], rprs=[rpr, lang]))
    return _per_tag_run(xml, rewrite)


def habit_bookmarks(xml: str):
    def rewrite(rpr, text):
        a, b = next(_ids), next(_ids)
        p = _split_point(text)
        first, second = _runs(rpr, [text[:p], text[p:]])
        return (f'<w:bookmarkStart w:id="{a}" w:name="_Ref{a}"/>{first}'
                f'<w:bookmarkStart w:id="{b}" w:name="_GoBack"/><w:bookmarkEnd w:id="{b}"/>'
                f'{second}<w:bookmarkEnd w:id="{a}"/>')
    return _per_tag_run(xml, rewrite)


def habit_field_codes(xml: str):
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref1 \\h '
             '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')

    def rewrite(rpr, text):
        return field + "".join(_runs(rpr, [text])) + '<w:fldSimple w:instr=" PAGE "/>' + field
    return _per_tag_run(xml, rewrite)


def habit_curly_quotes(xml: str):
    """Word's AutoFormat turns quotes typed into an expression into curly ones (Dutch: „..." too)."""
    count = 0

    def in_tag(m):
        nonlocal count
        tag = m.group(0)
        tag, a = re.subn(r"'([^'<]*)'", "\u2018\\1\u2019", tag)
        tag, b = re.subn(r'"([^"<]*)"', "\u201e\\1\u201d", tag)
        count += a + b
        return tag
    return re.sub(r"\{\{[^<]*?\}\}|\{%[^<]*?%\}", in_tag, xml), count


HABITS = [habit_rsid_split, habit_proof_error, habit_language_change, habit_bookmarks, habit_field_codes,
          habit_curly_quotes]


@pytest.mark.parametrize("habit", HABITS, ids=lambda h: h.__name__.removeprefix("habit_"))
def test_word_habit_checks_clean_and_renders_the_same_text(habit, contexts, originals, tmp_path):
    total = 0
    for name in TEMPLATE_NAMES:
        mutated, changes = _mutated(name, habit, tmp_path / habit.__name__)
        total += changes
        assert check_template_against_demo(mutated) == [], name
        assert rendered_text(mutated, contexts[name]) == originals[name], name
    assert total >= 10  # the habit really was applied to our templates


# --- LibreOffice: open and save unchanged --------------------------------------------------------------

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("libreoffice")
    src, out = base / "sjablonen", base / "opgeslagen"
    src.mkdir()
    for name in TEMPLATE_NAMES:
        shutil.copyfile(_template(name), src / f"{name}.docx")
    subprocess.run(["soffice", f"-env:UserInstallation={(base / 'profiel').as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                    *[str(src / f"{n}.docx") for n in TEMPLATE_NAMES]],
                   check=True, capture_output=True, timeout=180)
    return out


@pytest.mark.libreoffice
@needs_soffice
@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_template_saved_by_libreoffice_checks_clean_and_renders_the_same_text(name, saved_by_libreoffice, contexts,
                                                                             originals):
    saved = saved_by_libreoffice / f"{name}.docx"
    assert saved.read_bytes() != _template(name).read_bytes()
    assert check_template_against_demo(saved) == []
    assert rendered_text(saved, contexts[name]) == originals[name]
