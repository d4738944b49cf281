"""Build tests/data: small named input files, one per way a workbook can be unusable, plus good CSV folders.

    python scripts/make_corpus.py

The files are committed; the tests read them as a user's files would be read. See tests/data/README.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_demo import TIJDSTIP, reproducible_zip  # noqa: E402
from opp.werkboek.blank import write_workbook  # noqa: E402
from opp.werkboek.xlsx import OLE_MAGIC  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
D = dt.date

SCHOOL: dict[str, object] = {"naam": "Praktijkschool Proefhoeve", "brin": "99YY",
                             "samenwerkingsverband": "SWV Proefregio", "schooljaar": "2026-2027",
                             "schooltype": "praktijkonderwijs"}

ROWS: dict[str, list[dict]] = {
    "Leerlingen": [
        {"leerlingnummer": "000123", "roepnaam": "Zoë", "achternaam": "D'Souza", "geboortedatum": D(2012, 5, 14),
         "klas": "PrO 2A", "leerjaar": 2, "mentor": "dhr. P. Jansen", "datum_inschrijving": D(2025, 8, 25),
         "uitstroomrichting": "arbeid", "uitstroombestemming": "Werk in de zorg; eerst de Entree-opleiding",
         "onderbouwing_uitstroom": 'Helpt graag in het café van school, zegt: "ik wil helpen"; leert door te doen.',
         "invulling_praktijkonderwijs": "Theorie in kleine stappen;\nstage in de zorg vanaf leerjaar 3.",
         "inbreng_leerling": "Ik wil later in een verzorgingshuis werken.", "datum_hoorrecht": D(2025, 9, 29),
         "hoorrecht_hoe": "gesprek", "hoorrecht_door": "dhr. P. Jansen", "datum_oogo": D(2025, 10, 1),
         "datum_eerste_vaststelling": D(2025, 10, 2), "datum_vaststelling": D(2026, 10, 1),
         "datum_evaluatie": D(2026, 6, 18), "datum_volgende_evaluatie": D(2027, 6, 17)},
        {"leerlingnummer": "000124", "roepnaam": "Daan", "tussenvoegsel": "van der", "achternaam": "Meer",
         "geboortedatum": D(2008, 2, 29), "klas": "PrO 5B", "leerjaar": 5, "mentor": "mw. S. Meijer",
         "datum_inschrijving": D(2021, 8, 30), "uitstroomrichting": "arbeid",
         "uitstroombestemming": "Werk in de logistiek", "onderbouwing_uitstroom": "Stage gaat goed, tempo is hoog.",
         "invulling_praktijkonderwijs": "Stage drie dagen, school twee dagen.",
         "inbreng_leerling": "Op stage gaat het goed; plannen vind ik lastig."},
    ],
    "Verzorgers": [
        {"leerlingnummer": "000123", "naam": "mw. A. D'Souza", "relatie": "moeder", "gezag": "ja"},
        {"leerlingnummer": "000124", "naam": "dhr. B. van der Meer", "relatie": "vader", "gezag": "nee"},
    ],
    "Factoren": [
        {"leerlingnummer": "000123", "domein": "sociaal-emotioneel", "soort": "bevorderend",
         "omschrijving": "Is vriendelijk, behulpzaam en geduldig."},
        {"leerlingnummer": "000124", "domein": "werkhouding", "soort": "belemmerend",
         "omschrijving": "Plant slecht, vergeet afspraken; heeft een agenda nodig."},
        {"leerlingnummer": "000123", "domein": "didactisch", "soort": "belemmerend",
         "omschrijving": "Leest traag; lange teksten haakt ze af."},
        {"leerlingnummer": "000124", "domein": "werkhouding", "soort": "bevorderend",
         "omschrijving": "Werkt in een hoog tempo en is altijd op tijd."},
    ],
    "Ondersteuning": [
        {"leerlingnummer": "000123", "lijn": "1e lijn", "interventie": "Teksten laten voorlezen", "door": "mentor"},
        {"leerlingnummer": "000124", "lijn": "2e lijn", "interventie": "Wekelijks planningsgesprek",
         "door": "trajectbegeleider", "frequentie": "wekelijks 15 minuten"},
    ],
    "Onderwijsbehoeften": [
        {"leerlingnummer": "000123", "omschrijving": "heeft behoefte aan korte instructie met een voorbeeld",
         "domein": "didactisch"},
    ],
    "Toetsen": [
        {"leerlingnummer": "000123", "onderdeel": "begrijpend lezen", "instrument": "Cito Begrijpend lezen",
         "datum": D(2026, 1, 22), "dl": 60, "dle": 27, "functioneringsniveau": "eind groep 5"},
        {"leerlingnummer": "000123", "onderdeel": "intelligentie", "instrument": "WISC-V", "datum": D(2025, 3, 10),
         "score": 72},
    ],
    "Doelen": [
        {"leerlingnummer": "000123", "plan": "OPP", "domein": "werken", "periode": "1",
         "doel": "Zoë werkt 20 minuten zelfstandig aan een opdracht.", "evaluatiedatum": D(2026, 11, 12),
         "status": "behaald", "evaluatie": "Lukt in elke praktijkles."},
        {"leerlingnummer": "000124", "plan": "IOP", "domein": "wonen", "periode": "jaar",
         "doel": "Ik maak een weekmenu met boodschappenlijst.", "status": "bezig"},
        {"leerlingnummer": "000124", "plan": "OPP", "domein": "werken", "periode": "jaar",
         "doel": "Daan plant zijn stageweek zelf in zijn agenda.", "status": "bezig"},
    ],
}


def xlsx_to_csv(xlsx: Path, folder: Path, delimiter: str, bom: bool, encoding: str = "utf-8") -> None:
    """What Excel's 'Save as CSV' writes: one file per sheet, dates as dd-mm-jjjj."""
    folder.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.load_workbook(xlsx)
    for ws in wb.worksheets:
        if ws.title in ("Uitleg", "Keuzelijsten"):
            continue
        with open(folder / f"{ws.title.lower()}.csv", "w", encoding=encoding, newline="") as fh:
            if bom:
                fh.write("\ufeff")
            writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
            for row in ws.iter_rows(values_only=True):
                writer.writerow([_csv_cell(v) for v in row])


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _zip(path: Path, files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=TIJDSTIP.timetuple()[:6]), data)


def _workbook(path: Path, rows=None, school=None) -> Path:
    write_workbook(path, ROWS if rows is None else rows, SCHOOL if school is None else school)
    reproducible_zip(path, TIJDSTIP)
    return path


def build(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for child in out.iterdir():  # start clean, but keep the hand-written README
        if child.is_dir():
            shutil.rmtree(child)
        elif child.name != "README.md":
            child.unlink()
    tmp = Path(tempfile.mkdtemp())
    good = _workbook(tmp / "goed.xlsx")

    # Good CSV folders: the four dialects Dutch users produce.
    for name, delimiter, bom in (("csv-puntkomma", ";", False), ("csv-puntkomma-bom", ";", True),
                                 ("csv-komma", ",", False), ("csv-komma-bom", ",", True)):
        xlsx_to_csv(good, out / name, delimiter, bom)

    # Unusable input, one file per case.
    (out / "geen-csv").mkdir()
    (out / "geen-csv" / "notities.txt").write_text("Hier staan geen CSV-bestanden van een werkboek.\n")
    xlsx_to_csv(good, out / "niet-utf8", ";", False)
    leerlingen = out / "niet-utf8" / "leerlingen.csv"  # saved by an old Excel as 'CSV': cp1252, "café"
    leerlingen.write_bytes(leerlingen.read_text(encoding="utf-8").encode("cp1252"))
    _zip(out / "document.xlsx", {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                               b'2006/content-types"/>',
        "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                             b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Een brief</w:t></w:r></w:p>'
                             b'</w:body></w:document>',
    })
    data = good.read_bytes()
    (out / "kapot.xlsx").write_bytes(data[: len(data) // 2])  # a download that broke off halfway
    (out / "beschadigd.xlsx").write_bytes(_damage_member(good, "xl/workbook.xml"))
    (out / "beveiligd.xlsx").write_bytes(OLE_MAGIC + bytes(504))  # Excel encrypts into an OLE container
    (out / "oud.xls").write_bytes(OLE_MAGIC + bytes(504))
    (out / "leeg-bestand.xlsx").write_bytes(b"")
    empty = openpyxl.Workbook()
    empty.save(out / "leeg.xlsx")
    reproducible_zip(out / "leeg.xlsx", TIJDSTIP)
    (out / "xml-bom.xlsx").write_bytes(_with_member(good, "xl/worksheets/sheet3.xml", BILLION_LAUGHS))
    shutil.copy(out / "csv-puntkomma" / "leerlingen.csv", out / "enkel-bestand.csv")
    (out / "kapot.ods").write_bytes(b"PK\x03\x04 een LibreOffice-rekenblad")  # a zip header, then nothing
    (out / "brief.txt").write_text("Beste ouders,\n", encoding="utf-8")

    # Data problems: usable, but exit 1 with located messages.
    fouten = _workbook(out / "fouten.xlsx", rows={
        **ROWS,
        "Leerlingen": [{**ROWS["Leerlingen"][0], "geboortedatum": "31-02-2012"}, ROWS["Leerlingen"][1]],
        "Doelen": [{**ROWS["Doelen"][0], "status": "klaar"}, *ROWS["Doelen"][1:]],
        "Verzorgers": ROWS["Verzorgers"] + [{"leerlingnummer": "999999", "naam": "mw. X", "relatie": "moeder",
                                             "gezag": "ja"}],
    })
    wb = openpyxl.load_workbook(fouten)
    ws = wb["Leerlingen"]
    ws.cell(1, ws.max_column + 1, "BSN")
    ws.cell(2, ws.max_column, "999999990")
    wb.save(fouten)
    reproducible_zip(fouten, TIJDSTIP)

    # The same workbook as LibreOffice Calc saves it (.ods): the same problems at the same places.
    content = ods_content(fouten)
    _ods(out / "fouten.ods", content)
    _ods(out / "beveiligd.ods", content, encrypted=True)  # saved with a password: the manifest says so
    _ods(out / "xml-bom.ods", BILLION_LAUGHS_ODS)
    shutil.rmtree(tmp)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""


BILLION_LAUGHS_ODS = BILLION_LAUGHS.split(b"]>")[0] + b"""]>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>
<table:table table:name="Leerlingen"><table:table-row>""" b"""<table:table-cell office:value-type="string">""" \
    b"""<text:p>&lol9;</text:p>
</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"""

ODS_NAMESPACES = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"')


def ods_content(xlsx: Path) -> bytes:
    """content.xml of an .ods with the sheets and values of a workbook: text, numbers, dates, line breaks
    as paragraphs, as LibreOffice writes them (without styles: the reader needs none)."""
    wb = openpyxl.load_workbook(xlsx)
    parts = [f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES}>'
             "<office:body><office:spreadsheet>"]
    for ws in wb.worksheets:
        parts.append(f"<table:table table:name={quoteattr(ws.title)}>")
        for row in ws.iter_rows(values_only=True):
            parts.append("<table:table-row>")
            parts.extend(_ods_cell(value) for value in row)
            parts.append("</table:table-row>")
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")
    return "".join(parts).encode("utf-8")


def _ods_cell(value) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, (dt.date, dt.datetime)):
        iso = value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
        return (f'<table:table-cell office:value-type="date" office:date-value="{iso}">'
                f"<text:p>{value.strftime('%d-%m-%Y')}</text:p></table:table-cell>")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
    return f'<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>'


def _ods(path: Path, content: bytes, encrypted: bool = False) -> None:
    """An .ods container: the mimetype first and stored, then the parts (as ODF requires)."""
    mimetype = b"application/vnd.oasis.opendocument.spreadsheet"
    encryption = (b'<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
                  b'<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
                  b'<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" '
                  b'manifest:salt="AAAA"/></manifest:encryption-data>') if encrypted else b""
    manifest = (b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                b'opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
                b'manifest:media-type="' + mimetype + b'"/><manifest:file-entry manifest:full-path="content.xml" '
                b'manifest:media-type="text/xml">' + encryption + b"</manifest:file-entry></manifest:manifest>")
    stamp = TIJDSTIP.timetuple()[:6]
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype", date_time=stamp), mimetype, compress_type=zipfile.ZIP_STORED)
        for name, data in (("content.xml", bytes(reversed(content)) if encrypted else content),
                           ("META-INF/manifest.xml", manifest)):
            zf.writestr(zipfile.ZipInfo(name, date_time=stamp), data, compress_type=zipfile.ZIP_DEFLATED)


def _with_member(xlsx: Path, member: str, data: bytes) -> bytes:
    """The workbook with one part replaced."""
    tmp = Path(tempfile.mkdtemp()) / "x.xlsx"
    with zipfile.ZipFile(xlsx) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, data if info.filename == member else src.read(info.filename))
    result = tmp.read_bytes()
    shutil.rmtree(tmp.parent)
    return result


def _damage_member(xlsx: Path, member: str) -> bytes:
    """The workbook with the compressed bytes of one part scrambled: the zip directory still looks fine."""
    data = bytearray(xlsx.read_bytes())
    with zipfile.ZipFile(xlsx) as zf:
        info = zf.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + min(info.compress_size, 200)):
        data[i] ^= 0x5A
    return bytes(data)


if __name__ == "__main__":
    build(DATA)
    for path in sorted(DATA.rglob("*")):
        print(path.relative_to(ROOT))
