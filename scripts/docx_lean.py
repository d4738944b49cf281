"""Leave out of a template what python-docx's default package carries but our documents never use.

LibreOffice parses every style of every document it converts. The default package holds 170 styles, 137
latent-style entries and a 438 kB stylesWithEffects.xml (a Word 2010 copy of the styles); parsing them was
a third of the PDF time of a rendered OPP. The package thumbnail is python-docx's own preview picture, which
would show Explorer and Finder a page that is not ours. Styles the template uses (and the styles they are
based on, link to or are followed by) stay, and so do the house styles, so an editor in Word keeps them.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
UNUSED_PARTS = {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"}
STYLE_REFERENCE = re.compile(rb'<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink) w:val="([^"]+)"')
STYLE_CHAIN = ("basedOn", "link", "next")


def lean_package(data: bytes, keep_styles: set[str]) -> bytes:
    """The package without unused styles, latent styles, stylesWithEffects and the thumbnail."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist() if name not in UNUSED_PARTS}
    parts["word/styles.xml"] = _lean_styles(parts, keep_styles)
    for rels in ("_rels/.rels", "word/_rels/document.xml.rels"):
        parts[rels] = _drop_relationships(parts[rels], UNUSED_PARTS)
    parts["[Content_Types].xml"] = re.sub(
        rb'<Override PartName="/(?:%s)"[^>]*/>' % b"|".join(re.escape(p.encode()) for p in UNUSED_PARTS),
        b"", parts["[Content_Types].xml"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def _lean_styles(parts: dict[str, bytes], keep_styles: set[str]) -> bytes:
    root = etree.fromstring(parts["word/styles.xml"])
    latent = root.find(f"{{{W}}}latentStyles")
    if latent is not None:
        root.remove(latent)
    styles = {s.get(f"{{{W}}}styleId"): s for s in root.iter(f"{{{W}}}style")}
    used = set(keep_styles) | {sid for sid, s in styles.items() if s.get(f"{{{W}}}default") == "1"}
    for name, content in parts.items():
        if name.startswith("word/") and name != "word/styles.xml" and name.endswith(".xml"):
            used |= {m.decode() for m in STYLE_REFERENCE.findall(content)}
    todo = list(used)
    while todo:  # what a kept style is based on, linked to or followed by stays too
        style = styles.get(todo.pop())
        for tag in STYLE_CHAIN if style is not None else ():
            ref = style.find(f"{{{W}}}{tag}")
            if ref is not None and ref.get(f"{{{W}}}val") not in used:
                used.add(ref.get(f"{{{W}}}val"))
                todo.append(ref.get(f"{{{W}}}val"))
    for style_id, style in styles.items():
        if style_id not in used:
            root.remove(style)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_relationships(rels: bytes, targets: set[str]) -> bytes:
    names = {t.rsplit("/", 1)[-1] for t in targets}
    return re.sub(rb'<Relationship [^>]*Target="[^"]*?([^"/]+)"[^>]*/>',
                  lambda m: b"" if m.group(1).decode() in names else m.group(0), rels)
