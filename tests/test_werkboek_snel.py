"""The fast path of the streamed .xlsx read (xlsx_snel.py) gives exactly what lxml alone gives.

Each sheet is read twice: `rows(name)` (simple rows cut out and read by a regular expression) and
`rows(name, cut=False)` (every row through lxml, the reader as it was); values and their types must be equal,
and a document lxml refuses must be refused by both. The sheets are written by hand in the styles spreadsheet
programs write (Excel, LibreOffice, openpyxl, pretty-printed, a namespace prefix) and with what the fast path
must leave to lxml (formulas, rich text, CDATA, comments, references, CR, ...).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from opp.werkboek import xlsx_snel, xlsx_stroom
from opp.werkboek.xlsx_stroom import XlsxBoek, XlsxFout

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
# cellXfs: 0 general, 1 a date (14), 2 a date and time (22), 3 [h]:mm (46), 4 a custom date format, 5 text
XFS = '<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="46"/><xf numFmtId="200"/>' \
      '<xf numFmtId="49"/>'
NUM_FMTS = '<numFmt numFmtId="200" formatCode="dd-mm-yyyy"/>'


def write_xlsx(path: Path, sheet: bytes, shared: list[str] | None = None) -> Path:
    """A workbook with one sheet `Blad` whose part is `sheet` (bytes, written as they are)."""
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.'
                           'org/officeDocument/2006/relationships"><sheets><sheet name="Blad" sheetId="1" r:id="rId1"/>'
                           '</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                                      'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                                      'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                                      'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/styles.xml": f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><numFmts>{NUM_FMTS}</numFmts>'
                         f'<cellXfs>{XFS}</cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared is not None:
        items = "".join(f"<si><t>{_escape(s)}</t></si>" for s in shared)
        parts["xl/sharedStrings.xml"] = f'<?xml version="1.0"?><sst xmlns="{MAIN}">{items}</sst>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def sheet_xml(rows: str, prefix: str = "", before: str = "", after: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns{":" + prefix if prefix else ""}="{MAIN}" xmlns:x14ac="{X14AC}"'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}worksheet {ns}><{p}dimension ref="A1"/>'
            f'{before}<{p}sheetData>{rows}</{p}sheetData>{after}</{p}worksheet>').encode()


def read_both(path: Path) -> tuple[object, object, int]:
    """(rows by the fast path, rows by lxml alone, rows cut): each an exception's type when it failed."""
    outcomes: list[object] = []
    for cut in (True, False):
        book = XlsxBoek(str(path))
        try:
            rows = list(book.rows("Blad", cut))
            outcomes.append([(n, [(type(v), v) for v in values]) for n, values in rows])
        except (XlsxFout, etree.XMLSyntaxError, ValueError) as exc:
            outcomes.append(type(exc))
        finally:
            cut_rows = book.cut if cut else 0
            book.close()
        if cut:
            fast_cut = cut_rows
    return outcomes[0], outcomes[1], fast_cut


def assert_same(path: Path) -> tuple[object, int]:
    fast, slow, cut = read_both(path)
    assert fast == slow
    return fast, cut


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- what the fast path takes, and what it leaves to lxml ----------------------------------------------------

EXCEL_ROW = ('<row r="2" spans="1:6" x14ac:dyDescent="0.25"><c r="A2" s="1"><v>46037</v></c><c r="B2" t="s"><v>0</v>'
             '</c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#N/A</v></c><c r="E2"><v>-1.5E-3</v></c>'
             '<c r="F2" s="3"><v>1.25</v></c></row>')
LIBREOFFICE_ROW = ('<row r="3" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" '
                   'collapsed="false"><c r="A3" s="2" t="n"><v>45998.75</v></c><c r="B3" s="0" t="s"><v>1</v></c>'
                   '<c r="C3" s="5" t="str"><v>formule &amp; tekst</v></c><c r="D3" s="4" t="n"><v>61</v></c></row>')
OPENPYXL_ROW = ('<row r="4"><c r="A4" t="inlineStr"><is><t>  getrimd  </t></is></c><c r="B4" t="inlineStr"><is>'
                '<t xml:space="preserve">  bewaard  </t></is></c><c r="C4" t="inlineStr"><is><t>_x000D_x &lt;y&gt; '
                '&#233;&#x20AC; &quot;&apos;</t></is></c><c r="E4" t="n"><v>12345678901234567890</v></c>'
                '<c r="G4" s="1"/><c r="H4" t="inlineStr"><v>genegeerd</v></c><c r="AD4" t="d">'
                '<v>2026-03-12T10:30:00</v></c></row>')


def test_the_shapes_spreadsheet_programs_write_are_cut_and_read_the_same(tmp_path):
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>kop</t></is></c></row>' + EXCEL_ROW + LIBREOFFICE_ROW
            + OPENPYXL_ROW + '<row r="6" spans="1:3"/><row><c><v>7</v></c><c t="inlineStr"><is><t>zonder r</t></is>'
            '</c></row>')
    fast, cut = assert_same(write_xlsx(tmp_path / "w.xlsx", sheet_xml(rows), ["gedeeld", "twee"]))
    assert cut == 5  # every row with cells (the empty row 6 has none to cut)
    assert isinstance(fast, list)
    values = {n: [v for _, v in row] for n, row in fast}
    assert values[2] == [dt.date(2026, 1, 15), "gedeeld", True, None, -0.0015, dt.timedelta(hours=30)]
    assert values[3] == [dt.datetime(2025, 12, 7, 18, 0), "twee", "formule & tekst", dt.date(1900, 3, 1)]
    assert values[4][:3] == ["getrimd", "  bewaard  ", "\rx <y> é€ \"'"]
    assert values[4][4] == 12345678901234567890.0 and values[4][29] == dt.datetime(2026, 3, 12, 10, 30)
    assert values[7] == [7, "zonder r"]


def test_shared_strings_beyond_what_is_kept_read_the_same_and_each_by_its_own_index(tmp_path, monkeypatch):
    """The cut path keeps shared strings by the text of their <v>; with more strings than it keeps, and the same
    index written once as '7' and once as '07', every cell still reads its own string, as lxml reads it."""
    monkeypatch.setattr(xlsx_stroom, "CACHE", 8)
    shared = [f"tekst {i}" for i in range(40)]
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>{(n * 7) % 40}</v></c><c r="B{n}" t="s"><v>0{n % 40}</v></c>'
                   f'<c r="C{n}" t="s"><v>{n % 40}</v></c></row>' for n in range(1, 121))
    fast, cut = assert_same(write_xlsx(tmp_path / "w.xlsx", sheet_xml(rows), shared))
    assert cut == 120 and isinstance(fast, list)
    for n, row in fast:
        assert [v for _, v in row] == [shared[(n * 7) % 40], shared[n % 40], shared[n % 40]]


@pytest.mark.parametrize("row", [
    '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c></row>',  # a formula
    '<row r="2"><c r="A2" t="inlineStr"><is><r><t>rijk </t></r><r><rPr><b/></rPr><t>deel</t></r></is></c></row>',
    '<row r="2"><c r="A2" t="inlineStr"><is><t>a</t><rPh><t>fonetisch</t></rPh></is></c></row>',
    '<row r="2"><c r="A2"><v><![CDATA[5]]></v></c></row>',
    '<row r="2"><c r="A2" t="inlineStr"><is><t>regel 1\r\nregel 2\rregel 3</t></is></c></row>',  # CR: LF
    '<row r="2"><c r="A2" t="inlineStr"><is><t>a &gt; b ]] c</t></is></c><c r="B2" t="inlineStr"><is><t>x>y</t>'
    '</is></c></row>',
    "<row r='2'><c r='A2' t='inlineStr'><is><t>enkele aanhalingstekens</t></is></c></row>",
    '<row r="2"><c t="inlineStr" r="A2"><is><t>andere volgorde</t></is></c></row>',
    '<row r="2"><c r="A2" s="1" cm="1"><v>46037</v></c></row>',
    '<row r="2"><c r="A2"><v>1</v><!-- opmerking --></c><c r="B2"><v>2</v></c></row>',
    '<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="default">  x  </t></is></c></row>',
    '<row r="2"><c r = "A2"><v>3</v></c><c r="B2"\n t="b"><v>0</v></c></row>',
    '<row r="2"><c r="A2" s="1\t"><v>3</v></c></row>',  # a tab in a value: a space to a parser
    '<row r="2"><c r="A2"><v></v></c><c r="B2" t="str"><v></v></c><c r="C2" t="inlineStr"><is><t/></is></c></row>',
    '<row r="2"><c r="A2"> <v>3</v> </c></row>',
    '<row r="2" s="1" customFormat="1"><?pi x?><c r="A2"><v>3</v></c></row>',
    '<row r="02"><c r="A2"><v>3</v></c></row>',
    '<row spans="1:2" r="2"><c r="A2"><v>3</v></c></row>',
    '<row r="2" x="a&gt;b"><c r="A2"><v>3</v></c></row>',
    '<row r="2" x="a>b"><c r="A2"><v>3</v></c></row>',
    '<row r="2"><c r="$A$2"><v>3</v></c><c r="C2" t="inlineStr"><is><t>&#65;&#x42;&#13;</t></is></c></row>',
])
def test_a_row_the_fast_path_does_not_take_reads_as_lxml_reads_it(tmp_path, row):
    rows = '<row r="1"><c r="A1"><v>1</v></c></row>' + row + '<row r="3"><c r="A3"><v>4</v></c></row>'
    fast, _cut = assert_same(write_xlsx(tmp_path / "w.xlsx", sheet_xml(rows)))
    assert isinstance(fast, list) and [n for n, _ in fast][0] == 1 and fast[-1][0] == 3


@pytest.mark.parametrize("rows, before, after", [
    ('<row r="1"><c r="A1"><v>1</v></c></row><!-- <row r="2"><c r="A2"><v>9</v></c></row> -->'
     '<row r="3"><c r="A3"><v>3</v></c></row>', "", ""),
    ('<row r="1"><c r="A1"><v>1</v></c></row>  <x/><row r="2"><c r="A2"><v>2</v></c></row>', "", ""),
    ('<row r="1"><c r="A1"><v>1</v></c><row r="9"/></row><row r="2"><c r="A2"><v>2</v></c></row>', "", ""),
    ('<row r="1"><c r="A1"><v>1</v><!-- </row> --></c></row><row r="2"><c r="A2"><v>2</v></c></row>', "", ""),
    ('<row r="1"><c r="A1"><v>1</v></c></row>', '<!-- <sheetData><row r="5"><c r="A5"><v>5</v></c></row> -->', ""),
    ('<row r="1"><c r="A1"><v>1</v></c></row>', '<![CDATA[<sheetData>]]>', ""),
    ('<row r="1"><c r="A1"><v>1</v></c></row>', "", '<extLst><row r="7"><c r="A7"><v>7</v></c></row></extLst>'),
    ('<row r="1"><c r="A1"><v>1</v></c></row>\n  <row r="2">\n    <c r="A2"><v>2</v></c>\n  </row>\n', "", ""),
])
def test_comments_elements_and_rows_where_none_are_expected_read_the_same(tmp_path, rows, before, after):
    assert_same(write_xlsx(tmp_path / "w.xlsx", sheet_xml(rows, before=before, after=after)))


def test_a_namespace_prefix_reads_the_same_through_lxml(tmp_path):
    rows = '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>kop</x:t></x:is></x:c></x:row>'
    fast, cut = assert_same(write_xlsx(tmp_path / "w.xlsx", sheet_xml(rows, prefix="x")))
    assert cut == 0 and fast == [(1, [(str, "kop")])]


@pytest.mark.parametrize("cell", [
    '<c r="A2"><v>&#1;</v></c>',  # a character XML forbids, as a reference
    '<c r="A2" t="inlineStr"><is><t>a\x01b</t></is></c>',  # and as itself
    '<c r="A2" t="inlineStr"><is><t>a]]>b</t></is></c>',
    '<c r="A2" t="inlineStr"><is><t>&onbekend;</t></is></c>',
    '<c r="A2" t="inlineStr"><is><t>a & b</t></is></c>',
    '<c r="A2" r="B2"><v>1</v></c>',
    '<c r="A2"><v>1</v>',
    '<c r="A2"><v>1</c></v>',
    '<c r="A2" t="inlineStr"><is><t>\ufffe</t></is></c>',
    '<c r="A2"><v>1</v></c><c r="B2" s="<"><v>1</v></c>',
    '<c r="A2" q:s="1"><v>1</v></c>',
])
def test_a_malformed_row_is_refused_by_both(tmp_path, cell):
    sheet = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row><row r="2">' + cell + '</row>')
    fast, slow, _cut = read_both(write_xlsx(tmp_path / "w.xlsx", sheet))
    assert fast == slow == etree.XMLSyntaxError


@pytest.mark.parametrize("sheet", [
    sheet_xml('<row r="1" r="1"><c r="A1"><v>1</v></c></row>'),  # twice the same attribute on a row
    sheet_xml('<row r="1" q:x="1"><c r="A1"><v>1</v></c></row>'),  # an undeclared prefix
    sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>').replace(b"</sheetData></worksheet>", b""),  # cut short
    sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>X</t></is></c></row>').replace(b">X<", b">\xe9<"),  # not UTF-8
])
def test_a_malformed_document_is_refused_by_both(tmp_path, sheet):
    fast, slow, _cut = read_both(write_xlsx(tmp_path / "w.xlsx", sheet))
    assert fast == slow == etree.XMLSyntaxError


def test_cells_outside_their_row_and_rows_out_of_order_are_refused_by_both(tmp_path):
    for rows in ('<row r="2"><c r="A3"><v>1</v></c></row>',
                 '<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>',
                 '<row r="2"><c r="A2" t="zz"><v>1</v></c></row>', '<row r="2"><c r="A2" t="n"><v>x</v></c></row>'):
        fast, slow, _cut = read_both(write_xlsx(tmp_path / "w.xlsx", sheet_xml(rows)))
        assert fast == slow == XlsxFout, rows


def test_another_encoding_is_read_by_lxml_alone(tmp_path):
    sheet = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>é</t></is></c></row>').replace(
        b'encoding="UTF-8"', b'encoding="ISO-8859-1"').replace("é".encode(), b"\xe9")
    fast, cut = assert_same(write_xlsx(tmp_path / "w.xlsx", sheet))
    assert cut == 0 and fast == [(1, [(str, "é")])]


@pytest.mark.parametrize("read", [1, 7, 64, 1 << 16])
def test_rows_split_anywhere_between_two_chunks_read_the_same(tmp_path, monkeypatch, read):
    monkeypatch.setattr(xlsx_stroom, "HEAD", 80)  # the part's head holds the root's start, no more
    monkeypatch.setattr(xlsx_snel, "READ", read)
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>kop</t></is></c></row>\n' + EXCEL_ROW + LIBREOFFICE_ROW
            + OPENPYXL_ROW + '<row r="5"/><row r="6"><c r="A6"><f>1</f><v>1</v></c></row>'
            '<row r="7"><c r="A7"><v>7</v></c></row>')
    fast, cut = assert_same(write_xlsx(tmp_path / "w.xlsx", sheet_xml(rows), ["gedeeld", "twee"]))
    assert cut == 5 and isinstance(fast, list) and [n for n, _ in fast] == [1, 2, 3, 4, 6, 7]


def test_a_row_longer_than_is_held_is_read_by_lxml(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_snel, "LONGEST_ROW", 200)
    monkeypatch.setattr(xlsx_snel, "READ", 64)
    monkeypatch.setattr(xlsx_stroom, "HEAD", 80)
    long_row = '<row r="2">' + "".join(f'<c r="{c}2"><v>{i}</v></c>' for i, c in enumerate("ABCDEFGHIJKL")) + "</row>"
    rows = '<row r="1"><c r="A1"><v>1</v></c></row>' + long_row + '<row r="3"><c r="A3"><v>3</v></c></row>'
    fast, cut = assert_same(write_xlsx(tmp_path / "w.xlsx", sheet_xml(rows)))
    assert cut == 1 and isinstance(fast, list) and len(fast) == 3


# --- hypothesis: random rows in several writer styles --------------------------------------------------------

_char = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.sampled_from(
    list("&<>\"' \t\n\r\x7f\x85\x9f") + ["\r\n", "_x000D_", "_x0041_", "]]", "€", "😀", "\U0010ffff"])
_text = st.lists(_char, max_size=8).map("".join)
_number = st.one_of(st.integers(-(2 ** 70), 2 ** 70).map(str), st.floats(allow_nan=False).map(repr),
                    st.sampled_from(["1E+300", "-2.5e-7", "0", "-0", "007", "1.", ".5", "1e5", "inf", "12abc", ""]))
# (kind, text, style): the kinds of cell the writers below put in a row
_cell = st.one_of(
    st.tuples(st.just("inline"), _text, st.none()),
    st.tuples(st.just("preserve"), _text, st.none()),
    st.tuples(st.just("shared"), st.integers(0, 2).map(str), st.none()),
    st.tuples(st.just("number"), _number, st.sampled_from([None, "0", "1", "2", "3", "4", "5", "9"])),
    st.tuples(st.just("bool"), st.sampled_from(["0", "1", "", "x"]), st.none()),
    st.tuples(st.just("error"), st.sampled_from(["#N/A", "#DIV/0!"]), st.none()),
    st.tuples(st.just("str"), _text, st.none()),
    st.tuples(st.just("date"), st.sampled_from(["2026-03-12", "2026-03-12T10:30:00", "10:30:00", "x"]), st.none()),
    st.tuples(st.just("empty"), st.just(""), st.sampled_from([None, "1"])),
    st.tuples(st.just("formula"), _number, st.none()),
    st.tuples(st.just("rich"), _text, st.none()),
)


def _encode_text(text: str, draw_escape: list[bool]) -> str:
    """Text as a writer may put it in XML: markup escaped, other characters literal or as a reference."""
    out = []
    for i, ch in enumerate(text):
        escape = draw_escape[i % len(draw_escape)] if draw_escape else False
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;" if escape else ">")
        elif ord(ch) < 0x20 and ch not in "\t\n\r" or escape:
            out.append(f"&#{ord(ch)};" if i % 2 else f"&#x{ord(ch):X};")
        else:
            out.append(ch)
    return "".join(out).replace("]]>", "]]&gt;")


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_TYPE = {"shared": "s", "bool": "b", "error": "e", "date": "d"}  # cells that are only a type and a <v>


def _cell_xml(kind: str, text: str, style: str | None, ref: str | None, escapes: list[bool]) -> str:
    r = f' r="{ref}"' if ref else ""
    s = f' s="{style}"' if style is not None else ""
    body = _encode_text(text, escapes)
    if kind == "inline":
        return f'<c{r}{s} t="inlineStr"><is><t>{body}</t></is></c>'
    if kind == "preserve":
        return f'<c{r}{s} t="inlineStr"><is><t xml:space="preserve">{body}</t></is></c>'
    if kind in _TYPE:
        return f'<c{r}{s} t="{_TYPE[kind]}"><v>{text}</v></c>'
    if kind == "number":
        return f"<c{r}{s}><v>{text}</v></c>" if style != "9" else f'<c{r} t="n"><v>{text}</v></c>'
    if kind == "str":
        return f'<c{r}{s} t="str"><f>A1</f><v>{body}</v></c>' if escapes[:1] == [True] else \
            f'<c{r}{s} t="str"><v>{body}</v></c>'
    if kind == "empty":
        return f"<c{r}{s}/>"
    if kind == "formula":
        return f"<c{r}{s}><f>1+1</f><v>{text}</v></c>"
    return f'<c{r}{s} t="inlineStr"><is><r><t>{body}</t></r><r><rPr><b/></rPr><t>x</t></r></is></c>'


def _row_xml(number: int, cells: list, style: str, escapes: list[bool]) -> str:
    """A row as one of several writers writes it."""
    parts = []
    column = 0
    for gap, (kind, text, cell_style) in cells:
        column += gap
        ref = None if style == "no-refs" else f"{_column(column)}{number}"
        if style == "no-refs" and gap:
            ref = f"{_column(column)}{number}"  # a sparse cell needs its reference
        parts.append(_cell_xml(kind, text, cell_style, ref, escapes))
        column += 1
    if style == "excel":
        return f'<row r="{number}" spans="1:{column}" x14ac:dyDescent="0.25">{"".join(parts)}</row>'
    if style == "libreoffice":
        return (f'<row r="{number}" customFormat="false" ht="12.8" hidden="false" customHeight="false" '
                f'outlineLevel="0" collapsed="false">{"".join(parts)}</row>')
    if style == "pretty":
        inner = "".join(f"\n      {p}" for p in parts)
        return f'\n    <row r="{number}">{inner}\n    </row>'
    if style == "no-refs":
        return f"<row>{''.join(parts)}</row>"
    return f'<row r="{number}">{"".join(parts)}</row>'


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.integers(1, 3), st.lists(st.tuples(st.integers(0, 2), _cell), max_size=6)),
                     min_size=1, max_size=6),
       style=st.sampled_from(["excel", "libreoffice", "openpyxl", "pretty", "no-refs"]),
       escapes=st.lists(st.booleans(), max_size=4), read=st.sampled_from([13, 1 << 16]))
def test_random_rows_in_every_writer_style_read_as_lxml_reads_them(tmp_path, monkeypatch, rows, style, escapes,
                                                                   read):
    monkeypatch.setattr(xlsx_stroom, "HEAD", 200)
    monkeypatch.setattr(xlsx_snel, "READ", read)
    body, number = [], 0
    for step, cells in rows:
        number += step
        body.append(_row_xml(number, cells, style, escapes))
    path = write_xlsx(tmp_path / "h.xlsx", sheet_xml("".join(body)), ["gedeeld", " twee ", "_x0041_"])
    fast, slow, cut = read_both(path)
    assert fast == slow
    event(f"rijen gesneden: {'ja' if cut else 'nee'}")  # (hypothesis --hypothesis-show-statistics)
    event(f"uitkomst: {'rijen' if isinstance(fast, list) else getattr(fast, '__name__', fast)}")
