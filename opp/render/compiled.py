"""A Word template read, patched and compiled once, rendered many times.

docxtpl opens the package, patches and compiles the XML and re-saves the whole document for every
render; for a batch that work is the same each time. Here it happens once per template: per document
only the Jinja rendering and the writing of a zip with the rendered parts remain. The steps on the XML
are docxtpl's own (patch_xml before, resolve_listing after), plus word_xml's cleaning of what editors
write inside tags, so the text and tables are the same as a plain DocxTemplate render (a test holds this).
Each part renders under the limits of limits.py; any failure becomes one Dutch TemplateFout.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, Template

from ..problems import OppError
from . import jinja_cache, limits
from .template_errors import reason
from .typografie import vaste_spaties_xml
from .word_xml import jinja_source

# The parts docxtpl renders: the body, headers and footers.
_RENDERED_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_PARAGRAPH = re.compile(r"<w:p([ >])")
_JINJA = re.compile(r"\{[{%#]")
# Text with a tab, line break, paragraph mark or page break, which resolve_listing turns into Word's elements
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
MAX_TEMPLATE_BYTES = 100_000_000  # unpacked; ours are about 60 kB, a logo or two adds a few MB
VASTE_ZIPDATUM = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold, as the generated templates have
# zlib's fastest level: a quarter less of a document's writing time, a .docx about 15% larger (still ~18 KB).
ZIP_NIVEAU = 1


@dataclass
class _Part:
    name: str
    source: str  # the Jinja source of the part: kept to show where a template broke
    template: Template  # compiled once per process


class TemplateFout(OppError):
    """A template that cannot be compiled or rendered: names the template (as the user gave it), says why in
    Dutch and shows the template text where it broke."""

    def __init__(self, sjabloon: Path, reden: str, plaats: str = ""):
        self.sjabloon, self.reden, self.plaats = Path(sjabloon), reden, plaats
        where = f" De fout staat rond: «{plaats}»." if plaats else ""
        end = "" if reden.endswith(("?", ".")) else "."
        super().__init__(f"Het sjabloon '{sjabloon}' klopt niet: {reden}{end}{where} "
                         f"Controleer het met: opp templates check {sjabloon}")

    def __reduce__(self):  # raised in a worker process, re-raised in the parent
        return TemplateFout, (self.sjabloon, self.reden, self.plaats)

    @property
    def regel(self) -> str:
        """The problem as one line of `opp templates check`."""
        return self.reden + (f" (rond «{self.plaats}»)" if self.plaats else "")


class CompiledTemplate:
    def __init__(self, path: Path, env: Environment):
        self.path = Path(path)  # as the user gave it: messages show this
        self.env = env
        try:
            with zipfile.ZipFile(self.path) as zf:
                infos = zf.infolist()
                if sum(info.file_size for info in infos) > MAX_TEMPLATE_BYTES:
                    raise OppError(f"Het sjabloon '{self.path}' is groter dan {MAX_TEMPLATE_BYTES // 1_000_000} MB "
                                   "uitgepakt; dat is geen sjabloon meer. Maak het kleiner (afbeeldingen?).")
                self._entries = [(info, zf.read(info.filename)) for info in infos]
        except (zipfile.BadZipFile, OSError) as exc:
            raise OppError(f"Het sjabloon '{self.path}' is geen leesbaar Word-document (.docx).") from exc
        if not any(info.filename == "word/document.xml" for info, _ in self._entries):
            raise OppError(f"Het sjabloon '{self.path}' is geen Word-document (.docx).")
        self._parts: dict[str, _Part] = {}
        for info, data in self._entries:
            if _RENDERED_PART.match(info.filename):
                xml = data.decode("utf-8")
                if _JINJA.search(xml):
                    self._parts[info.filename] = self._compile(info.filename, xml)

    def _compile(self, name: str, xml: str) -> _Part:
        key = jinja_cache.sleutel(xml)
        kept = jinja_cache.lees(key)
        if kept is not None:  # compiled by an earlier run
            source, code = kept
            return _Part(name, source, self._template(code))
        source = _PARAGRAPH.sub(r"\n<w:p\1", jinja_source(xml, self._helper.patch_xml))
        try:
            code = self.env.compile(source)
            part = _Part(name, source, self._template(code))
            jinja_cache.bewaar(key, source, code)
            return part
        except RecursionError as exc:  # a template built to break the compiler: (((((...)))))
            lines = source.splitlines()
            deepest = max(range(len(lines)), key=lambda i: lines[i].count("(") + lines[i].count("["))
            raise TemplateFout(self.path, "een code is te diep genest (te veel haakjes in elkaar)",
                               around(nearby_text(source, deepest + 1))) from exc
        except Exception as exc:  # a syntax error and the like
            raise self._error(exc, source) from exc

    @functools.cached_property
    def _helper(self):
        """docxtpl, for its XML helpers only (nothing is loaded). Imported when first needed: with the parts
        compiled by an earlier run, a run without line breaks or tabs in its data never needs it."""
        from docxtpl import DocxTemplate

        return DocxTemplate(str(self.path))

    def _template(self, code) -> Template:
        """What Environment.from_string makes of the compiled code."""
        return self.env.template_class.from_code(self.env, code, self.env.make_globals(None), None)

    @property
    def source_xml(self) -> str:
        """All template source, for finding the variables a template uses."""
        return "".join(p.source for p in self._parts.values())

    @property
    def sources(self) -> list[str]:
        return [p.source for p in self._parts.values()]

    def render(self, context: dict, onderdelen: dict[str, bytes] | None = None) -> bytes:
        """The rendered .docx as bytes; `onderdelen` replaces (or adds) package parts as they are, such as
        the core properties that carry the document's identity."""
        rendered = {name: self._render_part(part, context).encode("utf-8") for name, part in self._parts.items()}
        rendered.update(onderdelen or {})
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, data in self._entries:
                if info.filename in rendered:
                    zf.writestr(info, rendered.pop(info.filename), zipfile.ZIP_DEFLATED, ZIP_NIVEAU)
                else:
                    zf.writestr(info, data, compresslevel=ZIP_NIVEAU)
            for name, data in rendered.items():  # parts the template lacks, dated like a template's own
                # (a name alone would take the clock: the same content must give the same bytes)
                zf.writestr(zipfile.ZipInfo(name, VASTE_ZIPDATUM), data, zipfile.ZIP_DEFLATED, ZIP_NIVEAU)
        return out.getvalue()

    def _render_part(self, part: _Part, context: dict) -> str:
        try:
            with limits.budget():
                xml = limits.count_output(part.template.generate(context))
        except Exception as exc:  # every failure of a template, Jinja's or Python's, is a template error
            raise self._error(exc, part.source, context) from exc
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        if _LISTING.search(xml):  # docxtpl's pass changes only such text, and costs half the render
            xml = self._helper.resolve_listing(xml)
        return vaste_spaties_xml(xml)

    def _error(self, exc: BaseException, source: str, context: dict | None = None) -> TemplateFout:
        nearby = nearby_text(source, getattr(exc, "lineno", None) or _template_lineno(exc))
        return TemplateFout(self.path, reason(exc, nearby, context, self.env), around(nearby))


def nearby_text(source: str, lineno: int | None) -> str:
    """The document text around a line of template source (a line per paragraph), without the XML."""
    if not lineno:
        return ""
    lines = source.splitlines()[max(lineno - 3, 0): lineno + 2]
    return " ".join(re.sub(r"<[^>]+>", "", line).strip() for line in lines).strip()


def around(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[:width] + " ..."


def _template_lineno(exc: BaseException) -> int | None:
    """The template line of a runtime error: Jinja rewrites tracebacks so template frames carry it."""
    lineno, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno
