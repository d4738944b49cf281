"""The tracker sheet's rows as XML, read and written one row at a time (a school of 20,000 in flat memory).

openpyxl holds every cell of a workbook as an object (about 300 bytes each: a tracker of 60,000 rows is
a gigabyte). So the sync lets openpyxl handle everything but the rows of the tracker sheet: the package is
opened with that sheet's rows left out (`zonder_rijen`), openpyxl does the header, validations, colours,
filter, her other sheets and the Overzicht, and saves a small package; `schrijf_pakket` then streams the
rows back into it, changed where the sync changes them and otherwise as they were (her values, styles,
hidden rows and heights, rich text). Her shared strings become inline strings (valid for Excel, which
turns them back into shared strings when it saves). Attributes in other namespaces and the rows'
'spans' hint are dropped, as openpyxl drops them.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from array import array
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, Any

import defusedxml.ElementTree as DET
from lxml import etree
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = "http://www.w3.org/XML/1998/namespace"
_ROW, _C, _SI = f"{{{NS}}}row", f"{{{NS}}}c", f"{{{NS}}}si"
_F, _V, _IS, _T, _RUN = f"{{{NS}}}f", f"{{{NS}}}v", f"{{{NS}}}is", f"{{{NS}}}t", f"{{{NS}}}r"


def _parse(bron: IO[bytes], tag: str) -> Iterator[Any]:
    """Elements `tag` as they end, each dropped after use, so what was read is not kept. lxml's parser (C,
    three times defusedxml's pure-Python one on a school's tracker), told to resolve no entities, load no
    DTD and fetch nothing."""
    for _, el in etree.iterparse(bron, events=("end",), tag=tag, resolve_entities=False, no_network=True,
                                 load_dtd=False):
        yield el
        el.clear(keep_tail=True)
        while el.getprevious() is not None:  # earlier siblings stay referenced by the parent otherwise
            del el.getparent()[0]


# ---- where the sheets are --------------------------------------------------------------------------

def bladen(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> its part in the package (worksheets only), in workbook order."""
    wb = DET.fromstring(zf.read("xl/workbook.xml"), forbid_dtd=True)
    rels = DET.fromstring(zf.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    doelen = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{_PR}}}Relationship")
              if r.get("Type", "").endswith("/worksheet")}
    result = {}
    for sheet in wb.iter(f"{{{NS}}}sheet"):
        doel = doelen.get(sheet.get(f"{{{_R}}}id") or "")
        if doel:
            result[sheet.get("name", "")] = doel.lstrip("/") if doel.startswith("/") else str(
                PurePosixPath("xl") / doel)
    return result


# ---- shared strings ---------------------------------------------------------------------------------

class Strings:
    """The shared strings: per index its text and its XML (rich runs kept), packed in two blobs."""

    def __init__(self, zf: zipfile.ZipFile | None = None):
        self._xml, self._tekst = bytearray(), bytearray()
        self._xml_eind, self._tekst_eind = array("Q"), array("Q")
        if zf is None or "xl/sharedStrings.xml" not in zf.namelist():
            return
        with zf.open("xl/sharedStrings.xml") as bron:
            for si in _parse(bron, _SI):
                self._xml += "".join(_xml(kind) for kind in si).encode()
                self._xml_eind.append(len(self._xml))
                self._tekst += _tekst(si).encode()
                self._tekst_eind.append(len(self._tekst))

    def _deel(self, blob: bytearray, einden: array, i: int) -> str:
        if not 0 <= i < len(einden):
            return ""
        return blob[einden[i - 1] if i else 0:einden[i]].decode()

    def xml(self, i: int) -> str:
        return self._deel(self._xml, self._xml_eind, i)

    def tekst(self, i: int) -> str:
        return self._deel(self._tekst, self._tekst_eind, i)


def _tekst(el) -> str:
    """The text of a string item: its <t>, or the <t> of its runs; phonetic runs (<rPh>) left out."""
    delen = []
    for kind in el:
        if kind.tag == _T:
            delen.append(kind.text or "")
        elif kind.tag == _RUN:
            delen.extend(t.text or "" for t in kind if t.tag == _T)
    return "".join(delen)


# ---- rows -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Datums:
    """Which cell styles show a number as a date or a duration (the workbook's, as openpyxl found them), so a
    date she typed reads as the date openpyxl gives, not as Excel's serial number."""

    datum: frozenset[int] = frozenset()
    duur: frozenset[int] = frozenset()
    epoch: Any = WINDOWS_EPOCH

    @classmethod
    def van(cls, wb) -> Datums:
        return cls(frozenset(wb._date_formats), frozenset(wb._timedelta_formats), wb.epoch)

    def waarde(self, s: int, getal: int | float) -> object:
        if s not in self.datum:
            return getal
        try:
            return from_excel(getal, self.epoch, timedelta=s in self.duur)
        except (ValueError, OverflowError):  # a number no date can be: as openpyxl, keep the number
            return getal


GEEN_DATUMS = Datums()


@dataclass(slots=True)
class Cel:
    """One cell as XML: its style, its type and what is inside (<f>, <v>, <is>), and the value as openpyxl
    (not read-only) would give it: a formula as its text with '=', a number, a string, a bool."""

    s: int = 0
    t: str | None = None
    inhoud: str = ""
    waarde: object = None


@dataclass(slots=True)
class Rij:
    nummer: int
    attrs: dict[str, str] = field(default_factory=dict)
    cellen: dict[int, Cel] = field(default_factory=dict)

    def waarde(self, kolom: int) -> object:
        cel = self.cellen.get(kolom)
        return None if cel is None else cel.waarde


GEVULD = object()  # the value of a cell that is not empty, in a column whose values were not asked for


def lees_rijen(zf: zipfile.ZipFile, deel: str, strings: Strings, met_xml: bool = True,
               datums: Datums = GEEN_DATUMS, alleen: Container[int] | None = None) -> Iterator[Rij]:
    """Every row of the sheet in `deel`, in file order, one at a time (without each cell's XML when only its
    value is asked for: `met_xml` False; with the values of the columns in `alleen` only, when given: another
    column's cell has GEVULD or None, and its style)."""
    with zf.open(deel) as bron:
        volgende = 1
        for el in _parse(bron, _ROW):
            nummer = int(el.get("r") or volgende)
            volgende = nummer + 1
            attrs = {k: v for k, v in el.attrib.items() if not k.startswith("{") and k not in ("r", "spans")}
            rij = Rij(nummer, attrs)
            kolom = 0
            for c in el.iter(_C):
                kolom = _kolom(c.get("r"), kolom)
                if alleen is None or kolom in alleen:
                    rij.cellen[kolom] = _cel(c, strings, met_xml, datums)
                else:
                    s_ = c.get("s")
                    rij.cellen[kolom] = Cel(int(s_) if s_ else 0, None, "", GEVULD if _gevuld(c, strings) else None)
            yield rij


def _gevuld(c, strings: Strings) -> bool:
    """Whether _cel would give the cell a value that is not empty (None or ''), without making it."""
    t = c.get("t")
    for kind in c:
        tag = kind.tag
        if tag == _F:
            return True
        if tag == _IS and t == "inlineStr":
            return bool(_tekst(kind))
        if tag == _V and t != "inlineStr" and kind.text:
            if t == "s":
                tekst = kind.text
                return bool(strings.tekst(int(tekst) if tekst.strip().isdigit() else -1))
            return True
    return False


@functools.cache
def _letters(letters: str) -> int | None:
    try:
        return column_index_from_string(letters)
    except ValueError:
        return None


def _kolom(ref: str | None, vorige: int) -> int:
    """The column of a cell's reference ('AB12' -> 28); without one (allowed), the one after the previous."""
    kolom = _letters(ref.rstrip("0123456789")) if ref else None
    return vorige + 1 if kolom is None else kolom


def _cel(c, strings: Strings, met_xml: bool, datums: Datums) -> Cel:
    s_, t = c.get("s"), c.get("t")
    s = int(s_) if s_ else 0
    f = v = is_ = None
    gewoon = True  # nothing but a plain <v> (or nothing): its XML is written from the value
    for kind in c:  # one look at the children (find() parses a path each time)
        tag = kind.tag
        if tag == _V:
            v = kind
            gewoon = gewoon and not kind.attrib
        elif tag == _F:
            f, gewoon = kind, False
        elif tag == _IS:
            is_, gewoon = kind, False
        else:
            gewoon = False
    tekst = v.text if v is not None else None
    if t == "s":  # shared -> inline, so the package needs no shared strings table of hers
        i = int(tekst) if tekst and tekst.strip().isdigit() else -1
        return Cel(s, "inlineStr", f"<is>{strings.xml(i)}</is>" if met_xml else "", strings.tekst(i) or None)
    if t == "inlineStr" and f is None:
        waarde = (_tekst(is_) if is_ is not None else "") or None
        if not met_xml:
            return Cel(s, t, "", waarde)
        if is_ is not None and len(is_) == 1 and is_[0].tag == _T and not (is_.attrib or is_.text):  # one <t>
            return Cel(s, t, f'<is><t xml:space="preserve">{_esc(is_[0].text or "")}</t></is>', waarde)
        return Cel(s, t, "".join(_xml(kind) for kind in c if kind.tag in (_F, _V, _IS)), waarde)
    if not met_xml:
        inhoud = ""
    elif gewoon:  # the common case: a value
        inhoud = f"<v>{_esc(tekst or '')}</v>" if v is not None else ""
    else:
        inhoud = "".join(_xml(kind) for kind in c if kind.tag in (_F, _V, _IS))
    if f is not None:
        return Cel(s, t, inhoud, "=" + (f.text or ""))
    if tekst is None:
        return Cel(s, t, inhoud, None)
    if t in ("str", "e"):
        return Cel(s, t, inhoud, tekst)
    if t == "b":
        return Cel(s, t, inhoud, tekst.strip() in ("1", "true"))
    try:
        getal = float(tekst)
    except ValueError:
        return Cel(s, t, inhoud, tekst)
    getal_ = int(getal) if getal.is_integer() and "." not in tekst and "E" not in tekst.upper() else getal
    return Cel(s, t, inhoud, datums.waarde(s, getal_))


def _xml(el) -> str:
    """An element of the main namespace as XML without namespace declarations (they are the document's)."""
    if not isinstance(el.tag, str) or not el.tag.startswith(f"{{{NS}}}"):
        return ""  # comments, processing instructions, other namespaces: dropped, as openpyxl drops them
    naam = el.tag[len(NS) + 2:]
    attrs = "".join(f' {_attr_naam(k)}="{_esc(v, True)}"' for k, v in el.attrib.items()
                    if not k.startswith("{") or k.startswith(f"{{{_XML}}}"))
    binnen = _esc(el.text or "") + "".join(_xml(kind) + _esc(kind.tail or "") for kind in el)
    return f"<{naam}{attrs}>{binnen}</{naam}>" if binnen else f"<{naam}{attrs}/>"


def _attr_naam(k: str) -> str:
    return "xml:" + k.split("}", 1)[1] if k.startswith("{") else k


def _esc(tekst: str, attr: bool = False) -> str:
    tekst = tekst.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return tekst.replace('"', "&quot;") if attr else tekst


# ---- writing ----------------------------------------------------------------------------------------

class Formule(str):
    """A formula to write (our own, starting with '=')."""


def cel_xml(kolom: int, nummer: int, cel: Cel) -> str:
    ref = f"{get_column_letter(kolom)}{nummer}"
    s = f' s="{cel.s}"' if cel.s else ""
    t = f' t="{cel.t}"' if cel.t else ""
    if not cel.inhoud:
        return f'<c r="{ref}"{s}{t}/>' if cel.s else ""
    return f'<c r="{ref}"{s}{t}>{cel.inhoud}</c>'


def nieuwe_cel(waarde, s: int) -> Cel:
    """A cell for a value the sync writes: text as inline text, a number, our formula, or empty."""
    if isinstance(waarde, Formule):
        return Cel(s, None, f"<f>{_esc(waarde[1:])}</f><v></v>", str(waarde))
    if isinstance(waarde, str):
        tekst = ILLEGAL_CHARACTERS_RE.sub("", waarde)
        return Cel(s, "inlineStr", f'<is><t xml:space="preserve">{_esc(tekst)}</t></is>', tekst)
    if isinstance(waarde, bool) or not isinstance(waarde, (int, float, type(None))):
        raise TypeError(f"unsupported cell value {type(waarde).__name__}")
    if waarde is None:
        return Cel(s, None, "", None)
    return Cel(s, None, f"<v>{waarde!r}</v>", waarde)


def rij_xml(rij: Rij) -> str:
    attrs = "".join(f' {k}="{_esc(v, True)}"' for k, v in rij.attrs.items())
    cellen = "".join(cel_xml(k, rij.nummer, rij.cellen[k]) for k in sorted(rij.cellen))
    if not cellen and not attrs:
        return ""
    return f'<row r="{rij.nummer}"{attrs}>{cellen}</row>'


_SHEETDATA = re.compile(rb"<sheetData\s*/>|<sheetData>(.*?)</sheetData>", re.S)
_RIJ1 = re.compile(rb'<row r="1"[ >].*?</row>|<row r="1"[^>]*/>', re.S)
_DIMENSIE = re.compile(rb'<dimension ref="[^"]*"\s*/>')


def zonder_rijen(zf: zipfile.ZipFile, deel: str, strings: Strings, uit: zipfile.ZipFile) -> None:
    """Copy the package in `zf` into `uit` with only the first row of the sheet in `deel`, for openpyxl."""
    for info in zf.infolist():
        if info.filename != deel:
            uit.writestr(info, zf.read(info.filename))
            continue
        with zf.open(deel) as bron:
            kop = _tot_sheetdata(bron)
        rij1 = next((r for r in lees_rijen(zf, deel, strings) if r.nummer == 1), None)
        with zf.open(deel) as bron:
            staart = _na_sheetdata(bron)
        uit.writestr(info.filename, kop + b"<sheetData>" + (rij_xml(rij1).encode() if rij1 else b"")
                     + b"</sheetData>" + staart)


def _tot_sheetdata(bron: IO[bytes]) -> bytes:
    """The sheet's XML before <sheetData> (read in pieces: the sheet itself may be large)."""
    buf = b""
    while True:
        stuk = bron.read(1 << 16)
        buf += stuk
        i = buf.find(b"<sheetData")
        if i >= 0:
            return buf[:i]
        if not stuk:
            return buf


def _na_sheetdata(bron: IO[bytes]) -> bytes:
    """The sheet's XML after </sheetData> (or after an empty <sheetData/>)."""
    staart, buf = b"", b""
    gevonden = False
    while True:
        stuk = bron.read(1 << 16)
        if not stuk:
            break
        buf += stuk
        if not gevonden:
            m = re.search(rb"</sheetData>|<sheetData\s*/>", buf)
            if m:
                gevonden, buf = True, buf[m.end():]
            else:
                buf = buf[-64:]
    staart = buf if gevonden else b""
    return staart


def schrijf_pakket(klein: bytes, titel: str, rijen: Callable[[], Iterator[Rij]], eind: tuple[int, int],
                   pad: str) -> None:
    """Write to `pad` the package openpyxl saved (`klein`), with the rows of sheet `titel` from its row 2 on
    taken from `rijen()` (its row 1 is openpyxl's). `eind` = (last row, last column) for the dimension."""
    with zipfile.ZipFile(io.BytesIO(klein)) as zf, zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as uit:
        deel = bladen(zf)[titel]
        for info in zf.infolist():
            data = zf.read(info.filename)
            if info.filename != deel:
                uit.writestr(info, data)
                continue
            m = _SHEETDATA.search(data)
            assert m is not None, "openpyxl writes a sheetData"
            rij1 = _RIJ1.search(m.group(1) or b"")
            kop = _DIMENSIE.sub(f'<dimension ref="A1:{get_column_letter(eind[1])}{eind[0]}"/>'.encode(),
                                data[:m.start()])
            nieuw = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            with uit.open(nieuw, "w") as doel:
                doel.write(kop + b"<sheetData>" + (rij1.group(0) if rij1 else b""))
                stukken: list[str] = []
                for rij in rijen():
                    if rij.nummer < 2:
                        continue
                    stukken.append(rij_xml(rij))
                    if len(stukken) >= 500:
                        doel.write("".join(stukken).encode())
                        stukken.clear()
                doel.write("".join(stukken).encode() + b"</sheetData>" + data[m.end():])


