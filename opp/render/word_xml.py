"""Template XML as Word and LibreOffice write it, made into Jinja source.

docxtpl's `patch_xml` joins a tag that an editor split over runs (other revision ids, a spelling mark, a
language change, a bookmark between the runs) and turns curly quotes into straight ones. What it leaves:
LibreOffice escapes the quotes inside our tags as `&apos;`/`&quot;` (XML allows it anywhere in text), and
any editor may escape `&`, `<`, `>` or write a character as `&#8217;`. Inside a Jinja tag those are template
syntax, not document text, so they are unescaped there and only there.

`{_{ ... }_}` is docxtpl's way to print a literal `{{` in a document. docxtpl un-escapes it in the rendered
output, which would also turn a pupil's own text `{_{ x }_}` into `{{ x }}`; here it is turned into a raw
block in the template source instead, so data is never touched.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

# A Jinja tag in patched XML: after patch_xml it holds no XML elements any more.
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|apos|quot|amp|lt|gt);")
# Typographic characters an editor types into an expression, as Jinja needs them.
_TYPED = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u200b": "", "\u2060": "", "\u00ad": "",
})
_LITERAL = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
_LITERAL_RE = re.compile("|".join(re.escape(k) for k in _LITERAL))


def _clean_tag(match: re.Match) -> str:
    tag = match.group(0)
    inner = _ENTITY.sub(lambda m: html.unescape(m.group(0)), tag[2:-2]).translate(_TYPED)
    return tag[:2] + inner + tag[-2:]


def _raw(match: re.Match) -> str:
    return "{% raw %}" + _LITERAL[match.group(0)] + "{% endraw %}"


def jinja_source(xml: str, patch_xml: Callable[[str], str]) -> str:
    """docxtpl's patch, then the tags' own text unescaped and literal braces made raw."""
    patched = patch_xml(xml)
    out, last = [], 0
    for m in _TAG.finditer(patched):
        out.append(_LITERAL_RE.sub(_raw, patched[last:m.start()]))
        out.append(_clean_tag(m))
        last = m.end()
    out.append(_LITERAL_RE.sub(_raw, patched[last:]))
    return "".join(out)
