"""`opp schema`: the committed schemas/ equal what the models generate, and they validate real rows."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import ROOT
from opp.cli import cli
from opp.schema import render_schema, schemas
from opp.werkboek.contract import SHEETS

STALE = "schemas/ is verouderd: draai `opp schema` in de hoofdmap en commit het resultaat"


def test_committed_schemas_are_current():
    folder = ROOT / "schemas"
    expected = schemas()
    assert sorted(p.name for p in folder.glob("*.json")) == sorted(expected), STALE
    for name, schema in expected.items():
        assert (folder / name).read_text(encoding="utf-8") == render_schema(schema), f"{name}: {STALE}"


def test_one_schema_per_sheet_with_descriptions_and_choices():
    result = schemas()
    assert set(result) == {f"{s.name.lower()}.schema.json" for s in SHEETS}
    leerlingen = result["leerlingen.schema.json"]
    assert leerlingen["title"] == "Leerlingen"
    assert "leerlingnummer" in leerlingen["required"] and "voornamen" not in leerlingen["required"]
    assert all(p.get("description") for p in leerlingen["properties"].values())
    assert leerlingen["x-opp-kolommen"]["Datum inschrijving"] == "datum_inschrijving"
    choices = json.dumps(result["doelen.schema.json"])
    assert "nog niet gestart" in choices and "deels behaald" in choices
    assert "bsn" not in json.dumps(result).lower()


def test_opp_schema_writes_the_files(tmp_path):
    result = CliRunner().invoke(cli, ["schema", "--uit", str(tmp_path / "schemas")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "schemas").iterdir()}
    assert written == {name: render_schema(s) for name, s in schemas().items()}
    assert all(json.loads(text) for text in written.values())
