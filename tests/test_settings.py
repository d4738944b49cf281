"""opp.toml: defaults, a school's own values, and one clear error for a broken file."""

from __future__ import annotations

import tomllib

import pytest

from opp.problems import OppError
from opp.settings import FILENAME, SchoolTekent, Settings, load_settings, settings_toml


def test_defaults_without_a_file(tmp_path):
    settings = load_settings(tmp_path)
    assert settings == Settings() == load_settings(None)
    assert settings.ondertekening.leerling_tekent_vanaf == 12
    assert settings.ondertekening.een_ouder_volstaat is False
    assert settings.ondertekening.school_tekent is SchoolTekent.MENTOR
    assert settings.termijnen.opp_vaststellen_dagen == 42


def test_written_defaults_read_back_as_defaults(tmp_path):
    text = settings_toml()
    assert Settings.model_validate(tomllib.loads(text)) == Settings()
    for section in Settings.model_fields:
        assert f"[{section}]" in text
    assert text.count("# ") >= sum(len(type(getattr(Settings(), s)).model_fields) for s in Settings.model_fields)
    (tmp_path / FILENAME).write_text(text, encoding="utf-8")
    assert load_settings(tmp_path) == Settings()


def test_a_custom_file(tmp_path):
    (tmp_path / FILENAME).write_text(
        "[ondertekening]\nleerling_tekent_vanaf = 16\neen_ouder_volstaat = true\nschool_tekent = \"zorgcoordinator\"\n"
        "[termijnen]\ntlv_verloopt_binnen_maanden = 3\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings.ondertekening.leerling_tekent_vanaf == 16
    assert settings.ondertekening.een_ouder_volstaat is True
    assert settings.ondertekening.school_tekent is SchoolTekent.ZORGCOORDINATOR
    assert settings.termijnen.tlv_verloopt_binnen_maanden == 3
    assert settings.tracker == Settings().tracker  # what is not set keeps its default


@pytest.mark.parametrize("text, words", [
    ("[ondertekening\nleerling_tekent_vanaf = 16\n", "geen geldig TOML-bestand"),
    ("[ondertekening]\nleerling_tekent_vanaf = 40\n", "'ondertekening.leerling_tekent_vanaf'"),
    ("[ondertekening]\nschool_tekent = \"directeur\"\n", "'ondertekening.school_tekent'"),
    ("[ondertekening]\nonbekend = 1\n", "'ondertekening.onbekend'"),
    ("[normen]\neerste_lijn_min = \"veel\"\n", "'normen.eerste_lijn_min'"),
])
def test_a_broken_file_is_one_clear_error(tmp_path, text, words):
    (tmp_path / FILENAME).write_text(text, encoding="utf-8")
    with pytest.raises(OppError) as raised:
        load_settings(tmp_path)
    assert words in raised.value.bericht and str(tmp_path / FILENAME) in raised.value.bericht
