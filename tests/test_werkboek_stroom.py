"""The streaming .xlsx reader (xlsx_stroom.py) gives, cell for cell, what the calamine path gave.

The calamine path is parse_child.py's as it was: python-calamine's cells through `_rows` (an empty cell None,
a whole number an int), rows of only empty cells or spaces dropped, row 1 the headers. Trailing empty cells do
not count (calamine pads a row to the sheet's width, the stream does not).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from conftest import DATA, DATUM
from opp.data import demo_folder
from opp.werkboek import xlsx_stroom
from opp.werkboek.reader import read_werkboek
from opp.werkboek.xlsx_stroom import XlsxBoek, XlsxFout

_spec = importlib.util.spec_from_file_location("_parse_child", Path(xlsx_stroom.__file__).with_name("parse_child.py"))
assert _spec is not None and _spec.loader is not None
parse_child = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(parse_child)


def _strip(values) -> list:
    values = list(values)
    while values and values[-1] is None:
        values.pop()
    return values


def via_calamine(path: Path) -> dict:
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(path))
    out = {}
    for meta in wb.sheets_metadata:
        if meta.typ != pc.SheetTypeEnum.WorkSheet:
            continue
        sheet = wb.get_sheet_by_name(meta.name)
        if sheet.start is None:
            out[meta.name] = ([], [])
            continue
        rows = parse_child._rows(sheet.iter_rows(), sheet.start[1])
        _, headers = next(rows, (1, []))
        out[meta.name] = (_strip(headers), [(n, _strip(v)) for n, v in rows if parse_child._has_data(v)])
    return out


def via_stream(path: Path) -> dict:
    book = XlsxBoek(str(path))
    try:
        out = {}
        for name in book.sheets:
            rows = list(book.rows(name))
            headers = rows.pop(0)[1] if rows and rows[0][0] == 1 else []
            out[name] = (headers, [(n, v) for n, v in rows if parse_child._has_data(v)])
        return out
    finally:
        book.close()


def assert_same(path: Path) -> dict:
    theirs, ours = via_calamine(path), via_stream(path)
    assert list(ours) == list(theirs)
    for name in theirs:
        assert ours[name][0] == theirs[name][0], name
        assert ours[name][1] == theirs[name][1], name
        for (_, a), (_, b) in zip(ours[name][1], theirs[name][1], strict=True):
            assert [type(v) for v in a] == [type(v) for v in b], name  # 1 is not 1.0 nor True
    return ours


def _readable_corpus() -> list[Path]:
    return [p for p in sorted(DATA.glob("*.xlsx")) if zipfile.is_zipfile(p) and p.name != "xml-bom.xlsx"
            and "xl/workbook.xml" in zipfile.ZipFile(p).namelist()]


@pytest.mark.parametrize("path", [demo_folder() / "werkboek.xlsx", *_readable_corpus()], ids=lambda p: p.name)
def test_the_demo_and_the_corpus_read_the_same(path):
    try:
        theirs = via_calamine(path)
    except BaseException:  # a damaged workbook: the stream must refuse it too
        with pytest.raises(Exception):  # noqa: B017 - any failure is reported by the parent as one Dutch line
            via_stream(path)
        return
    assert assert_same(path) == theirs


def _odd_cells(path: Path) -> Path:
    """What a typed workbook holds that a reader can get wrong, in shared strings (openpyxl's default)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad"
    ws.append(["Kop A", None, "Kop C", "  kop met spaties  "])
    ws.append(["000123", 123, 1.5, True, False, 2 ** 40, -3, 1e300, 5e-324, 0.1 + 0.2, -0.0])
    ws.append([dt.date(2026, 3, 12), dt.datetime(2026, 3, 12, 10, 30, 15, 500_000), dt.time(13, 45),
               dt.date(1900, 1, 1), dt.date(1900, 3, 1), dt.datetime(1900, 2, 28, 23, 59), dt.timedelta(hours=30)])
    ws.append(["regel 1\nregel 2", "tab\tin", "_x0007_bel", "_x005F_x0041_", "ü € 中文 😀", "", "   "])
    ws.append([CellRichText(["vet ", TextBlock(InlineFont(b=True), "deel"), " en meer"]), "=1+1", "#N/A"])
    ws["C5"].data_type = "e"
    ws["E7"] = "na een lege rij"
    ws.cell(row=9, column=30, value="ver weg")  # column AD
    late = wb.create_sheet("Laat")
    late["C3"] = "eerste cel in C3"
    wb.create_sheet("Leeg")
    wb.save(path)
    return path


def test_odd_cells_written_by_openpyxl_read_the_same(tmp_path):
    ours = assert_same(_odd_cells(tmp_path / "w.xlsx"))
    rows = dict(ours["Blad"][1])
    assert rows[2][:4] == ["000123", 123, 1.5, True]
    assert rows[3][0] == dt.date(2026, 3, 12) and rows[3][2] == dt.time(13, 45)
    assert rows[4][2] == "\x07bel"  # calamine's decoding of _x00HH_, kept
    assert rows[9][29] == "ver weg"
    assert ours["Laat"] == ([], [(3, [None, None, "eerste cel in C3"])])
    assert ours["Leeg"] == ([], [])


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) staat niet op het PATH")
def test_workbooks_saved_by_libreoffice_read_the_same(tmp_path):
    """LibreOffice writes shared strings, its own styles and no inline strings."""
    sources = [_odd_cells(tmp_path / "odd.xlsx"), tmp_path / "demo.xlsx"]
    shutil.copy(demo_folder() / "werkboek.xlsx", sources[1])
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profiel'}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), *map(str, sources)],
                   check=True, capture_output=True, timeout=180)
    for source in sources:
        saved = out / source.name
        assert "xl/sharedStrings.xml" in zipfile.ZipFile(saved).namelist()
        assert_same(saved)


# --- hand-written XML: what spreadsheet programs rarely write, but calamine reads -----------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _xlsx(path: Path, sheet_data: str, shared: str | None = None, date1904: bool = False,
          num_fmts: str = "", xfs: str = '<xf numFmtId="0"/>', prefix: str = "") -> Path:
    ns = f'xmlns{":" + prefix if prefix else ""}="{MAIN}"'
    p = f"{prefix}:" if prefix else ""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                       'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/'
                           f'officeDocument/2006/relationships"><workbookPr date1904="{int(date1904)}"/><sheets>'
                           '<sheet name="Blad" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                                      'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                                      'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                                      'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/styles.xml": f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><numFmts>{num_fmts}</numFmts>'
                         f'<cellXfs>{xfs}</cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><{p}worksheet {ns}><{p}sheetData>{sheet_data}'
                                    f'</{p}sheetData></{p}worksheet>',
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = f'<?xml version="1.0"?><sst xmlns="{MAIN}">{shared}</sst>'
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return path


def test_cells_and_rows_without_references_and_every_cell_type(tmp_path):
    data = ('<row r="1"><c r="A1" t="inlineStr"><is><t>kop</t></is></c><c t="inlineStr"><is><t>zonder r</t></is></c>'
            '<c/><c t="s"><v>0</v></c></row>'
            '<row><c><v>7</v></c><c t="str"><v>formule &amp; tekst</v></c><c t="b"><v>0</v></c>'
            '<c t="e"><v>#DIV/0!</v></c><c t="d"><v>2026-03-12T10:30:00</v></c><c t="d"><v>2026-03-12</v></c>'
            '<c><f>1+1</f><v>2</v></c><c t="inlineStr"><is><r><t>rijk </t></r><r><rPr><b/></rPr><t>deel</t></r>'
            '<rPh><t>fonetisch</t></rPh></is></c></row>'
            '<row r="5" spans="1:3"><c r="C5" t="inlineStr"><is><t xml:space="preserve">  met spaties  </t></is></c>'
            '<c r="D5" t="inlineStr"><is><t>  getrimd\n</t></is></c><c r="E5"><v>abc</v></c>'
            '<c r="F5" t="inlineStr"><v>genegeerd</v><is><t>wel</t></is></c></row>'
            '<row r="6"><c r="A6" t="s"><v>1</v></c><c r="B6" t="s"><v>2</v></c><c r="C6" s="7"><v>3</v></c></row>')
    shared = ('<si><t>gedeeld</t></si><si><r><t>twee </t></r><r><t>runs</t></r></si>'
              '<si><t>_x000D_escape _x00e9_ _x0041</t></si>')
    ours = assert_same(_xlsx(tmp_path / "w.xlsx", data, shared))
    headers, rows = ours["Blad"]
    assert headers == ["kop", "zonder r", None, "gedeeld"]
    assert rows[0][1][:6] == [7, "formule & tekst", False, None, dt.datetime(2026, 3, 12, 10, 30),
                              dt.date(2026, 3, 12)]
    assert rows[0][1][6:] == [2, "rijkdeel"]  # each <t> trimmed: no xml:space="preserve"


@pytest.mark.parametrize("date1904", [False, True])
def test_dates_in_both_epochs_and_every_builtin_and_custom_format(tmp_path, date1904):
    builtin = [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 0, 1, 2, 49]
    custom = ['dd-mm-yyyy', '[h]:mm:ss', '"jaar" 0', '0.00 "d"', '[$-413]d mmmm yyyy', 'h:mm AM/PM', 'mm:ss.0',
              '[Red]0;[Blue]-0', '\\d0', '_d0', 'General', '[mm]:ss', 'yyyy"-"mm', 'AM/PM', 'a0', '0;dd']
    num_fmts = "".join(f'<numFmt numFmtId="{200 + i}" formatCode="{c.replace(chr(34), "&quot;")}"/>'
                       for i, c in enumerate(custom))
    ids = builtin + [200 + i for i in range(len(custom))]
    xfs = "".join(f'<xf numFmtId="{i}"/>' for i in ids)
    values = ["0", "0.5", "1", "59", "60", "61", "366.25", "45998", "45998.999999", "2958465", "2958466",
              "-1", "-0.25", "1e7", "0.0000001", "1.5e-3"]
    rows = []
    for r, value in enumerate(values, start=2):
        cells = "".join(f'<c r="{openpyxl.utils.get_column_letter(k + 1)}{r}" s="{k}"><v>{value}</v></c>'
                        for k in range(len(ids)))
        rows.append(f'<row r="{r}">{cells}</row>')
    assert_same(_xlsx(tmp_path / "w.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>k</t></is></c></row>'
                      + "".join(rows), num_fmts=num_fmts, xfs=xfs, date1904=date1904))


def test_a_prefixed_namespace_reads_the_same(tmp_path):
    data = ('<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>kop</x:t></x:is></x:c></x:row>'
            '<x:row r="2"><x:c r="A2"><x:v>1.25</x:v></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c>'
            '</x:row>')
    assert assert_same(_xlsx(tmp_path / "w.xlsx", data, prefix="x"))["Blad"] == (["kop"], [(2, [1.25, "x"])])


def test_rows_out_of_order_are_refused(tmp_path):
    """No spreadsheet program writes them so; the stream cannot sort them, so it says the file is unusual."""
    data = '<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>'
    with pytest.raises(XlsxFout):
        via_stream(_xlsx(tmp_path / "w.xlsx", data))


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
                                  "xl/worksheets/sheet1.xml"])
@pytest.mark.parametrize("padding", [0, 100_000])
def test_a_dtd_anywhere_is_refused_without_expanding(tmp_path, part, padding):
    path = _xlsx(tmp_path / "w.xlsx", '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', "<si><t>a</t></si>")
    dtd = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
           '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    comment = "<!--" + " " * padding + "-->"
    out = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            text = src.read(info.filename).decode()
            if info.filename == part:
                text = text.replace('<?xml version="1.0"?>', '<?xml version="1.0"?>' + comment + dtd, 1)
                text = text.replace("<t>a</t>", "<t>&c;</t>").replace('<v>0</v>', '<v>&c;</v>')
            dst.writestr(info, text)
    with pytest.raises(XlsxFout, match="DTD|element"):
        via_stream(out)


# --- hypothesis: any cell openpyxl can write ---------------------------------------------------------------

_piece = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(["\n", "\t", " ", "0"]),
                 max_size=6) | st.sampled_from(["_x000D_", "_x0041_", "_x005F_x0041_", "_x", "_x00", "_x00+F_"])
_text = st.lists(_piece, max_size=3).map("".join)
_cell = st.one_of(
    st.none(), _text, st.from_regex(r"0[0-9]{1,8}", fullmatch=True), st.booleans(),
    st.integers(-(2 ** 62), 2 ** 62), st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)), st.times(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_cell, max_size=6), min_size=1, max_size=5), inline=st.booleans())
def test_any_cells_read_the_same(tmp_path, rows, inline):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value is not None:
                cell = ws.cell(row=r, column=c, value=value)
                if inline and isinstance(value, str):
                    cell.data_type = "inlineStr"
    path = tmp_path / "h.xlsx"
    wb.save(path)
    assert_same(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=st.text(st.sampled_from(list('dmyhsDMHYSaApP[]"\\_*;0#.,-/: eE@')), min_size=1, max_size=10),
       value=st.floats(-1e6, 3e6, allow_nan=False))
def test_any_number_format_reads_the_same(tmp_path, code, value):
    """Whether a format is a date is calamine's rule, character for character (quotes, brackets, escapes)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "kop"
    ws["A2"] = value
    ws["A2"].number_format = code
    path = tmp_path / "f.xlsx"
    wb.save(path)
    assert_same(path)


@pytest.mark.parametrize("path", [demo_folder() / "werkboek.xlsx", DATA / "fouten.xlsx"], ids=lambda p: p.name)
def test_the_parse_helper_streaming_every_sheet_gives_the_same_report(path, monkeypatch):
    """Through the parse helper, as a command reads: small sheets by calamine (the default) or all streamed."""
    def report(calamine_tot: str | None):
        if calamine_tot is None:
            monkeypatch.delenv("OPP_CALAMINE_TOT", raising=False)
        else:
            monkeypatch.setenv("OPP_CALAMINE_TOT", calamine_tot)
        werkboek = read_werkboek(path, DATUM)
        try:
            dossiers = dict(werkboek.dossiers.items())
            return werkboek.report.model_dump(), dossiers
        finally:
            werkboek.close()
    assert report("0") == report(None)
