"""The JSON Schema of the workbook models, one file per sheet plus the school, for other tools."""

from __future__ import annotations

import json
from pathlib import Path

from .files import atomic_write_bytes
from .werkboek.contract import SHEETS


def schemas() -> dict[str, dict]:
    """{file name: JSON Schema} for every sheet of the workbook (validation mode: what a row may hold)."""
    result = {}
    for sheet in SHEETS:
        schema = sheet.model.model_json_schema(mode="validation")
        schema["title"] = sheet.name
        schema["description"] = sheet.uitleg
        schema["x-opp-kolommen"] = {c.header: c.field for c in sheet.columns}
        result[f"{sheet.name.lower()}.schema.json"] = schema
    return result


def render_schema(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    written = []
    for name, schema in schemas().items():
        path = Path(folder) / name
        atomic_write_bytes(path, render_schema(schema).encode("utf-8"), mode=0o644)
        written.append(path)
    return written
