"""Stream the rows of an .xlsx sheet with lxml, cell for cell as python-calamine reads them, one row at a time.

calamine holds a whole sheet while it parses it (it has no streaming API), so its memory grows with the
largest sheet of a school. This reader holds one row: the sheet's XML is read from the zip with
lxml.etree.iterparse and every row is freed once read. The shared strings are kept out of memory too: written
to a private temporary file while they are parsed, with only an index of offsets in memory.

Values are those of python-calamine 0.9.1 (calamine 0.37) after parse_child.py's conversion: an empty cell,
an empty string and an error cell (#N/A) are None, a whole number an int, a number with a date format a date
(a datetime when it has a time, a time below 1, a timedelta for [h]:mm formats), Excel's `_x00HH_` escapes in
text decoded as calamine does. Ported from calamine's xlsx/cells_reader.rs, formats.rs and datatype.rs; the
equivalence is tested cell for cell against calamine (tests/test_werkboek_stroom.py).

Most rows never reach lxml as cells: xlsx_snel.py cuts a row whose cells are all simple out of what lxml parses
(lxml still checks the whole document) and `_CUT_CELL`, one regular expression over a chunk's rows, takes them;
`_Cells.read_cut` gives what `_Cells.read` gives for them, tested against lxml alone (tests/test_werkboek_snel.py).
About twice as fast: a Python object per element was most of the time.

Safety (defusedxml-level): no part with a DTD is read (a DOCTYPE at a part's start or found by the parser is
refused), entities are never expanded, no network, lxml's size limits stay on (huge_tree off). The zip's size
was checked before (xlsx.check_container), and zipfile never unpacks more than a member's declared size.

Only the standard library and lxml: parse_child.py loads this file by path and imports nothing of opp (this
file then loads xlsx_snel.py beside it by path too).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
import operator
import os
import re
import tempfile
import zipfile
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

try:
    from . import xlsx_snel
except ImportError:  # loaded by its path in the parse helper (parse_child.py), outside the opp package
    _spec = importlib.util.spec_from_file_location("_opp_xlsx_snel", Path(__file__).with_name("xlsx_snel.py"))
    assert _spec is not None and _spec.loader is not None
    xlsx_snel = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(xlsx_snel)

WHOLE = 2.0 ** 53  # floats up to here are exact integers (as in parse_child.py)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
HEAD = 65536  # a DTD must come before the root element: a part's start is checked for one
OTHER, DATETIME, TIMEDELTA = 0, 1, 2
EPOCH = dt.datetime(1899, 12, 30)
MS_PER_DAY = 86_400_000.0
CACHE = 4096  # shared strings kept in memory once read (most cells repeat a few choices)
_ELEMENT_START = re.compile(rb"<[A-Za-z_]")


class XlsxFout(Exception):
    """The workbook's XML is not what a spreadsheet writes (the parent turns it into one Dutch line)."""


def _local(tag) -> str:
    """The local name of an element's tag ('' for a comment or processing instruction)."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _check_head(fh: IO[bytes], part: str) -> bytes:
    """The part's first bytes, refused when they declare a DTD or hold no element (a long prolog hides one)."""
    head = fh.read(HEAD)
    if b"<!DOCTYPE" in head.upper():
        raise XlsxFout(f"{part}: DTD")
    if head and not _ELEMENT_START.search(head):
        raise XlsxFout(f"{part}: geen element in het begin")
    return head


class _Joined:
    """A file object that gives back the bytes already read, then the rest (for iterparse)."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self._head, self._rest = head, rest

    def read(self, size: int = -1) -> bytes:
        if self._head:
            data, self._head = self._head, b""
            return data
        return self._rest.read(size if size and size > 0 else 1 << 16)


def _iterparse(fh: IO[bytes], part: str, tag: str):
    """iterparse over a part, its DTD refused (see the module docstring), elements named `tag` (any namespace)."""
    head = _check_head(fh, part)
    return etree.iterparse(_Joined(head, fh), events=("end",), tag=f"{{*}}{tag}", resolve_entities=False,
                           no_network=True, load_dtd=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def _no_dtd(context, part: str) -> None:
    root = context.root
    if root is not None and root.getroottree().docinfo.internalDTD is not None:
        raise XlsxFout(f"{part}: DTD")


def _no_dtd_in(element, part: str) -> None:
    if element.getroottree().docinfo.internalDTD is not None:
        raise XlsxFout(f"{part}: DTD")


def _parse_small(zf: zipfile.ZipFile, name: str) -> etree._Element:
    """A small part (workbook, relationships, styles) as a tree, under the same guards."""
    with zf.open(name) as fh:
        head = _check_head(fh, name)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        parser.feed(head)
        while chunk := fh.read(1 << 16):
            parser.feed(chunk)
        root = parser.close()
    if root.getroottree().docinfo.internalDTD is not None:
        raise XlsxFout(f"{name}: DTD")
    return root


# --- text ---------------------------------------------------------------------------------------------------

def unescape_xml(text: str) -> str:
    """calamine's utils::unescape_xml: `_x00HH_` becomes the character HH (only these, as calamine does)."""
    if "_x00" not in text:
        return text
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith("_x00", i) and i + 7 <= n and text[i + 6] == "_" and _hex_byte(text[i + 4:i + 6]):
            out.append(chr(int(text[i + 4:i + 6], 16)))
            i += 7
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def _hex_byte(digits: str) -> bool:
    """Rust's u8::from_str_radix(digits, 16): hex digits, a leading '+' allowed."""
    body = digits[1:] if digits.startswith("+") else digits
    return bool(body) and all(c in "0123456789abcdefABCDEF" for c in body)


def read_string(element) -> str:
    """calamine's read_string: the text of every <t> (not in a phonetic <rPh>), trimmed of ASCII whitespace
    unless xml:space="preserve", escapes decoded, runs joined."""
    if len(element) == 1:  # the usual <is><t>...</t></is>
        t = element[0]
        if len(t) == 0 and _local(t.tag) == "t":
            return _t_text(t)
    parts = []
    for t in element.iter("{*}t"):
        if any(_local(a.tag) == "rPh" for a in t.iterancestors()):
            continue
        parts.append(_t_text(t))
    return "".join(parts)


def _t_text(t) -> str:
    value = t.text or "" if len(t) == 0 else "".join(t.itertext())
    if t.get(XML_SPACE) != "preserve":
        value = value.strip(" \t\r\n")
    return unescape_xml(value) if "_x00" in value else value


class SharedStrings:
    """The shared strings table, out of memory: the strings in a private temporary file, their offsets in an
    array (8 bytes a string), the last few thousand read kept in a dict."""

    def __init__(self, zf: zipfile.ZipFile, name: str):
        self._file = tempfile.TemporaryFile(prefix="opp-")  # no name: deleted when closed, nobody else opens it
        self._offsets = array("q", [0])
        self._cache: dict[int, str] = {}
        try:
            self._read(zf, name)
        except BaseException:
            self._file.close()
            raise
        self._file.flush()
        self._fd = self._file.fileno()

    def _read(self, zf: zipfile.ZipFile, name: str) -> None:
        position = 0
        with zf.open(name) as fh:
            context = _iterparse(fh, name, "si")
            for count, (_event, si) in enumerate(context, start=1):
                if count == 1:
                    _no_dtd(context, name)
                data = read_string(si).encode("utf-8", "surrogatepass")
                self._file.write(data)
                position += len(data)
                self._offsets.append(position)
                if count % 256 == 0:  # strings read are dropped from the tree
                    parent = si.getparent()
                    if parent is not None:
                        del parent[:]
            _no_dtd(context, name)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def get(self, index: int) -> str:
        value = self._cache.get(index)
        if value is None:
            start, end = self._offsets[index], self._offsets[index + 1]
            value = os.pread(self._fd, end - start, start).decode("utf-8", "surrogatepass")
            if len(self._cache) >= CACHE:
                self._cache.clear()
            self._cache[index] = value
        return value

    def close(self) -> None:
        self._file.close()


# --- numbers and dates --------------------------------------------------------------------------------------

def is_date_format(code: str) -> int:
    """calamine's formats::detect_custom_number_format: DATETIME, TIMEDELTA or OTHER."""
    escaped = is_quote = hms = ap = False
    brackets = 0
    prev = " "
    for s in code:
        if escaped:
            escaped = False
        elif s in "_\\*":
            escaped = True
        elif is_quote:
            if s == '"':
                is_quote = False
        elif s == '"':
            is_quote = True
        elif s == ";":
            return OTHER
        elif s == "[":
            brackets = min(brackets + 1, 255)
        elif s == "]" and brackets == 1 and hms:
            return TIMEDELTA
        elif s == "]":
            brackets = max(brackets - 1, 0)
        elif s in "aA" and not ap and brackets == 0:
            ap = True
        elif s in "pm/PM" and ap and brackets == 0:
            return DATETIME
        elif s in "dmhysDMHYS" and not ap and brackets == 0:
            return DATETIME
        elif hms and s.lower() == prev.lower():
            pass
        else:
            hms = prev == "[" and s in "mhsMHS"
        prev = s
    return OTHER


def builtin_format(num_fmt_id: str) -> int:
    """calamine's formats::builtin_format_by_id."""
    if num_fmt_id in ("14", "15", "16", "17", "18", "19", "20", "21", "22", "45", "47"):
        return DATETIME
    return TIMEDELTA if num_fmt_id == "46" else OTHER


def _round(x: float) -> int:
    """Rust's f64::round (half away from zero) then `as i64` (NaN is 0)."""
    if math.isnan(x):
        return 0
    if math.isinf(x):
        return (1 << 63) - 1 if x > 0 else -(1 << 63)
    whole = math.floor(abs(x))
    if abs(x) - whole >= 0.5:
        whole += 1
    return int(math.copysign(whole, x))


def _excel_ms(value: float, is_1904: bool) -> int:
    """Milliseconds from 1899-12-30 as calamine's ExcelDateTime::as_datetime counts them (1900's leap day)."""
    f = value + 1462.0 if is_1904 else value
    if f < 60.0:
        f += 1.0
    return _round(f * MS_PER_DAY)


CHRONO_MS = 95_000_000 * 86_400_000  # about chrono's range (year -262,143): beyond it calamine gives the number


def date_value(value: float, kind: int, is_1904: bool):
    """A number with a date format as python-calamine gives it (its CellValue conversion)."""
    if kind == TIMEDELTA:
        try:
            return dt.timedelta(milliseconds=_round(value * MS_PER_DAY))
        except OverflowError:
            return value
    ms = _excel_ms(value, is_1904)
    if abs(ms) > CHRONO_MS:
        return value
    try:
        moment = EPOCH + dt.timedelta(milliseconds=ms)
    except OverflowError:  # beyond Python's years (1 to 9999)
        if value < 1.0:  # the time of day is still known
            return (dt.datetime.min + dt.timedelta(milliseconds=ms % 86_400_000)).time()
        return value
    if value < 1.0:
        return moment.time()
    if value.is_integer() and value < 2.0 ** 64:
        return moment.date()
    return moment


_FLOAT = re.compile(r"[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)", re.IGNORECASE)


def parse_float(text: str) -> float | None:
    """fast_float2's parse: a decimal number, inf or nan, nothing around it (no spaces or underscores)."""
    if _FLOAT.fullmatch(text) is None:
        return None
    return float(text)


_ISO_DATE = re.compile(r"[+-]?\d{4,}-\d{2}-\d{2}")


def iso_value(text: str):
    """A cell of type d (an ISO 8601 text) as python-calamine gives it; unreadable, the text itself."""
    try:
        if "T" in text:
            return dt.datetime.fromisoformat(text)
        if ":" in text:
            return dt.time.fromisoformat(text)
        if _ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    return text


# --- the workbook -------------------------------------------------------------------------------------------

class XlsxBoek:
    """An .xlsx workbook opened for streaming: its worksheets' names, the 1904 flag and the cell formats
    read at once, the shared strings (out of memory) when the first sheet is streamed, a sheet's rows when
    asked for."""

    def __init__(self, path: str):
        self._zip = zipfile.ZipFile(path)
        self._names = {n.replace("\\", "/").lower(): n for n in self._zip.namelist()}
        self._strings: SharedStrings | None = None
        self.cut = 0  # rows whose cells the fast path took (xlsx_snel.py), over every sheet read
        try:
            self._open()
        except BaseException:
            self.close()
            raise

    def _member(self, name: str) -> str | None:
        """calamine finds a part whatever its case and slashes."""
        return self._names.get(name.replace("\\", "/").lower())

    def _open(self) -> None:
        rels_name = self._member("xl/_rels/workbook.xml.rels")
        if rels_name is None:
            raise XlsxFout("xl/_rels/workbook.xml.rels ontbreekt")
        relationships = {}
        for rel in _parse_small(self._zip, rels_name).iter("{*}Relationship"):
            if rel.get("Id") is not None:
                relationships[rel.get("Id")] = (rel.get("Target") or "", rel.get("Type") or "")
        workbook = _parse_small(self._zip, self._member("xl/workbook.xml") or "xl/workbook.xml")
        self.is_1904 = False
        self.sheets: dict[str, str] = {}  # worksheet name -> its part, in workbook order
        for element in workbook.iter():
            local = _local(element.tag)
            if local == "workbookPr":
                self.is_1904 = element.get("date1904") in ("1", "true")
            elif local == "sheet":
                rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
                if rel_id not in relationships:
                    raise XlsxFout("relatie van een blad ontbreekt")
                target, kind = relationships[rel_id]
                part = target[1:] if target.startswith("/") else f"xl/{target}"
                kind = kind.rsplit("/", 1)[-1]
                if kind not in ("worksheet", "chartsheet", "dialogsheet"):
                    raise XlsxFout(f"onbekend soort blad: {kind}")
                if kind == "worksheet":
                    self.sheets[element.get("name") or ""] = part
        self.formats = self._formats()
        self._strings_read = False  # read when the first sheet is streamed

    def _shared_strings(self) -> SharedStrings | None:
        if not self._strings_read:
            self._strings_read = True
            strings = self._member("xl/sharedStrings.xml")
            if strings is not None:
                self._strings = SharedStrings(self._zip, strings)
        return self._strings

    def _formats(self) -> list[int]:
        """Per cell style (cellXfs), whether its number format is a date: calamine's read_styles."""
        name = self._member("xl/styles.xml")
        if name is None:
            return []
        root = _parse_small(self._zip, name)
        custom = {}
        for element in root.iter("{*}numFmts"):
            for fmt in element.iter("{*}numFmt"):
                if fmt.get("numFmtId") is not None and fmt.get("formatCode") is not None:
                    custom[fmt.get("numFmtId")] = fmt.get("formatCode")
        formats = []
        for element in root.iter("{*}cellXfs"):
            for xf in element.iter("{*}xf"):
                num = xf.get("numFmtId")
                if num is None:
                    formats.append(OTHER)
                elif num in custom:
                    formats.append(is_date_format(custom[num]))
                else:
                    formats.append(builtin_format(num))
        return formats

    def part_size(self, name: str) -> int:
        """The unpacked size of a sheet's XML (its zip entry's declared size)."""
        part = self._member(self.sheets[name])
        return self._zip.getinfo(part).file_size if part is not None else 0

    def strings_size(self) -> int:
        """The unpacked size of the shared strings' XML (0 when there are none)."""
        part = self._member("xl/sharedStrings.xml")
        return self._zip.getinfo(part).file_size if part is not None else 0

    def rows(self, name: str, cut: bool = True) -> Iterator[tuple[int, list]]:
        """Every row of a sheet that holds a cell, in order: (Excel row number, values from column A).
        Rows not in ascending order (no spreadsheet program writes them so) are refused. `cut` False reads
        every row with lxml (the reference of the fast path's tests)."""
        part = self._member(self.sheets[name])
        if part is None:
            raise XlsxFout(f"{self.sheets[name]} ontbreekt")
        strings = self._shared_strings()
        with self._zip.open(part) as fh:
            # Simple rows reach lxml without their cells (xlsx_snel.py); lxml still checks the whole document
            # and reads every row's own tag, so the row numbers, their order and the guards stay as they were.
            parser = etree.XMLPullParser(events=("start", "end"), tag=("{*}sheetData", "{*}row"),
                                         resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                         remove_comments=True, remove_pis=True)
            cells = _Cells(self, strings)
            context = xlsx_snel.CutRows(parser, _check_head(fh, part), fh, cells.simple_many, cells.read_cut, cut)
            row_index = 0  # calamine's 0-based row of the next row without an r attribute
            previous = 0
            count = 0
            namespace = False
            for batch in context:
                for row, r, cut_cells, values in batch:
                    if not count:
                        _no_dtd_in(row if row is not None else context.sheet_data, part)
                    count += 1
                    if row is None:  # cut whole: its values read, its r a plain number (xlsx_snel._ROW_TAG)
                        row_index = int(r) - 1
                    else:
                        if not namespace:
                            cells.namespace(row.tag)
                            namespace = True
                        r = row.get("r")
                        if r is not None:
                            row_index = _row_number(r) - 1
                        if cut_cells is not None:
                            values = cells.read_cut(cut_cells, r, row_index, False)
                        else:
                            values = cells.read(row, row_index, r) if len(row) else []
                    number = row_index + 1
                    row_index += 1
                    if count % 256 == 0 and row is not None:  # rows read are dropped from the tree (this one too)
                        parent = row.getparent()
                        if parent is not None:
                            del parent[:]
                    if values:
                        if number <= previous:
                            raise XlsxFout("rijen niet op volgorde")
                        previous = number
                        yield number, values
            _no_dtd(context, part)
            self.cut += context.cut

    def close(self) -> None:
        if self._strings is not None:
            self._strings.close()
        self._zip.close()


class _Cells:
    """Reads a row's cells (the hot loop of a read: tags compared whole, columns and date cells cached)."""

    def __init__(self, book: XlsxBoek, strings: SharedStrings | None):
        self.formats, self.strings, self.is_1904 = book.formats, strings, book.is_1904
        self.n_strings = len(strings) if strings is not None else 0  # the table is read before its cells
        self.kinds: dict[str | None, int] = {None: OTHER}  # style -> whether its number format is a date
        self.dates: dict[tuple[str, str | None], object] = {}  # (value, style) -> the date it reads as
        self.by_index: dict[str, str] = {}  # a shared string by the <v> text that indexes it (see shared)
        self.plain = False  # the rows of the last simple_many hold no reference or escape
        self.namespace("row")

    def namespace(self, row_tag: str) -> None:
        ns = row_tag[:-3] if row_tag.endswith("row") else ""
        self.C, self.V, self.IS, self.T, self.F = (ns + n for n in ("c", "v", "is", "t", "f"))

    def read(self, row, row_index: int, r: str | None) -> list:
        values: list = []
        col = 0
        C, V, IS, T, F = self.C, self.V, self.IS, self.T, self.F
        columns = _COLUMNS
        for c in row:
            if c.tag != C and _local(c.tag) != "c":
                continue
            ref = c.get("r")
            if ref is not None:
                letters = ref[:len(ref) - len(r)] if r is not None and ref.endswith(r) else None
                known = columns.get(letters) if letters else None
                col = _column_in_row(ref, row_index) if known is None else known
            value = None
            t = c.get("t")
            for child in c:
                tag = child.tag
                if tag == V:
                    if t == "inlineStr" or t == "is":
                        value = None
                    else:
                        value = self.v(child, t, c.get("s"))
                elif tag == IS:
                    value = None
                    if len(child) == 1:
                        tt = child[0]
                        if tt.tag == T and not len(tt):
                            text = tt.text or ""
                            if text and (text[0] in " \t\r\n" or text[-1] in " \t\r\n") \
                                    and tt.get(XML_SPACE) != "preserve":
                                text = text.strip(" \t\r\n")
                            value = unescape_xml(text) if "_x00" in text else text
                    if value is None:
                        value = read_string(child)
                elif tag == F:
                    value = None
                else:
                    local = _local(tag)
                    if local == "v" or local == "is" or local == "f":  # another namespace prefix for the same
                        value = _slow_child(self, child, local, t, c.get("s"))
                    elif local:
                        raise XlsxFout(f"onverwacht element in een cel: {local}")
            if value is not None and value != "":
                if value.__class__ is float and value.is_integer() and -WHOLE < value < WHOLE:
                    value = int(value)
                width = len(values)
                if col == width:  # the usual next cell
                    values.append(value)
                else:
                    if col > width:
                        values.extend([None] * (col - width + 1))
                    values[col] = value
            col += 1
        while values and values[-1] is None:
            values.pop()
        return values

    def simple_many(self, contents: list[bytes]) -> list[list[tuple[str, ...]] | None]:
        """_simple_cells_many, noting whether these rows hold any reference or escape (`read_cut` reads them)."""
        out, self.plain = _simple_cells_many(contents)
        return out

    def read_cut(self, cells: list[tuple[str, ...]], r: str | None, row_index: int = -1,
                 plain: bool | None = None) -> list:
        """What `read` gives for a row whose simple cells xlsx_snel.py cut out (see `_simple_cells`). Without a
        row index: a row of the last `simple_many` whose r is a plain number (one call a row: xlsx_snel calls
        this); `plain`: no text holds a reference or an `_x00` escape."""
        if row_index < 0:
            row_index, plain = int(r) - 1, self.plain  # type: ignore[arg-type]
        values: list = []
        append = values.append
        col = width = 0
        columns, by_index = _COLUMNS, self.by_index
        digits = len(r) if r is not None else 0
        value: Any
        for ref, string, kept, style, t, v, _other in cells:
            if ref:  # as in `read`
                known = columns.get(ref[:-digits]) if digits and ref.endswith(r) else None  # type: ignore[arg-type]
                col = _column_in_row(ref, row_index) if known is None else known
            if string:  # <is><t>: trimmed of ASCII whitespace, escapes decoded (the usual cell: kept short)
                if plain:
                    value = string.strip(" \t\r\n")
                else:
                    if "&" in string:
                        string = _xml_text(string)
                    value = string.strip(" \t\r\n")
                    if "_x00" in value:
                        value = unescape_xml(value)
            elif kept:  # <is><t xml:space="preserve">
                if "&" in kept:
                    kept = _xml_text(kept)
                value = unescape_xml(kept) if "_x00" in kept else kept
            elif v:
                if "&" in v:
                    v = _xml_text(v)
                if t == "inlineStr" or t == "is":
                    col += 1
                    continue
                if t == "s":  # a saved workbook's usual cell: straight to the table, not through value()
                    value = by_index.get(v)
                    if value is None:
                        value = self.shared(v)
                else:
                    value = self.value(v, t or None, style or None)
                    if value.__class__ is float and value.is_integer() and -WHOLE < value < WHOLE:
                        value = int(value)
            else:
                col += 1
                continue
            if value is not None and value != "":  # as in `read`
                if col == width:
                    append(value)
                    width += 1
                else:
                    width = _put(values, col, value)
            col += 1
        while values and values[-1] is None:
            values.pop()
        return values

    def v(self, v, t: str | None, style: str | None):
        """calamine's read_v: the value of a <v> by the cell's type and style."""
        return self.value((v.text or "") if not len(v) else "".join(v.itertext()), t, style)

    def shared(self, text: str) -> str:
        """A shared string (t="s") by its index in the table. Kept by the <v> text itself, so a cell that
        repeats one (most do) is a dictionary lookup, without the index parsed and checked again."""
        value = self.by_index.get(text)
        if value is None:
            index = int(text) if text.isascii() and text.isdigit() else 0
            if index >= self.n_strings:
                raise XlsxFout("gedeelde tekst ontbreekt")
            # n_strings is 0 without a table, so the check above has refused every index then
            value = self.strings.get(index)  # type: ignore[union-attr]
            if len(self.by_index) >= CACHE:
                self.by_index.clear()
            self.by_index[text] = value
        return value

    def value(self, text: str, t: str | None, style: str | None):
        """The value of a <v>'s text by the cell's type and style."""
        if t is None or t == "n":
            if not text:
                return None
            kind = self.kinds.get(style)
            if kind is None:
                index = int(style) if style is not None and style.isascii() and style.isdigit() else 0
                kind = self.kinds[style] = self.formats[index] if index < len(self.formats) else OTHER
            if kind == OTHER:
                if text.isdigit() and text.isascii():
                    return float(text)
                number = parse_float(text)
                if number is None:
                    if t is None:
                        return text
                    raise XlsxFout("geen getal in een getalcel")
                return number
            key = (text, style)
            value = self.dates.get(key)
            if value is None:
                number = parse_float(text)
                if number is None:
                    if t is None:
                        return text
                    raise XlsxFout("geen getal in een getalcel")
                value = date_value(number, kind, self.is_1904)
                if len(self.dates) >= CACHE:
                    self.dates.clear()
                self.dates[key] = value
            return value
        if t == "s":
            return self.shared(text) if text else None
        if t == "str":
            return text
        if t == "b":
            return text != "0" if text else None
        if t == "e":
            return None  # an error cell (#N/A): python-calamine gives no value
        if t == "d":
            return iso_value(text) if text else None
        raise XlsxFout(f"onbekend celtype: {t}")


# The simple cells of a row, and any other character but whitespace (then lxml reads the row). Only well-formed
# XML matches a cell: each attribute once in a fixed order, double quotes, no character XML forbids, no ">" (so
# no "]]>"), no CR (a parser turns it into LF; in a value also tab and LF into spaces), no reference but the five
# predefined ones and numeric ones (checked in _simple_cells). Groups: reference; the text of an inline string
# without and with xml:space="preserve"; the style, type and <v> text (not empty) of another cell; anything
# else. What a value does not depend on is matched, not taken (a string less a cell): an inline string's style
# and type. Possessive repeats: nothing to backtrack into (and a tenth faster).
_VALUE = r'"([^"<&\x00-\x1f]++)"'
_VALUE_UNTAKEN = r'"[^"<&\x00-\x1f]++"'
_CHARS = r"[^<&>\r\x00-\x08\x0b\x0c\x0e-\x1f]"
_TEXT = _CHARS + r"*+(?:&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});" + _CHARS + r"*+)*+"
_CUT_CELL = re.compile(r"<c(?: r=" + _VALUE + r")?(?:(?: s=" + _VALUE_UNTAKEN + r')? t="inlineStr"[ \t\r\n]*+>'
                       r"(?:<is><t>(" + _TEXT + r')</t></is>|<is><t xml:space="preserve">(' + _TEXT + r")</t></is>)?"
                       r"</c>|(?: s=" + _VALUE + r")?(?: t=" + _VALUE + r")?[ \t\r\n]*+(?:>(?:<v>((?!<)" + _TEXT
                       + r")</v>)?</c>|/>))|([^ \t\r\n])")
_LAST = operator.itemgetter(6)
_XML_REF = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_CHARACTER_REF = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")


def _simple_cells(content: bytes) -> list[tuple[str, ...]] | None:
    """A row's cells (its content between <row> and </row>) when they are all simple (see _CUT_CELL), else None:
    then lxml reads the row. Valid UTF-8 and valid character references are checked here, as a parser does."""
    try:
        text = content.decode()
    except UnicodeDecodeError:
        return None
    if "\ufffe" in text or "\uffff" in text:  # not XML characters (a search that ends at once in most text)
        return None
    cells = _CUT_CELL.findall(text)
    if any(map(_LAST, cells)):  # something else than a simple cell
        return None
    if "&#" in text and not _character_refs_valid(text):
        return None
    return cells


def _simple_cells_many(contents: list[bytes]) -> tuple[list[list[tuple[str, ...]] | None], bool]:
    """_simple_cells for many rows, with one decode and one regular expression over them all (the contents joined
    by a character no simple cell holds, which the expression reports as "something else"); and whether no
    reference or `_x00` escape is among them."""
    try:
        text = b"\x01".join(contents).decode()
    except UnicodeDecodeError:
        return [_simple_cells(content) for content in contents], False
    if "\ufffe" in text or "\uffff" in text or text.count("\x01") != len(contents) - 1:  # (a \x01 of a row's own)
        return [_simple_cells(content) for content in contents], False
    cells = _CUT_CELL.findall(text)
    out: list[list[tuple[str, ...]] | None] = []
    start, simple = 0, True
    for i in [i for i, other in enumerate(map(_LAST, cells)) if other]:
        if cells[i][6] == "\x01":  # the end of a row
            out.append(cells[start:i] if simple else None)
            start, simple = i + 1, True
        else:
            simple = False
    out.append(cells[start:] if simple else None)
    if "&#" in text:
        for k, content in enumerate(contents):
            if out[k] is not None and b"&#" in content and not _character_refs_valid(content.decode()):
                out[k] = None
    return out, "&" not in text and "_x00" not in text


def _character_refs_valid(text: str) -> bool:
    """Every numeric character reference names a character XML allows."""
    for reference in _CHARACTER_REF.findall(text):
        code = int(reference[1:], 16) if reference[0] == "x" else int(reference)
        if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
                or 0x10000 <= code <= 0x10FFFF):
            return False
    return True


def _put(values: list, col: int, value) -> int:
    """A value in its column when it is not the next one (a sparse row, or cells out of order); the new width."""
    width = len(values)
    if col > width:
        values.extend([None] * (col - width + 1))
    values[col] = value
    return len(values)


def _xml_text(text: str) -> str:
    """Text with its references replaced as an XML parser does (the grammar admits no other `&`)."""
    return _XML_REF.sub(_reference, text)


def _reference(match: re.Match) -> str:
    name = match.group(1)
    if name[0] != "#":
        return _NAMED[name]
    return chr(int(name[2:], 16) if name[1] == "x" else int(name[1:]))  # valid: _simple_cells checked it


def _slow_child(cells: _Cells, child, local: str, t: str | None, style: str | None):
    """A cell's <v>, <is> or <f> in another namespace than its row's (calamine matches local names)."""
    if local == "v":
        return None if t in ("inlineStr", "is") else cells.v(child, t, style)
    if local == "is":
        return read_string(child)
    return None


_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d*)")
_COLUMNS: dict[str, int] = {}


def _column_in_row(ref: str, row_index: int) -> int:
    """The 0-based column of a reference whose letters are not cached yet; its row must be the row's own."""
    cell_row, col = _cell_ref(ref)
    if cell_row is not None and cell_row != row_index:
        raise XlsxFout("cel buiten zijn rij")
    return col


def _cell_ref(ref: str) -> tuple[int | None, int]:
    """'AB12' -> (11, 27): 0-based row (None when the reference has none) and column."""
    letters = ref.rstrip("0123456789")
    col = _COLUMNS.get(letters)
    if col is None:
        match = _REF.fullmatch(ref)
        if match is None:
            raise XlsxFout("ongeldige celverwijzing")
        col = 0
        for ch in match.group(1).upper():
            col = col * 26 + ord(ch) - 64
        col -= 1
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = col
    digits = ref[len(letters):]
    return (int(digits) - 1 if digits else None), col


def _row_number(r: str) -> int:
    number = int(r) if r.isdigit() and r.isascii() else 0
    if number < 1:
        raise XlsxFout("ongeldig rijnummer")
    return number
