"""Build the default Word templates: templates/opp.docx, iop.docx and kernteam.docx.

    python scripts/make_templates.py            # writes into templates/
    python scripts/make_templates.py --uit MAP  # writes elsewhere (to compare)

The templates are generated so their design lives in one readable place and every change is reviewable.
The output is deterministic (fixed zip timestamps and core properties): rebuilding without a change gives
byte-identical files. Templates use only the keys of opp.render.context.pupil_context, with docxtpl tags:
{%p %} paragraph-level, {%tr %} row-level; they render in the strict, sandboxed environment of
opp.render.environment.

Design: A4, Calibri (Carlito is its metric twin, so LibreOffice paginates as Word), dark blue headings on
real Word heading styles (the navigation pane and a table of contents work), light grey table header rows
repeated on every page, bullets as List Bullet paragraphs, a header with the school's details and a footer
with "Vertrouwelijk", the pupil's name and "pagina X van Y" as PAGE / NUMPAGES fields.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Twips

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))  # docx_lean, also when imported by a test

from docx_lean import lean_package  # noqa: E402
from opp.files import atomic_write_bytes  # noqa: E402

# ---------------------------------------------------------------------------------------------------------------
# The house style: colours, font, sizes (half-points), measures (twentieths of a point) and page.
# ---------------------------------------------------------------------------------------------------------------
FONT = "Calibri"
DONKERBLAUW = "1F3864"
BLAUW = "2E5496"
LIJNBLAUW = "8EAADB"
TEKSTGRIJS = "595959"
RANDGRIJS = "BFBFBF"
KOPGRIJS = "E7E6E6"      # table header rows
LABELGRIJS = "F2F2F2"    # label column of a key/value table
DOMEINBLAUW = "EAF0F8"   # a group row inside a table (a domain, a support line)
KADERBLAUW = "EAF0F8"    # the title block
GROEN, GROENRAND = "E2EFDA", "548235"
ORANJE, ORANJERAND = "FBE4D5", "C55A11"

PAGINA_BREEDTE, PAGINA_HOOGTE = Twips(11906), Twips(16838)  # A4 exactly as Word writes it
MARGE_LINKS = MARGE_RECHTS = Cm(2.2)
MARGE_BOVEN, MARGE_ONDER = Cm(3.0), Cm(2.2)
TEKSTBREEDTE_CM = 21.0 - 2.2 - 2.2  # 16.6 cm
TWIPS_PER_CM = 567

LEEG = "Geen gegevens ingevuld"
NOG_NIET = "Nog niet ingevuld"  # a legal part of the OPP still empty: the plan is a concept
VASTE_DATUM = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # core properties: deterministic output
ZIP_DATUM = (1980, 1, 1, 0, 0, 0)


def twips(cm: float) -> int:
    return round(cm * TWIPS_PER_CM)


# ---------------------------------------------------------------------------------------------------------------
# Styles, written as WordprocessingML so every property is explicit (and no theme font sneaks in).
# ---------------------------------------------------------------------------------------------------------------
def _rpr(size: float | None = None, color: str | None = None, bold: bool = False, italic: bool = False,
         caps: bool = False, spacing: int | None = None) -> str:
    parts = [f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>']
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if caps:
        parts.append("<w:caps/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if spacing is not None:
        parts.append(f'<w:spacing w:val="{spacing}"/>')
    if size:
        parts.append(f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def _paragraph_style(style_id: str, name: str, ppr: str, rpr: str, based_on: str | None = "Normal",
                     next_style: str | None = None, ui_priority: int | None = None, custom: bool = False) -> str:
    return (
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{style_id}"'
        + (' w:default="1"' if style_id == "Normal" else "")
        + (' w:customStyle="1"' if custom else "") + ">"
        + f'<w:name w:val="{name}"/>'
        + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
        + (f'<w:next w:val="{next_style}"/>' if next_style else "")
        + (f'<w:uiPriority w:val="{ui_priority}"/>' if ui_priority is not None else "")
        + "<w:qFormat/>"
        + f"<w:pPr>{ppr}</w:pPr>{rpr}</w:style>"
    )


def _spacing(before: float = 0, after: float = 0, line: float | None = None) -> str:
    line_attr = f' w:line="{round(line * 240)}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{round(before * 20)}" w:after="{round(after * 20)}"{line_attr}/>'


HEADING_NUMBERING_ID = 20  # numId of the "1", "1.1" heading numbering (OPP and kernteam)
BULLET_NUMBERING_ID = 21   # numId of the List Bullet bullets


def _styles(numbered_headings: bool) -> list[str]:
    def numpr(level: int) -> str:
        if not numbered_headings:
            return ""
        return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{HEADING_NUMBERING_ID}"/></w:numPr>'

    # No rule under Heading 1: LibreOffice miscounts a paragraph border when keeping a heading with the
    # next paragraph, and left a heading alone at the foot of a page.
    return [
        _paragraph_style("Normal", "Normal", "<w:widowControl/>" + _spacing(0, 6, 1.1) + '<w:jc w:val="left"/>',
                         _rpr(10.5), based_on=None),
        _paragraph_style("Heading1", "heading 1",
                         "<w:keepNext/><w:keepLines/>" + numpr(0) + _spacing(20, 6)
                         + '<w:outlineLvl w:val="0"/>',
                         _rpr(14, DONKERBLAUW, bold=True), next_style="Normal", ui_priority=9),
        _paragraph_style("Heading2", "heading 2",
                         "<w:keepNext/><w:keepLines/>" + numpr(1) + _spacing(12, 4) + '<w:outlineLvl w:val="1"/>',
                         _rpr(12, BLAUW, bold=True), next_style="Normal", ui_priority=9),
        _paragraph_style("Heading3", "heading 3",
                         "<w:keepNext/><w:keepLines/>" + _spacing(8, 2) + '<w:outlineLvl w:val="2"/>',
                         _rpr(10.5, DONKERBLAUW, bold=True), next_style="Normal", ui_priority=9),
        _paragraph_style("Title", "Title", _spacing(0, 2, 1.0), _rpr(24, DONKERBLAUW, bold=True, spacing=-4),
                         next_style="Subtitle", ui_priority=10),
        _paragraph_style("Subtitle", "Subtitle", _spacing(0, 10, 1.0), _rpr(15, BLAUW),
                         next_style="Normal", ui_priority=11),
        _paragraph_style("ListBullet", "List Bullet",
                         f'<w:numPr><w:numId w:val="{BULLET_NUMBERING_ID}"/></w:numPr>' + _spacing(0, 3)
                         + '<w:ind w:left="284" w:hanging="284"/>',
                         _rpr(), ui_priority=99),
        _paragraph_style("Header", "header",
                         f'<w:tabs><w:tab w:val="right" w:pos="{twips(TEKSTBREEDTE_CM)}"/></w:tabs>'
                         + _spacing(0, 0, 1.0), _rpr(8.5, TEKSTGRIJS)),
        _paragraph_style("Footer", "footer",
                         f'<w:tabs><w:tab w:val="right" w:pos="{twips(TEKSTBREEDTE_CM)}"/></w:tabs>'
                         + _spacing(0, 0, 1.0), _rpr(8.5, TEKSTGRIJS)),
        _paragraph_style("Tabeltekst", "Tabeltekst", _spacing(0, 0, 1.05), _rpr(10), custom=True),
        _paragraph_style("Tabelkop", "Tabelkop", "<w:keepNext/>" + _spacing(0, 0, 1.0),
                         _rpr(9.5, DONKERBLAUW, bold=True), based_on="Tabeltekst", custom=True),
        _paragraph_style("Toelichting", "Toelichting", _spacing(3, 6, 1.05), _rpr(9, TEKSTGRIJS), custom=True),
        _paragraph_style("Afstand", "Afstand", _spacing(0, 0, 1.0), _rpr(4), custom=True),
        _paragraph_style("Inleiding", "Inleiding", _spacing(0, 8, 1.15), _rpr(10.5, "404040"), custom=True),
        _paragraph_style("Citaat", "Citaat",
                         f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{LIJNBLAUW}"/></w:pBdr>'
                         + _spacing(2, 6, 1.15) + '<w:ind w:left="227" w:right="227"/>',
                         _rpr(10.5, "404040", italic=True), custom=True),
    ]


def _numbering() -> tuple[list[str], list[str]]:
    """The heading numbering (1 / 1.1) and the bullet definition, as abstractNum and num elements."""
    heading = (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{HEADING_NUMBERING_ID}">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>'
        '<w:lvlText w:val="%1"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:tabs><w:tab w:val="num" w:pos="567"/></w:tabs><w:ind w:left="567" w:hanging="567"/></w:pPr>'
        '</w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/>'
        '<w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:tabs><w:tab w:val="num" w:pos="567"/></w:tabs><w:ind w:left="567" w:hanging="567"/></w:pPr>'
        '</w:lvl>'
        '</w:abstractNum>'
    )
    bullet = (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{BULLET_NUMBERING_ID}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:pStyle w:val="ListBullet"/>'
        '<w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:tabs><w:tab w:val="num" w:pos="284"/></w:tabs><w:ind w:left="284" w:hanging="284"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:hint="default"/><w:color w:val="{BLAUW}"/></w:rPr>'
        '</w:lvl>'
        '</w:abstractNum>'
    )
    nums = [
        f'<w:num {nsdecls("w")} w:numId="{nummering}"><w:abstractNumId w:val="{nummering}"/></w:num>'
        for nummering in (HEADING_NUMBERING_ID, BULLET_NUMBERING_ID)
    ]
    return [heading, bullet], nums


# ---------------------------------------------------------------------------------------------------------------
# Content specs: a paragraph (P), a table cell (C), a tag row of a table (Tag) and a group row (Groep).
# ---------------------------------------------------------------------------------------------------------------
@dataclass
class P:
    """A paragraph. `text` may mark bold parts with **...**; Jinja tags stay inside one run."""

    text: str
    style: str | None = None
    keep_next: bool = False
    bold: bool = False
    color: str | None = None
    size: float | None = None
    align: str | None = None


@dataclass
class C:
    """A table cell: one or more paragraphs."""

    paragraphs: list
    fill: str | None = None
    span: int = 1


@dataclass
class Tag:
    """A row that holds only a docxtpl row tag ({%tr ... %}); it disappears when rendered."""

    text: str


@dataclass
class Groep:
    """A row over the full width: the name of a group (a domain, a support line)."""

    text: str
    fill: str = DOMEINBLAUW


@dataclass
class Rij:
    cells: list
    height_cm: float | None = None
    cant_split: bool = True
    keep_next: bool = False


@dataclass
class Kolom:
    kop: str
    breedte_cm: float


@dataclass
class Tabel:
    kolommen: list[Kolom]
    rijen: list = field(default_factory=list)
    kop: bool = True
    label_kolom: bool = False  # a key/value table: the first column shaded and bold
    rand: str = RANDGRIJS
    keep_together: bool = False
    # A sentence over the full width above the column headers ('Met mijn handtekening ...'): inside the table,
    # because LibreOffice may leave a heading alone at the foot of a page when a paragraph stands between it
    # and the table it keeps with.
    verklaring: str | None = None


# ---------------------------------------------------------------------------------------------------------------
# The builder: a python-docx Document with the house style, plus helpers that write the specs.
# ---------------------------------------------------------------------------------------------------------------
class Sjabloon:
    def __init__(self, titel: str, numbered_headings: bool) -> None:
        self.titel = titel
        self.doc = Document()
        self._page()
        self._install_styles(numbered_headings)
        self._install_numbering()
        self._settings()
        props = self.doc.core_properties
        # Only Dublin Core properties: once docxtpl (docxcompose) is imported, python-docx writes
        # lastModifiedBy and revision in the wrong namespace, and the build must not depend on imports.
        props.title, props.author = titel, "opp"
        props.created = props.modified = VASTE_DATUM
        props.comments = ""
        props.language = "nl-NL"

    # -- setup ------------------------------------------------------------------------------------------------
    def _page(self) -> None:
        s = self.doc.sections[0]
        s.page_width, s.page_height = PAGINA_BREEDTE, PAGINA_HOOGTE
        s.left_margin, s.right_margin = MARGE_LINKS, MARGE_RECHTS
        s.top_margin, s.bottom_margin = MARGE_BOVEN, MARGE_ONDER
        s.header_distance, s.footer_distance = Cm(1.0), Cm(1.0)

    def _install_styles(self, numbered_headings: bool) -> None:
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        defaults.getparent().remove(defaults)
        styles.insert(0, parse_xml(
            f'<w:docDefaults {nsdecls("w")}><w:rPrDefault>'
            f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
            '<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="nl-NL" w:eastAsia="en-US" w:bidi="ar-SA"/>'
            '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>' + _spacing(0, 6, 1.1) + '</w:pPr></w:pPrDefault>'
            '</w:docDefaults>'))
        self.huisstijlen = set()
        for xml in _styles(numbered_headings):
            new = parse_xml(xml)
            style_id = new.get(qn("w:styleId"))
            self.huisstijlen.add(style_id)
            for old in styles.findall(qn("w:style")):
                if old.get(qn("w:styleId")) == style_id:
                    styles.remove(old)
            styles.append(new)
        # No theme fonts anywhere: every style names Calibri itself.
        for rfonts in styles.iter(qn("w:rFonts")):
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                rfonts.attrib.pop(qn(attr), None)
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                if rfonts.get(qn(attr)) in (None, "Cambria", "Calibri Light"):
                    rfonts.set(qn(attr), FONT)

    def _install_numbering(self) -> None:
        numbering = self.doc.part.numbering_part.element
        abstracts, nums = _numbering()
        first_num = numbering.find(qn("w:num"))
        for xml in abstracts:
            first_num.addprevious(parse_xml(xml))
        for xml in nums:
            numbering.append(parse_xml(xml))

    def _settings(self) -> None:
        settings = self.doc.settings.element
        for tag, value in (("w:themeFontLang", "nl-NL"),):
            el = settings.find(qn(tag))
            if el is not None:
                el.set(qn("w:val"), value)
        # Word 2013+ layout: a table's border (not its text) lines up with the page margin.
        for compat in settings.iter(qn("w:compatSetting")):
            if compat.get(qn("w:name")) == "compatibilityMode":
                compat.set(qn("w:val"), "15")
        decimal = settings.find(qn("w:decimalSymbol"))
        if decimal is not None:
            decimal.set(qn("w:val"), ",")
        separator = settings.find(qn("w:listSeparator"))
        if separator is not None:
            separator.set(qn("w:val"), ";")

    # -- header and footer ------------------------------------------------------------------------------------
    def kop_en_voet(self, concept: bool = False) -> None:
        """The header and footer on every page; `concept`: an OPP that lacks a legal part says CONCEPT there."""
        section = self.doc.sections[0]
        header = section.header
        header.is_linked_to_previous = False
        first = header.paragraphs[0]
        first.style = self.doc.styles["Header"]
        self._runs(first, "{{ school.naam }}", bold=True, color=DONKERBLAUW, size=10)
        self._runs(first, "\t")
        if concept:
            self._runs(first, "{% if is_concept %}CONCEPT  \u00b7  {% endif %}", bold=True, color=ORANJERAND, size=10)
        self._runs(first, self.titel, color=TEKSTGRIJS, size=8.5)
        second = header.add_paragraph(style="Header")
        self._runs(second, "{{ school.adresregel }}\tSchooljaar {{ school.schooljaar }}")
        third = header.add_paragraph(style="Header")
        self._runs(third, "{{ school.contactregel }}")
        _set_ppr(third, "w:pBdr", parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="6" w:color="{LIJNBLAUW}"/></w:pBdr>'))

        footer = section.footer
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = self.doc.styles["Footer"]
        _set_ppr(p, "w:pBdr", parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="4" w:space="6" w:color="{LIJNBLAUW}"/></w:pBdr>'))
        self._runs(p, "Vertrouwelijk", bold=True)
        self._runs(p, "  \u00b7  {{ leerling.naam }}  \u00b7  " + self.titel + "\tpagina ")
        _field(p, "PAGE")
        self._runs(p, " van ")
        _field(p, "NUMPAGES")
        # The version the register gave this document (empty outside a render, e.g. a dossier's copy).
        versie = footer.add_paragraph(style="Footer")
        self._runs(versie, "{% if versie %}Versie {{ versie }}  \u00b7  {{ document_datum }}  \u00b7  "
                           "{{ versie_status }}{% endif %}")

    # -- paragraphs -------------------------------------------------------------------------------------------
    def p(self, spec: P | str, container=None):
        spec = P(spec) if isinstance(spec, str) else spec
        container = container if container is not None else self.doc
        paragraph = container.add_paragraph(style=spec.style) if spec.style else container.add_paragraph()
        self._fill(paragraph, spec)
        return paragraph

    def _fill(self, paragraph, spec: P) -> None:
        if spec.style and paragraph.style.name != self.doc.styles[spec.style].name:
            paragraph.style = self.doc.styles[spec.style]
        if spec.keep_next:
            paragraph.paragraph_format.keep_with_next = True
        if spec.align == "right":
            paragraph.paragraph_format.alignment = 2
        self._runs(paragraph, spec.text, bold=spec.bold, color=spec.color, size=spec.size)

    @staticmethod
    def _runs(paragraph, text: str, bold: bool = False, color: str | None = None, size: float | None = None):
        for i, part in enumerate(text.split("**")):
            if not part:
                continue
            for j, piece in enumerate(part.split("\t")):
                if j:
                    paragraph.add_run().add_tab()
                if not piece:
                    continue
                run = paragraph.add_run(piece)
                run.bold = bold or (i % 2 == 1) or None
                if color:
                    run.font.color.rgb = _rgb(color)
                if size:
                    run.font.size = _pt(size)

    def tag(self, text: str) -> None:
        """A paragraph that holds only a docxtpl paragraph tag ({%p ... %}); it disappears when rendered."""
        self.doc.add_paragraph(text)

    def h1(self, text: str, nieuwe_pagina: bool = False) -> None:
        paragraph = self.doc.add_paragraph(text, style="Heading 1")
        if nieuwe_pagina:
            paragraph.paragraph_format.page_break_before = True

    def afstand(self) -> None:
        """A few points of space that also ends a keep-with-next chain (so blocks do not glue together)."""
        self.p(P("", style="Afstand"))

    def h2(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Heading 2")

    def h3(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Heading 3")

    def leeg(self, style: str | None = None) -> None:
        self.p(P(LEEG, style=style))

    def opsomming(self, lijst: str, item: str, var: str = "x") -> None:
        """Bullets for a list of the context, or 'Geen gegevens ingevuld' when it is empty."""
        self.tag(f"{{%p for {var} in {lijst} %}}")
        self.p(P(item, style="List Bullet"))
        self.tag("{%p endfor %}")
        self.tag(f"{{%p if not {lijst} %}}")
        self.leeg()
        self.tag("{%p endif %}")

    def tekstblok(self, expr: str, style: str | None = None) -> None:
        """One value of the context that may hold several lines (docxtpl keeps them as line breaks)."""
        self.p(P("{{ " + expr + " }}", style=style))

    # -- title block -----------------------------------------------------------------------------------------
    def titelblok(self, titel: str, ondertitel: str, gegevens: list[tuple[str, str]]) -> None:
        self.p(P(titel, style="Title"))
        self.p(P(ondertitel, style="Subtitle"))
        breedtes = [2.9, 5.4, 3.0, 5.3]
        rijen = []
        for i in range(0, len(gegevens), 2):
            cells = []
            for label, value in gegevens[i:i + 2]:
                cells.append(C([P(label, style="Tabeltekst", color=TEKSTGRIJS)]))
                cells.append(C([P(value, style="Tabeltekst", bold=True)]))
            rijen.append(Rij(cells))
        tabel = Tabel([Kolom("", b) for b in breedtes], rijen, kop=False, rand=None)
        table = self.tabel(tabel)
        _table_fill(table, KADERBLAUW)
        _table_margins(table, top=70, bottom=70, left=140, right=100)
        self.p(P("", style="Toelichting"))

    def kader(self, paragraphs: list[P], fill: str, rand: str) -> None:
        """A shaded box with a coloured left edge: a one-cell table, so Word and LibreOffice agree."""
        table = self.tabel(Tabel([Kolom("", TEKSTBREEDTE_CM)], [Rij([C(paragraphs, fill=fill)])], kop=False,
                                 rand=None))
        tc_pr = table._tbl.tr_lst[0].tc_lst[0].get_or_add_tcPr()
        borders = parse_xml(f'<w:tcBorders {nsdecls("w")}><w:left w:val="single" w:sz="36" w:space="0" '
                            f'w:color="{rand}"/></w:tcBorders>')
        _insert_ordered(tc_pr, borders, TCPR_ORDER)
        _table_margins(table, top=100, bottom=100, left=200, right=160)

    # -- tables -----------------------------------------------------------------------------------------------
    def tabel(self, spec: Tabel):
        kolommen = spec.kolommen
        table = self.doc.add_table(rows=0, cols=len(kolommen))
        tbl = table._tbl
        _table_properties(tbl, sum(k.breedte_cm for k in kolommen), spec.rand)
        grid = tbl.tblGrid
        for gridcol, kolom in zip(grid.findall(qn("w:gridCol")), kolommen, strict=True):
            gridcol.set(qn("w:w"), str(twips(kolom.breedte_cm)))
        if spec.verklaring:
            row = table.add_row()
            _row_properties(row, header=True, cant_split=True)
            self._merged_row(row, kolommen, C([P(spec.verklaring, style="Tabeltekst", keep_next=True)]))
        if spec.kop:
            row = table.add_row()
            _row_properties(row, header=True, cant_split=True)
            for cell, kolom in zip(row.cells, kolommen, strict=True):
                self._cell(cell, C([P(kolom.kop, style="Tabelkop")], fill=KOPGRIJS), kolom.breedte_cm)
                _cell_valign(cell, "center")
        laatste = max((i for i, r in enumerate(spec.rijen) if isinstance(r, Rij)), default=-1)
        for index, rij in enumerate(spec.rijen):
            if isinstance(rij, Tag):
                row = table.add_row()
                self._merged_row(row, kolommen, C([P(rij.text, style="Tabeltekst")]))
                continue
            if isinstance(rij, Groep):
                row = table.add_row()
                _row_properties(row, cant_split=True)
                self._merged_row(row, kolommen, C([P(rij.text, style="Tabeltekst", bold=True, color=DONKERBLAUW,
                                                     keep_next=True)], fill=rij.fill))
                continue
            row = table.add_row()
            _row_properties(row, cant_split=rij.cant_split, height_cm=rij.height_cm)
            cells, col = row.cells, 0
            for c in rij.cells:
                c = c if isinstance(c, C) else C([c])
                width = sum(k.breedte_cm for k in kolommen[col:col + c.span])
                if c.span > 1:
                    cells[col].merge(cells[col + c.span - 1])
                if spec.label_kolom and col == 0:
                    c = C([_as_p(x, bold=True) for x in c.paragraphs], fill=c.fill or LABELGRIJS, span=c.span)
                keep = rij.keep_next or (spec.keep_together and index != laatste)
                self._cell(cells[col], c, width, keep_next=keep)
                col += c.span
        return table

    def _merged_row(self, row, kolommen, cell_spec: C) -> None:
        cells = row.cells
        if len(cells) > 1:
            cells[0].merge(cells[-1])
        self._cell(row.cells[0], cell_spec, sum(k.breedte_cm for k in kolommen))

    def _cell(self, cell, spec: C, width_cm: float, keep_next: bool = False) -> None:
        tc_pr = cell._tc.get_or_add_tcPr()
        _insert_ordered(tc_pr, parse_xml(f'<w:tcW {nsdecls("w")} w:w="{twips(width_cm)}" w:type="dxa"/>'),
                        TCPR_ORDER)
        if spec.fill:
            _insert_ordered(tc_pr, parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" '
                                             f'w:fill="{spec.fill}"/>'), TCPR_ORDER)
        # A merged cell keeps the paragraphs of the cells it swallowed: start clean.
        for extra in cell.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        first = cell.paragraphs[0]
        for r in list(first.runs):
            r._r.getparent().remove(r._r)
        for i, spec_p in enumerate(spec.paragraphs):
            spec_p = _as_p(spec_p)
            if spec_p.style is None:
                spec_p.style = "Tabeltekst"
            paragraph = first if i == 0 else cell.add_paragraph()
            self._fill(paragraph, spec_p)
            if keep_next:
                paragraph.paragraph_format.keep_with_next = True

    # -- the blocks every document shares ---------------------------------------------------------------------
    def gegevens(self, rijen: list, label_cm: float = 5.0) -> None:
        """A key/value table. A row is (label, value) or (label, value, condition): shown only when true."""
        spec = []
        for rij in rijen:
            label, value, *cond = rij
            if cond:
                spec.append(Tag(f"{{%tr if {cond[0]} %}}"))
            spec.append(Rij([P(label), P(value)]))
            if cond:
                spec.append(Tag("{%tr endif %}"))
        self.tabel(Tabel([Kolom("", label_cm), Kolom("", TEKSTBREEDTE_CM - label_cm)], spec, kop=False,
                         label_kolom=True, keep_together=True))

    def gegevens4(self, paren: list[tuple[str, str]]) -> None:
        """A compact key/value table with two pairs per row, for short values."""
        rijen = []
        for i in range(0, len(paren), 2):
            cells = []
            for label, value in paren[i:i + 2]:
                cells += [C([P(label, bold=True)], fill=LABELGRIJS), C([P(value)])]
            rijen.append(Rij(cells))
        self.tabel(Tabel([Kolom("", 3.6), Kolom("", 4.7), Kolom("", 3.6), Kolom("", 4.7)], rijen, kop=False,
                         keep_together=True))

    def factoren_tabel(self, leeg_tekst: str = LEEG) -> None:
        half = TEKSTBREEDTE_CM / 2

        def lijst(expr: str) -> C:
            return C([P(f"{{%p for f in g.{expr} %}}"), P("{{ f }}", style="List Bullet"), P("{%p endfor %}"),
                      P(f"{{%p if not g.{expr} %}}"), P("\u2013"), P("{%p endif %}")])

        self.tag("{%p if factoren %}")
        self.tabel(Tabel([Kolom("Bevorderende factoren", half), Kolom("Belemmerende factoren", half)], [
            Tag("{%tr for g in factoren %}"),
            Groep("{{ g.domein }}"),
            Rij([lijst("bevorderend"), lijst("belemmerend")]),
            Tag("{%tr endfor %}"),
        ]))
        self.tag("{%p else %}")
        self.p(leeg_tekst)
        self.tag("{%p endif %}")

    def handtekeningen(self, lijst: str, verklaring: str | None = None, leeg_tekst: str = LEEG) -> None:
        """One row per signer under the sentence they sign: name and function, date and signature; the rows
        keep together and with the heading above (see Tabel.verklaring), never split over pages."""
        self.tag(f"{{%p if {lijst} %}}")
        self.tabel(Tabel([Kolom("Naam en functie", 6.4), Kolom("Datum", 3.6), Kolom("Handtekening", 6.6)],
                         verklaring=verklaring, rijen=[
            Tag(f"{{%tr for s in {lijst} %}}"),
            Rij([C([P("{% if s.naam %}{{ s.naam }}{% else %}Naam: ______________________{% endif %}", bold=True),
                    P("{{ s.functie }}", color=TEKSTGRIJS, size=9)]), C([P("")]), C([P("")])],
                height_cm=1.7, keep_next=True),
            Tag("{%tr endfor %}"),
        ]))
        self.afstand()
        self.tag("{%p else %}")
        self.p(leeg_tekst)
        self.tag("{%p endif %}")

    # -- saving -----------------------------------------------------------------------------------------------
    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _deterministic_zip(lean_package(buffer.getvalue(), self.huisstijlen))


# ---------------------------------------------------------------------------------------------------------------
# Low-level XML helpers (element order follows the WordprocessingML schema, which Word enforces).
# ---------------------------------------------------------------------------------------------------------------
TCPR_ORDER = ["w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
              "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"]
TBLPR_ORDER = ["w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
               "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
               "w:tblLayout", "w:tblCellMar", "w:tblLook"]
PPR_ORDER = ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
             "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
             "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
             "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
             "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"]


def _insert_ordered(parent, child, order: list[str]) -> None:
    """Insert (or replace) `child` in `parent` at the place the schema wants it."""
    tag = child.tag
    for old in parent.findall(tag):
        parent.remove(old)
    rank = {qn(t): i for i, t in enumerate(order)}
    mine = rank[tag]
    for i, existing in enumerate(parent):
        if rank.get(existing.tag, -1) > mine:
            parent.insert(i, child)
            return
    parent.append(child)


def _set_ppr(paragraph, tag: str, element) -> None:
    _insert_ordered(paragraph._p.get_or_add_pPr(), element, PPR_ORDER)


def _table_properties(tbl, width_cm: float, rand: str | None) -> None:
    tbl_pr = tbl.tblPr
    for child in list(tbl_pr):
        tbl_pr.remove(child)
    elements = [
        f'<w:tblW {nsdecls("w")} w:w="{twips(width_cm)}" w:type="dxa"/>',
        f'<w:tblInd {nsdecls("w")} w:w="0" w:type="dxa"/>',
        (f'<w:tblBorders {nsdecls("w")}>'
         + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{rand}"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
         + "</w:tblBorders>") if rand else
        (f'<w:tblBorders {nsdecls("w")}>'
         + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
         + "</w:tblBorders>"),
        f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>',
        (f'<w:tblCellMar {nsdecls("w")}><w:top w:w="57" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
         '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar>'),
        f'<w:tblLook {nsdecls("w")} w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/>',
    ]
    for xml in elements:
        tbl_pr.append(parse_xml(xml))


def _table_fill(table, fill: str) -> None:
    for row in table.rows:
        for cell in row.cells:
            _insert_ordered(cell._tc.get_or_add_tcPr(),
                            parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'),
                            TCPR_ORDER)


def _table_margins(table, top: int, bottom: int, left: int, right: int) -> None:
    mar = parse_xml(f'<w:tblCellMar {nsdecls("w")}><w:top w:w="{top}" w:type="dxa"/>'
                    f'<w:left w:w="{left}" w:type="dxa"/><w:bottom w:w="{bottom}" w:type="dxa"/>'
                    f'<w:right w:w="{right}" w:type="dxa"/></w:tblCellMar>')
    _insert_ordered(table._tbl.tblPr, mar, TBLPR_ORDER)


def _row_properties(row, header: bool = False, cant_split: bool = True, height_cm: float | None = None) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    for child in list(tr_pr):
        tr_pr.remove(child)
    if cant_split:
        tr_pr.append(OxmlElement("w:cantSplit"))
    if height_cm:
        row.height = Cm(height_cm)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _cell_valign(cell, value: str) -> None:
    _insert_ordered(cell._tc.get_or_add_tcPr(), parse_xml(f'<w:vAlign {nsdecls("w")} w:val="{value}"/>'),
                    TCPR_ORDER)


def _field(paragraph, instruction: str) -> None:
    """A real Word field (PAGE, NUMPAGES) as begin / instrText / separate / cached value / end runs."""
    def run(inner: str):
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}>{inner}</w:r>'))

    run('<w:fldChar w:fldCharType="begin"/>')
    run(f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>')
    run('<w:fldChar w:fldCharType="separate"/>')
    run("<w:t>1</w:t>")
    run('<w:fldChar w:fldCharType="end"/>')


def _as_p(x, bold: bool = False) -> P:
    if isinstance(x, P):
        if bold:
            x.bold = True
        return x
    return P(str(x), bold=bold)


def _rgb(color: str):
    from docx.shared import RGBColor
    return RGBColor.from_string(color)


def _pt(size: float):
    from docx.shared import Pt
    return Pt(size)


def _deterministic_zip(data: bytes) -> bytes:
    """The same template gives the same bytes: fixed timestamps, same order, same compression."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_DATUM)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# The three documents.
# ---------------------------------------------------------------------------------------------------------------
def opp() -> Sjabloon:
    s = Sjabloon("Ontwikkelingsperspectiefplan", numbered_headings=True)
    s.kop_en_voet(concept=True)
    s.titelblok("Ontwikkelingsperspectiefplan", "{{ leerling.naam }}", [
        ("Klas", "{{ leerling.klas }}"), ("Schooljaar", "{{ school.schooljaar }}"),
        ("Mentor", "{{ leerling.mentor }}"), ("Datum document", "{{ document_datum }}"),
    ])
    s.p(P("Dit ontwikkelingsperspectiefplan (OPP) beschrijft het verwachte uitstroomperspectief van "
          "{{ leerling.roepnaam }}, de onderbouwing daarvan en de ondersteuning die de school biedt."
          "{% if not is_concept %} Het plan is besproken met ouders of verzorgers en met {{ leerling.roepnaam }}. "
          "Voor het handelingsdeel is instemming nodig; zie Ondertekening.{% endif %}", style="Inleiding"))
    # A concept says once, at the top, what is still missing; it is not offered for instemming.
    s.tag("{%p if is_concept %}")
    s.kader([P("Concept: dit plan is nog niet compleet", bold=True, color=ORANJERAND, size=11),
             P("Nog niet ingevuld: {{ ontbreekt }}. Het plan wordt pas ter instemming voorgelegd als het compleet "
               "is.")], ORANJE, ORANJERAND)
    s.afstand()
    s.tag("{%p endif %}")

    s.h1("Leerling- en schoolgegevens")
    s.h2("Leerling")
    s.gegevens4([
        ("Naam", "{{ leerling.officiele_naam }}"), ("Roepnaam", "{{ leerling.roepnaam }}"),
        ("Geboortedatum", "{{ leerling.geboortedatum }}"), ("Leeftijd", "{{ leerling.leeftijd }} jaar"),
        ("Leerlingnummer", "{{ leerling.leerlingnummer }}"), ("Klas", "{{ leerling.klas }}"),
        ("Leerjaar", "{{ leerling.leerjaar }}"), ("Ondersteuning", "{{ leerling.ondersteuningsniveau }}"),
    ])
    s.tag("{%p if leerling.vertegenwoordiging != 'geen' %}")
    s.p(P("Wettelijke vertegenwoordiging: **{{ leerling.vertegenwoordiging }}**", style="Toelichting"))
    s.tag("{%p endif %}")
    s.h2("School")
    s.gegevens4([
        ("School", "{{ school.naam }}"), ("BRIN", "{{ school.brin or '\u2013' }}"),
        ("Schooltype", "{{ school.schooltype }}"), ("Schooljaar", "{{ school.schooljaar }}"),
        ("Samenwerkings\u00adverband", "{{ school.samenwerkingsverband }}"), ("Directeur", "{{ school.directeur }}"),
    ])
    s.h2("Betrokkenen")
    s.gegevens([
        ("Mentor", "{{ leerling.mentor }}"),
        ("Teamleider", "{{ leerling.teamleider }}", "leerling.teamleider != LEEG"),
        ("Zorgco\u00f6rdinator", "{{ school.zorgcoordinator }}", "school.zorgcoordinator != LEEG"),
        ("Orthopedagoog", "{{ school.orthopedagoog }}", "school.orthopedagoog != LEEG"),
        ("Psycholoog", "{{ school.psycholoog }}", "school.psycholoog != LEEG"),
        ("Schoolmaatschappelijk werker", "{{ school.schoolmaatschappelijk_werker }}",
         "school.schoolmaatschappelijk_werker != LEEG"),
    ])
    s.h2("Ouders en verzorgers")
    s.tag("{%p if verzorgers %}")
    s.tabel(Tabel([Kolom("Naam", 3.7), Kolom("Relatie", 2.5), Kolom("Contact", 6.0), Kolom("Adres", 4.4)], [
        Tag("{%tr for v in verzorgers %}"),
        Rij([P("{{ v.naam }}"), P("{{ v.rol }}"),
             C([P("{%p if v.telefoon != '\u2013' %}"), P("{{ v.telefoon }}"), P("{%p endif %}"),
                P("{%p if v.email != '\u2013' %}"), P("{{ v.email }}"), P("{%p endif %}"),
                P("{%p if v.telefoon == '\u2013' and v.email == '\u2013' %}"), P("\u2013"), P("{%p endif %}")]),
             P("{{ v.adres }}")]),
        Tag("{%tr endfor %}"),
    ]))
    s.tag("{%p else %}")
    s.leeg()
    s.tag("{%p endif %}")

    s.h1("Schoolloopbaan")
    s.gegevens([
        ("Vorige school", "{{ leerling.vorige_school }}"),
        ("Datum inschrijving", "{{ leerling.datum_inschrijving }}"),
        ("Leerjaar", "{{ leerling.leerjaar }}"),
        ("OPP uiterlijk vastgesteld", "{{ leerling.opp_uiterlijk }} ({{ leerling.opp_termijn }} na inschrijving)"),
        # The six weeks are about the first OPP: shown when its date is known.
        ("Eerste OPP vastgesteld op", "{{ leerling.eerste_vaststelling }} (binnen {{ leerling.opp_termijn }} na "
         "inschrijving: **{{ leerling.eerste_vaststelling_op_tijd }}**)", "leerling.eerste_vaststelling"),
    ])

    s.h1("Didactische gegevens en intelligentie")
    s.h2("Didactische gegevens")
    s.tag("{%p if didactiek %}")
    # A date never breaks (non-breaking spaces), so its column fits '22 september 2026'.
    s.tabel(Tabel([Kolom("Onderdeel", 3.2), Kolom("Toets", 2.5), Kolom("Datum", 3.3), Kolom("DL", 1.1),
                   Kolom("DLE", 1.1), Kolom("LA", 1.2), Kolom("Niveau", 4.2)], [
        Tag("{%tr for t in didactiek %}"),
        Rij([P("{{ t.onderdeel }}"), P("{{ t.instrument }}"), P("{{ t.datum }}"), P("{{ t.dl }}"),
             P("{{ t.dle }}"), P("{{ t.leerachterstand }}", bold=True), P("{{ t.functioneringsniveau }}")]),
        Tag("{%tr endfor %}"),
    ]))
    s.p(P("DL = didactische leeftijd: maanden onderwijs sinds groep 3. DLE = didactisch leeftijdsequivalent. "
          "LA = leerachterstand = 1 \u2212 DLE/DL; bij 0,50 of meer is de achterstand de helft of meer van de "
          "gevolgde onderwijstijd.", style="Toelichting"))
    s.tag("{%p else %}")
    s.leeg()
    s.tag("{%p endif %}")
    s.h2("Intelligentie")
    s.tag("{%p if intelligentie %}")
    s.tabel(Tabel([Kolom("Onderzoek", 3.8), Kolom("Datum", 3.3), Kolom("Totaal-IQ", 2.2),
                   Kolom("Afgenomen door", 7.3)], [
        Tag("{%tr for t in intelligentie %}"),
        Rij([P("{{ t.instrument }}"), P("{{ t.datum }}"), P("{{ t.score }}", bold=True), P("{{ t.afgenomen_door }}")]),
        Tag("{%tr endfor %}"),
    ]))
    s.tag("{%p else %}")
    s.leeg()
    s.tag("{%p endif %}")

    # An introduction keeps with its table, so heading and introduction never stand alone at the foot of a
    # page (tests/test_document_layout.py checks the demo as LibreOffice prints it). A sentence between a
    # heading and a signature table goes inside the table instead (Tabel.verklaring).
    s.h1("Integraal beeld")
    s.p(P("De bevorderende en belemmerende factoren per domein: wat helpt {{ leerling.roepnaam }} en wat staat "
          "de ontwikkeling in de weg.", keep_next=True))
    s.factoren_tabel(NOG_NIET)

    s.h1("Onderwijsbehoeften")
    s.p(P("Wat {{ leerling.roepnaam }} nodig heeft om zich te ontwikkelen:", keep_next=True))
    s.opsomming("onderwijsbehoeften", "{{ b }}", var="b")

    s.h1("Uitstroomperspectief")
    s.gegevens([
        ("Uitstroomrichting", "{{ uitstroom.richting }}"),
        ("Verwachte bestemming", "{{ uitstroom.bestemming }}"),
        ("Onderbouwing", "{{ uitstroom.onderbouwing }}"),
    ])
    s.p(P("De onderbouwing steunt ook op de bevorderende en belemmerende factoren bij Integraal beeld.",
          style="Toelichting"))

    s.h1("Te bieden ondersteuning")
    s.p(P("De extra ondersteuning en begeleiding per lijn: wat, door wie, hoe vaak en hoe lang.", keep_next=True))
    s.tag("{%p if ondersteuning %}")
    s.tabel(Tabel([Kolom("Ondersteuning", 4.6), Kolom("Door", 3.8), Kolom("Frequentie", 3.0),
                   Kolom("Periode", 3.8), Kolom("Extern", 1.4)], [
        Tag("{%tr for g in ondersteuning %}"),
        Groep("{{ g.lijn }}"),
        Tag("{%tr for o in g.interventies %}"),
        Rij([P("{{ o.interventie }}"), P("{{ o.door }}"), P("{{ o.frequentie }}"), P("{{ o.periode }}"),
             P("{{ o.extern }}")]),
        Tag("{%tr endfor %}"),
        Tag("{%tr endfor %}"),
    ]))
    s.tag("{%p else %}")
    s.p(NOG_NIET)
    s.tag("{%p endif %}")

    s.tag("{%p if leerling.afwijkingen_onderwijsprogramma %}")
    s.h1("Afwijkingen van het onderwijsprogramma")
    s.tekstblok("leerling.afwijkingen_onderwijsprogramma")
    s.tag("{%p endif %}")

    s.tag("{%p if school.is_praktijkschool %}")
    s.h1("Invulling praktijkonderwijs")
    s.p(P("Hoe praktijkonderwijs voor {{ leerling.roepnaam }} wordt gegeven: aangepaste theorie, persoonlijke "
          "en sociale vaardigheden en de voorbereiding op werk.", style="Toelichting", keep_next=True))
    s.tekstblok("leerling.invulling_praktijkonderwijs")
    s.tag("{%p endif %}")

    s.h1("Handelingsdeel")
    s.p(P("De doelen voor {{ leerling.roepnaam }} per domein, hoe eraan gewerkt wordt en hoe ze worden "
          "ge\u00ebvalueerd. Voor dit deel geven ouders of verzorgers met gezag (of de meerderjarige leerling of "
          "diens wettelijk vertegenwoordiger) instemming.", keep_next=True))
    s.tag("{%p if doelen_opp %}")
    s.tabel(Tabel([Kolom("Doel", 3.8), Kolom("Aanpak", 3.7), Kolom("Wie", 3.7), Kolom("Periode", 1.5),
                   Kolom("Evaluatie", 3.9)], [
        Tag("{%tr for g in doelen_opp %}"),
        Groep("{{ g.domein }}"),
        Tag("{%tr for d in g.doelen %}"),
        Rij([P("{{ d.doel }}"), P("{{ d.aanpak }}"), P("{{ d.wie }}"), P("{{ d.periode or '\u2013' }}"),
             C([P("{{ d.status }}", bold=True),
                P("{%p if d.evaluatiedatum %}"), P("Evaluatie: {{ d.evaluatiedatum }}", color=TEKSTGRIJS, size=9),
                P("{%p endif %}"),
                P("{%p if d.evaluatie %}"), P("{{ d.evaluatie }}"), P("{%p endif %}")])]),
        Tag("{%tr endfor %}"),
        Tag("{%tr endfor %}"),
    ]))
    s.tag("{%p else %}")
    s.p("Nog geen doelen: het handelingsdeel wordt ingevuld voordat het plan ter instemming wordt voorgelegd.")
    s.tag("{%p endif %}")

    # The pupil's view, the dates and the signatures follow on (a forced page break left the page before
    # mostly empty); the signature part keeps together from its heading to the first signature rows.
    s.h1("Inbreng leerling")
    s.p(P("{{ leerling.roepnaam }} heeft het recht om mee te praten over dit plan (hoorrecht)."
          "{% if leerling.hoorrecht %} {{ leerling.hoorrecht }}{% endif %}"
          "{% if leerling.heeft_inbreng %} Dit is wat {{ leerling.roepnaam }} zelf over het plan zegt:"
          "{% else %} Wat {{ leerling.roepnaam }} zelf over het plan zegt, is nog niet ingevuld.{% endif %}",
          keep_next=True))
    s.tag("{%p if leerling.heeft_inbreng %}")
    s.tekstblok("leerling.inbreng_leerling", style="Citaat")
    s.tag("{%p endif %}")

    s.h1("Evaluatie en vaststelling")
    s.p(P("Het OPP wordt ten minste eenmaal per schooljaar met ouders en leerling ge\u00ebvalueerd. Het plan wordt "
          "bijgesteld na overleg met de ouders.", keep_next=True))
    s.gegevens([
        ("Overleg met ouders (OOGO)", "{{ leerling.datum_oogo }}"),
        ("Datum vaststelling", "{{ leerling.datum_vaststelling }}"),
        ("Datum laatste evaluatie", "{{ leerling.datum_evaluatie }}"),
        ("Volgende evaluatie", "{{ leerling.datum_volgende_evaluatie }}"),
    ])

    # Filled by the register when the handelingsdeel changed since the version the parents agreed to.
    s.tag("{%p if wijzigingen %}")
    s.h1("Wijzigingen sinds de versie waarmee u instemde")
    s.p(P("{{ wijzigingen.inleiding }}", keep_next=True))
    s.tag("{%p for r in wijzigingen.regels %}")
    s.p(P("{{ r }}", style="List Bullet"))
    s.tag("{%p endfor %}")
    s.p("{{ wijzigingen.slot }}")
    s.tag("{%p endif %}")

    s.h1("Ondertekening")
    # A concept is never offered for instemming: no signature blocks until the plan is complete.
    s.tag("{%p if is_concept %}")
    s.p("Dit plan is een concept. Het wordt ter instemming voorgelegd en ondertekend zodra het compleet is.")
    s.tag("{%p else %}")
    s.p(P("Ouders of verzorgers met gezag geven met hun handtekening instemming met het handelingsdeel van dit "
          "plan. Is de leerling 18 jaar of ouder, dan tekent de leerling zelf; staat de leerling onder curatele of "
          "mentorschap, dan tekent de wettelijk vertegenwoordiger. Over de andere delen van het plan is op "
          "overeenstemming gericht overleg gevoerd; daarvoor tekenen de betrokkenen voor gezien. Zolang de "
          "instemming ontbreekt, biedt de school de ondersteuning uit dit plan wel.", keep_next=True))
    s.h2("Instemming met het handelingsdeel")
    s.handtekeningen("instemming", "Met mijn handtekening stem ik in met het handelingsdeel van dit "
                                   "ontwikkelingsperspectiefplan.")
    s.h2("Gezien / besproken")
    s.handtekeningen("gezien", "Met mijn handtekening verklaar ik dat dit plan met mij is besproken.")
    s.tag("{%p endif %}")
    return s


def iop() -> Sjabloon:
    s = Sjabloon("Individueel ontwikkelingsplan", numbered_headings=False)
    s.kop_en_voet()
    s.titelblok("Mijn plan", "{{ leerling.naam }}", [
        ("Klas", "{{ leerling.klas }}"), ("Schooljaar", "{{ school.schooljaar }}"),
        ("Mijn mentor", "{{ leerling.mentor }}"), ("Datum", "{{ document_datum }}"),
    ])
    s.p(P("Dit is mijn plan voor dit schooljaar. Hierin staan mijn doelen, wat ik daarvoor doe en wie mij helpt. "
          "Drie keer per jaar praat ik met mijn mentor over mijn plan in een coachgesprek.", style="Inleiding"))

    s.h1("Mijn toekomst")
    s.gegevens([
        ("Waar ik naartoe wil", "{{ uitstroom.bestemming }}"),
        ("Richting", "{{ uitstroom.richting }}"),
        ("Wat ik zelf vind", "{{ leerling.inbreng_leerling }}", "leerling.heeft_inbreng"),
    ])
    s.tag("{%p if not leerling.heeft_inbreng %}")
    s.p(P("Wat vind ik zelf van mijn plan, en waarom past het bij mij? Dat vertel ik in het coachgesprek aan "
          "mijn mentor, in mijn eigen woorden.", style="Toelichting"))
    s.tag("{%p endif %}")

    s.h1("Mijn doelen")
    s.p(P("Per onderwerp staan hier mijn doelen. Bij elk doel staat wat ik doe, wie mij helpt en hoe het gaat.",
          keep_next=True))
    s.tag("{%p for g in doelen_iop %}")
    s.h2("{{ g.domein }}")
    s.tabel(Tabel([Kolom("Periode", 1.6), Kolom("Mijn doel", 4.1), Kolom("Wat ik doe", 3.8),
                   Kolom("Wie mij helpt", 3.7), Kolom("Hoe gaat het?", 3.4)], [
        Tag("{%tr for d in g.doelen %}"),
        Rij([P("{{ d.periode or '\u2013' }}"), P("{{ d.doel }}", bold=True), P("{{ d.aanpak }}"), P("{{ d.wie }}"),
             C([P("{{ d.status }}"), P("{%p if d.evaluatie %}"), P("{{ d.evaluatie }}", color=TEKSTGRIJS, size=9),
                P("{%p endif %}")])]),
        Tag("{%tr endfor %}"),
    ]))
    s.tag("{%p endfor %}")
    s.tag("{%p if not doelen_iop %}")
    s.leeg()
    s.tag("{%p endif %}")

    s.h1("Wie mij helpt")
    s.p("Mijn mentor is **{{ leerling.mentor }}**. Met vragen over mijn plan ga ik eerst naar mijn mentor.")
    s.tag("{%p if ondersteuning_nu %}")
    s.p(P("Ik krijg ook deze hulp:", keep_next=True))
    s.tag("{%p for g in ondersteuning_nu %}")
    s.tag("{%p for o in g.interventies %}")
    s.p(P("{{ o.interventie }}{% if o.door != '\u2013' %} \u2013 {{ o.door }}{% endif %}"
          "{% if o.frequentie != '\u2013' %}, {{ o.frequentie }}{% endif %}", style="List Bullet"))
    s.tag("{%p endfor %}")
    s.tag("{%p endfor %}")
    s.tag("{%p endif %}")

    s.h1("Mijn trajecten")
    s.p(P("De workshops, cursussen en stages die ik heb gedaan, en hoe het ging.", keep_next=True))
    s.tag("{%p if trajecten %}")
    s.tabel(Tabel([Kolom("Traject", 5.0), Kolom("Onderwerp", 2.6), Kolom("Periode", 2.0),
                   Kolom("Hoe ging het?", 7.0)], [
        Tag("{%tr for t in trajecten %}"),
        Rij([P("{{ t.traject }}", bold=True), P("{{ t.domein }}"), P("{{ t.periode }}"),
             C([P("{{ t.beoordeling }}"), P("{%p if t.opmerking %}"), P("{{ t.opmerking }}", color=TEKSTGRIJS,
                                                                         size=9), P("{%p endif %}")])]),
        Tag("{%tr endfor %}"),
    ]))
    s.tag("{%p else %}")
    s.leeg()
    s.tag("{%p endif %}")

    s.h1("Handtekeningen")
    s.tabel(Tabel([Kolom("Naam", 6.4), Kolom("Datum", 3.6), Kolom("Handtekening", 6.6)],
                  verklaring="We hebben dit plan samen besproken.", rijen=[
        Rij([C([P("{{ leerling.naam }}", bold=True), P("leerling", color=TEKSTGRIJS, size=9)]), C([P("")]),
             C([P("")])], height_cm=1.7),
        Rij([C([P("{{ leerling.mentor }}", bold=True), P("mentor", color=TEKSTGRIJS, size=9)]), C([P("")]),
             C([P("")])], height_cm=1.7),
    ], keep_together=True))

    # The coaching form is a page of its own: printed and filled in during each conversation.
    s.h1("Mijn coachgesprek", nieuwe_pagina=True)
    s.p(P("In het coachgesprek bespreek ik deze vragen met mijn mentor. Ik schrijf mijn antwoord op.",
          keep_next=True))
    s.p(P("Gesprek:  1  /  2  /  3          Datum: ______________________", style="Toelichting", keep_next=True))
    s.tabel(Tabel([Kolom("Vraag", 5.2), Kolom("Mijn antwoord", TEKSTBREEDTE_CM - 5.2)], [
        Tag("{%tr for v in coachvragen %}"),
        Rij([C([P("{{ v }}", bold=True, color=DONKERBLAUW)], fill=LABELGRIJS), C([P("")])], height_cm=1.9),
        Tag("{%tr endfor %}"),
    ]))
    s.afstand()
    return s


def kernteam() -> Sjabloon:
    s = Sjabloon("Aanmelding kernteam", numbered_headings=True)
    s.kop_en_voet()
    s.titelblok("Aanmelding kernteam", "{{ leerling.naam }}", [
        ("Klas", "{{ leerling.klas }}"), ("Schooljaar", "{{ school.schooljaar }}"),
        ("Aangemeld op", "{{ aanmelding.datum_aanmelding }}"), ("Datum document", "{{ document_datum }}"),
    ])
    s.tag("{%p if aanmelding.toestemming %}")
    s.kader([P("Toestemming ouders: {{ aanmelding.toestemming_tekst }}.", bold=True, color=GROENRAND, size=11),
             P("{{ leerling.roepnaam }} mag in het kernteam besproken worden, ook met de externe partners die "
               "hieronder staan.")], GROEN, GROENRAND)
    s.tag("{%p else %}")
    s.kader([P("Toestemming ouders: {{ aanmelding.toestemming_tekst }}.", bold=True, color=ORANJERAND, size=11),
             P("Zonder toestemming van ouders wordt {{ leerling.roepnaam }} alleen besproken door de interne "
               "zorgco\u00f6rdinatoren. De leerling wordt niet besproken met externe partners, zoals MEE, de "
               "schoolarts of jeugdhulp.")], ORANJE, ORANJERAND)
    s.tag("{%p endif %}")

    s.h1("Leerling")
    s.gegevens4([
        ("Naam", "{{ leerling.naam }}"), ("Geboortedatum", "{{ leerling.geboortedatum }}"),
        ("Leerlingnummer", "{{ leerling.leerlingnummer }}"), ("Leeftijd", "{{ leerling.leeftijd }} jaar"),
        ("Klas", "{{ leerling.klas }}"), ("Mentor", "{{ leerling.mentor }}"),
    ])

    s.h1("Aanmelding")
    s.gegevens([
        ("Aangemeld door", "{{ aanmelding.aangemeld_door }}"),
        ("Datum aanmelding", "{{ aanmelding.datum_aanmelding }}"),
        ("Teamleider", "{{ leerling.teamleider }}", "leerling.teamleider != LEEG"),
        ("Akkoord teamleider", "{{ aanmelding.akkoord_teamleider }}"),
        ("Ondersteuningsniveau nu", "{{ leerling.ondersteuningsniveau }}"),
    ])

    s.h1("Hulpvraag")
    s.tekstblok("aanmelding.hulpvraag")
    s.h1("Wat is al gedaan, en met welk effect")
    s.tekstblok("aanmelding.wat_is_al_gedaan")
    s.h1("Verwachting van het kernteam")
    s.tekstblok("aanmelding.verwachting")

    s.h1("Bevorderende en belemmerende factoren")
    s.factoren_tabel()

    s.h1("Externe partners")
    s.gegevens([("Externe partners", "{{ aanmelding.externe_partners }}")])
    s.tag("{%p if not aanmelding.toestemming %}")
    s.p(P("Zonder toestemming van ouders zijn er geen externe partners bij de bespreking.", style="Toelichting"))
    s.tag("{%p endif %}")

    s.h1("Bespreking in het kernteam")
    s.p(P("In te vullen door het kernteam.", style="Toelichting", keep_next=True))
    s.tabel(Tabel([Kolom("", 5.0), Kolom("", TEKSTBREEDTE_CM - 5.0)], [
        Rij([P("Datum bespreking"), P("")], height_cm=0.9),
        Rij([P("Aanwezig"), P("")], height_cm=1.3),
        Rij([P("Advies en afspraken"), P("")], height_cm=3.2),
        Rij([P("Wie doet wat, wanneer"), P("")], height_cm=2.0),
        Rij([P("Terugkoppeling aan ouders en mentor"), P("")], height_cm=1.3),
    ], kop=False, label_kolom=True, keep_together=True))
    s.afstand()
    return s


DOCUMENTEN = {"opp": opp, "iop": iop, "kernteam": kernteam}


def build(folder: Path) -> list[Path]:
    written = []
    for naam, maak in DOCUMENTEN.items():
        path = folder / f"{naam}.docx"
        atomic_write_bytes(path, maak().bytes(), mode=0o644)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uit", type=Path, default=ROOT / "templates", help="map voor de sjablonen")
    args = parser.parse_args(argv)
    for path in build(args.uit):
        print(path)


if __name__ == "__main__":
    main()
