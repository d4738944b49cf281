"""Safe file names from user data, and atomic owner-only writes."""

from __future__ import annotations

import os
import stat

import pytest

from opp.files import atomic_write, atomic_write_bytes, inside, safe_name
from opp.problems import OppError


@pytest.mark.parametrize("text", ["../../etc", "../../etc/passwd", "..", ".", "/etc/passwd", "a/b\\c:d*e?f",
                                  'x<y>z|"q"', "naam\x00met\nnul", "..\\..\\windows"])
def test_safe_name_never_leaves_the_folder(text, tmp_path):
    name = safe_name(text)
    assert name and not any(c in name for c in '/\\:*?"<>|\x00\n')
    assert ".." not in name and not name.startswith(".")
    assert inside(tmp_path, tmp_path / name) and (tmp_path / name).parent == tmp_path


@pytest.mark.parametrize("text", ["CON", "con", "PRN", "aux", "NUL", "COM1", "lpt9", "con.txt"])
def test_safe_name_avoids_windows_reserved_names(text):
    name = safe_name(text)
    assert name.lower().split(".")[0] not in {"con", "prn", "aux", "nul", "com1", "lpt9"}


def test_safe_name_keeps_ordinary_names_and_limits_length():
    assert safe_name("OPP Sanne van der Berg 2026-2027") == "OPP Sanne van der Berg 2026-2027"
    assert safe_name("Jayden O'Neill") == "Jayden O'Neill"
    assert safe_name("  ") == "onbekend"
    assert len(safe_name("x" * 500)) == 80 and safe_name("x" * 500).startswith("x" * 60)


def test_a_long_name_is_cut_visibly_and_uniquely_within_255_bytes():
    emoji, cjk = "\U0001F600", "\U00020000"  # four bytes each in UTF-8 (an emoji, CJK extension B)
    for text in (emoji * 300, cjk * 300, "a" + cjk * 300, "é" * 300):
        name = safe_name(text, 1000)
        assert len(name.encode("utf-8")) <= 255 and "…" in name
    assert safe_name(emoji * 300, 1000) != safe_name(emoji * 301, 1000)  # a short hash keeps them apart
    assert len(safe_name(cjk * 100, 80, 100).encode("utf-8")) <= 100
    assert safe_name(cjk * 10) == cjk * 10  # short enough: unchanged


@pytest.mark.parametrize("teken", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                   "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\ufeff", "\x07", "\x7f",
                                   "\x9b", "\ud800"])
def test_no_bidi_controls_or_other_invisible_characters(teken):
    name = safe_name(f"rapport{teken}xcod.exe")
    assert name == "rapportxcod.exe"
    name.encode("utf-8")  # no lone surrogate either


def test_inside_follows_links(tmp_path):
    (tmp_path / "map").mkdir()
    os.symlink("/etc", tmp_path / "map" / "link")
    assert inside(tmp_path / "map", tmp_path / "map" / "a.pdf")
    assert not inside(tmp_path / "map", tmp_path / "map" / "link" / "passwd")
    assert not inside(tmp_path / "map", tmp_path / "map" / ".." / "b.pdf")


def test_atomic_write_is_owner_only(tmp_path):
    path = tmp_path / "sub" / "doc.txt"
    atomic_write_bytes(path, b"inhoud")
    assert path.read_bytes() == b"inhoud"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    atomic_write_bytes(path, b"nieuw", mode=0o644)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_atomic_write_keeps_owner_only_when_the_writer_replaces_the_file(tmp_path):
    def writer(tmp):
        os.unlink(tmp)
        with open(tmp, "w") as fh:  # created with the default umask
            fh.write("x")
    atomic_write(tmp_path / "doc.txt", writer)
    assert stat.S_IMODE((tmp_path / "doc.txt").stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path):
    path = tmp_path / "doc.txt"
    atomic_write_bytes(path, b"oud")

    def broken(tmp):
        with open(tmp, "w") as fh:
            fh.write("half")
        raise RuntimeError("schijf vol")
    with pytest.raises(RuntimeError):
        atomic_write(path, broken)
    assert path.read_bytes() == b"oud"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


def test_permission_denied_is_one_clear_error(tmp_path):
    def denied(tmp):
        raise PermissionError("in gebruik")
    with pytest.raises(OppError, match="geen toegang"):
        atomic_write(tmp_path / "doc.docx", denied)
    assert list(tmp_path.iterdir()) == []


def test_folders_created_for_output_are_owner_only(tmp_path):
    import os
    import stat

    from opp.files import atomic_write_bytes

    target = tmp_path / "output" / "2026-2027" / "PrO 2A" / "doc.docx"
    atomic_write_bytes(target, b"x")
    for folder in (tmp_path / "output", target.parent.parent, target.parent):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
