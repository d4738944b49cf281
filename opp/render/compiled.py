"""A Word template read, patched and compiled once, rendered many times.

docxtpl opens the package, patches and compiles the XML and re-saves the whole document for every
render; for a batch that work is the same each time. Here it happens once per template: per document
only the Jinja rendering and the writing of a zip with the rendered parts remain. The steps on the XML
are docxtpl's own (patch_xml before, resolve_listing after), so the text and tables are the same as a
plain DocxTemplate render (a test holds this).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import Environment, Template, TemplateError, TemplateSyntaxError

from ..problems import OppError

# The parts docxtpl renders: the body, headers and footers.
_RENDERED_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_PARAGRAPH = re.compile(r"<w:p([ >])")
_JINJA = re.compile(r"\{[{%#]")


@dataclass
class _Part:
    name: str
    source: str  # the patched XML: kept to show where a template broke
    template: Template  # compiled once per process


class TemplateFout(OppError):
    """A template that cannot be compiled or rendered: names the template and shows where it broke."""


class CompiledTemplate:
    def __init__(self, path: Path, env: Environment):
        self.path = Path(path)
        self.env = env
        self._helper = DocxTemplate(str(self.path))  # only its XML helpers are used; nothing is loaded
        try:
            with zipfile.ZipFile(self.path) as zf:
                self._entries = [(info, zf.read(info.filename)) for info in zf.infolist()]
        except (zipfile.BadZipFile, OSError) as exc:
            raise OppError(f"Het sjabloon '{self.path.name}' is geen leesbaar Word-document (.docx).") from exc
        if not any(info.filename == "word/document.xml" for info, _ in self._entries):
            raise OppError(f"Het sjabloon '{self.path.name}' is geen Word-document (.docx).")
        self._parts: dict[str, _Part] = {}
        for info, data in self._entries:
            if _RENDERED_PART.match(info.filename):
                xml = data.decode("utf-8")
                if _JINJA.search(xml):
                    self._parts[info.filename] = self._compile(info.filename, xml)

    def _compile(self, name: str, xml: str) -> _Part:
        patched = _PARAGRAPH.sub(r"\n<w:p\1", self._helper.patch_xml(xml))
        try:
            return _Part(name, patched, self.env.from_string(patched))
        except TemplateSyntaxError as exc:
            raise self._error(exc, patched) from exc

    @property
    def source_xml(self) -> str:
        """All patched template XML, for finding the variables a template uses."""
        return "".join(p.source for p in self._parts.values())

    def render(self, context: dict) -> bytes:
        """The rendered .docx as bytes."""
        rendered = {name: self._render_part(part, context) for name, part in self._parts.items()}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, data in self._entries:
                if info.filename in rendered:
                    zf.writestr(info, rendered[info.filename].encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
                else:
                    zf.writestr(info, data)
        return out.getvalue()

    def _render_part(self, part: _Part, context: dict) -> str:
        try:
            xml = part.template.render(context)
        except TemplateError as exc:
            raise self._error(exc, part.source) from exc
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return self._helper.resolve_listing(xml)

    def _error(self, exc: TemplateError, source: str) -> TemplateFout:
        where = ""
        lineno = getattr(exc, "lineno", None) or _template_lineno(exc)
        if lineno:
            lines = source.splitlines()[max(lineno - 3, 0): lineno + 2]
            text = " ".join(re.sub(r"<[^>]+>", "", line).strip() for line in lines).strip()
            if text:
                where = f" De fout staat rond: «{text[:160]}»."
        message = str(exc.message if hasattr(exc, "message") and exc.message else exc).rstrip(".")
        message = re.sub(r"^'([^']+)' is undefined$", r"de variabele '\1' bestaat niet", message)
        message = re.sub(r"^'([^']+)' has no attribute '([^']+)'$", r"'\1' heeft geen veld '\2'", message)
        return TemplateFout(f"Het sjabloon '{self.path.name}' klopt niet: {message}.{where} "
                            "Controleer het met: opp templates check " + self.path.name)


def _template_lineno(exc: BaseException) -> int | None:
    """The template line of a runtime error: Jinja rewrites tracebacks so template frames carry it."""
    lineno, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno
