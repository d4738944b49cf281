"""The warm LibreOffice profile: made once, owner-only, nothing of a pupil in it, reused, copied per office;
when it cannot be made, each office makes its own as before."""

import shutil
import stat
import sys

import pytest

from opp.render import lo_profiel
from opp.render.lo_profiel import kopieer_profiel, markeer_gezien, warm_profiel

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")


@pytest.mark.libreoffice
@needs_soffice
def test_made_once_owner_only_and_reused_without_starting_an_office(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    oud = tmp_path / "cache" / "opp" / "libreoffice-profiel-0123456789abcdef"  # of an earlier LibreOffice
    oud.parent.mkdir(mode=0o700, parents=True)
    (oud / "user").mkdir(parents=True)
    profiel = warm_profiel(shutil.which("soffice"))
    assert profiel is not None and (profiel / "user").is_dir()
    assert not oud.exists()  # never used again: removed when the new one was made
    assert profiel.parent == tmp_path / "cache" / "opp"
    assert stat.S_IMODE(profiel.stat().st_mode) == 0o700
    assert stat.S_IMODE(profiel.parent.stat().st_mode) == 0o700
    assert [p.name for p in profiel.parent.iterdir()] == [profiel.name]  # no work folder left
    # Marked as seen before: an office started from it skips the graphics self-tests of a first start.
    assert "ooSetupLastVersion" in (profiel / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")

    def geen_office(*args, **kwargs):
        raise AssertionError("a cached profile needs no office")

    monkeypatch.setattr(lo_profiel.subprocess, "Popen", geen_office)
    assert warm_profiel(shutil.which("soffice")) == profiel
    kopie = tmp_path / "office1" / "profiel"
    (profiel / ".lock").write_text("van een ander office")
    kopieer_profiel(profiel, kopie)
    assert (kopie / "user").is_dir() and not (kopie / ".lock").exists()


def test_an_office_that_cannot_make_one_gives_none_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    kapot = tmp_path / "soffice"
    kapot.write_text(f"#!{sys.executable}\nimport sys\nsys.exit(1)\n")
    kapot.chmod(0o755)
    assert warm_profiel(str(kapot)) is None
    assert list((tmp_path / "cache" / "opp").iterdir()) == []
    kopie = tmp_path / "profiel"
    kopieer_profiel(None, kopie)  # nothing to copy: the office makes its own
    assert not kopie.exists()


def test_marked_as_seen_once_and_left_alone_when_not_as_expected(tmp_path):
    xcu = tmp_path / "registrymodifications.xcu"
    xcu.write_text('<?xml version="1.0"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry">\n'
                   '</oor:items>\n', encoding="utf-8")
    assert markeer_gezien(xcu) and markeer_gezien(xcu)
    tekst = xcu.read_text(encoding="utf-8")
    assert tekst.count("ooSetupLastVersion") == 1 and tekst.rstrip().endswith("</oor:items>")
    from lxml import etree

    waarde = etree.fromstring(tekst.encode()).find(".//value")
    assert waarde is not None and float(waarde.text) > 100  # higher than any LibreOffice version
    vreemd = tmp_path / "anders.xcu"
    vreemd.write_text("<iets/>", encoding="utf-8")
    assert not markeer_gezien(vreemd) and vreemd.read_text(encoding="utf-8") == "<iets/>"
    assert not markeer_gezien(tmp_path / "ontbreekt.xcu")
