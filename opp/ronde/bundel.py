"""Many rendered letters as one Word document, so LibreOffice converts a whole class in one go.

Converting one document costs LibreOffice about as much as a hundred pages inside one, so the letters of a
class are joined: each letter becomes a section that starts on an odd page (Word's 'oddPage' section break;
LibreOffice inserts the blank page), keeps its own header and footer (a school's template may put the
pupil's name there), and begins with a mark nobody sees (white, one point) that tells the PDF split where
the letter starts. Each picture whose alt text is 'OPP-QR <code>' shows that code's QR image (a part of its
own); every picture gets a number unique in the document, as Word wants.
"""

from __future__ import annotations

import io
import re
import zipfile

DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"
_KOP_VOET = re.compile(r'<Relationship\b[^>]*?Type="[^"]*/(?:header|footer)"[^>]*/>')
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_SECTPR_ID = re.compile(r'(<w:(?:header|footer)Reference\b[^>]*?r:id=")([^"]+)(")')
_TYPE = re.compile(r"<w:type\b[^>]*/>")
_TEKENING = re.compile(r"<w:drawing>.*?</w:drawing>", re.S)
_QR_CODE = re.compile(r'descr="OPP-QR ([^"]+)"')
_DOCPR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")\d+(")')
_EMBED = re.compile(r'(<a:blip\b[^>]*?r:embed=")[^"]*(")')
_AFBEELDING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
MERK = "OPPBRIEF"


def merk(nummer: int) -> str:
    """The invisible mark at the start of letter `nummer`, as the PDF's text holds it."""
    return f"{MERK}{nummer:05d}"


def _merk_alinea(nummer: int) -> str:
    return ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr>'
            '<w:r><w:rPr><w:color w:val="FFFFFF"/><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'
            f'<w:t>{merk(nummer)}</w:t></w:r></w:p>')


def bundel(brieven: list[tuple[int, bytes, dict[str, bytes]]]) -> bytes:
    """One .docx of the letters: (number for the mark, the rendered letter, {code as printed: its QR PNG})."""
    if not brieven:
        raise ValueError("no letters to join")
    basis = _uitpakken(brieven[0][1])
    document = basis[DOCUMENT].decode("utf-8")
    begin = document.index(">", document.index("<w:body")) + 1
    rels = basis[RELS].decode("utf-8")
    types = basis[TYPES].decode("utf-8")
    delen: dict[str, bytes] = {}
    secties: list[str] = []
    nieuwe_rels: list[str] = []
    nieuwe_types: list[str] = []
    tekeningen = iter(range(1, 1 << 30))
    for nummer, data, afbeeldingen in brieven:
        pakket = basis if nummer == brieven[0][0] else _uitpakken(data)
        xml = pakket[DOCUMENT].decode("utf-8")
        body = xml[xml.index(">", xml.index("<w:body")) + 1: xml.rindex("</w:body>")]
        s = body.rindex("<w:sectPr")
        inhoud, sectpr = body[:s], body[s:]
        ids: dict[str, str] = {}
        for rel in _KOP_VOET.findall(pakket[RELS].decode("utf-8")):
            attrs = dict(_ATTR.findall(rel))
            oud_doel, nieuw_id = attrs["Target"], f"rIdB{nummer}x{attrs['Id']}"
            stam, _, ext = oud_doel.rpartition(".")
            nieuw_doel = f"{stam}-b{nummer}.{ext}"
            ids[attrs["Id"]] = nieuw_id
            nieuwe_rels.append(f'<Relationship Id="{nieuw_id}" Type="{attrs["Type"]}" Target="{nieuw_doel}"/>')
            delen[f"word/{nieuw_doel}"] = pakket[f"word/{oud_doel}"]
            eigen_rels = f"word/_rels/{oud_doel}.rels"
            if eigen_rels in pakket:
                delen[f"word/_rels/{nieuw_doel}.rels"] = pakket[eigen_rels]
            soort = re.search(rf'<Override PartName="/word/{re.escape(oud_doel)}" ContentType="([^"]+)"', types)
            if soort:
                nieuwe_types.append(f'<Override PartName="/word/{nieuw_doel}" ContentType="{soort.group(1)}"/>')
        def verwijzing(m: re.Match, ids: dict[str, str] = ids) -> str:
            return m.group(1) + ids.get(m.group(2), m.group(2)) + m.group(3)

        sectpr = _SECTPR_ID.sub(verwijzing, sectpr)
        qr_ids: dict[str, str] = {}
        for code, png in afbeeldingen.items():
            rid = f"rIdB{nummer}q{len(qr_ids) + 1}"
            qr_ids[code] = rid
            delen[f"word/media/opp-{rid}.png"] = png
            nieuwe_rels.append(f'<Relationship Id="{rid}" Type="{_AFBEELDING}" Target="media/opp-{rid}.png"/>')

        def tekening(m: re.Match, qr_ids=qr_ids) -> str:
            xml = _DOCPR_ID.sub(lambda d: f"{d.group(1)}{next(tekeningen)}{d.group(2)}", m.group(0))
            code = _QR_CODE.search(xml)
            if code and code.group(1) in qr_ids:
                xml = _EMBED.sub(lambda e: e.group(1) + qr_ids[code.group(1)] + e.group(2), xml)
            return xml

        inhoud = _TEKENING.sub(tekening, inhoud)
        secties.append(_merk_alinea(nummer) + inhoud + "\0" + _oneven(sectpr))
    # Every section but the last ends in a paragraph that carries its properties; the last in the body.
    lichaam = []
    for i, sectie in enumerate(secties):
        inhoud, sectpr = sectie.split("\0")
        if i < len(secties) - 1:
            lichaam.append(inhoud + f"<w:p><w:pPr>{sectpr}</w:pPr></w:p>")
        else:
            lichaam.append(inhoud + sectpr)
    basis[DOCUMENT] = (document[:begin] + "".join(lichaam) + "</w:body></w:document>").encode("utf-8")
    basis[RELS] = rels.replace("</Relationships>", "".join(nieuwe_rels) + "</Relationships>").encode("utf-8")
    if 'Extension="png"' not in types:
        nieuwe_types.append('<Default Extension="png" ContentType="image/png"/>')
    basis[TYPES] = types.replace("</Types>", "".join(nieuwe_types) + "</Types>").encode("utf-8")
    basis.update(delen)
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as zf:
        for naam, inhoud_ in basis.items():
            zf.writestr(naam, inhoud_)
    return uit.getvalue()


def _oneven(sectpr: str) -> str:
    """The section starts on an odd page: its w:type (which comes before the page size) says so."""
    sectpr = _TYPE.sub("", sectpr)
    plek = sectpr.find("<w:pgSz")
    if plek < 0:
        plek = sectpr.rindex("</w:sectPr>")
    return sectpr[:plek] + '<w:type w:val="oddPage"/>' + sectpr[plek:]


def _uitpakken(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {naam: zf.read(naam) for naam in zf.namelist()}
