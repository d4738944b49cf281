"""The Leerlingen rows live in the row store on disk: Werkboek.leerlingen is a lazy read-only mapping that
behaves as the dict it replaced (first row of a doubled number, sheet order, every row in `rijen`)."""

from __future__ import annotations

import pytest

from conftest import enig, klas, leerling, lees, plaats
from opp.werkboek.reader import Leerlingen


def test_doubled_number_keeps_the_first_row_and_every_row_is_listed(maak_werkboek):
    rows = klas("003", "001", "002")
    rows["Leerlingen"].append(leerling("001", roepnaam="Tweede"))
    werkboek = lees(maak_werkboek(rows))
    assert plaats(enig(werkboek.report, "dubbel-leerlingnummer")) == ("Leerlingen", 5, "Leerlingnummer")
    assert list(werkboek.leerlingen) == ["003", "001", "002"]  # sheet order, each number once
    assert len(werkboek.leerlingen) == 3 and "001" in werkboek.leerlingen and "999" not in werkboek.leerlingen
    eerste = werkboek.leerlingen["001"]
    assert (eerste.blad, eerste.rij, eerste.model.roepnaam) == ("Leerlingen", 3, "Sanne")
    assert [(nr, r.rij) for nr, r in werkboek.leerlingen.items()] == [("003", 2), ("001", 3), ("002", 4)]
    assert [r.rij for r in werkboek.leerlingen.values()] == [2, 3, 4]
    assert [(r.rij, r.model.roepnaam) for r in werkboek.rijen["Leerlingen"]] == [
        (2, "Sanne"), (3, "Sanne"), (4, "Sanne"), (5, "Tweede")]
    assert werkboek.dossiers["001"].leerling.roepnaam == "Sanne"  # the dossier's pupil is the first row too
    with pytest.raises(KeyError):
        werkboek.leerlingen["999"]
    with pytest.raises(KeyError):
        werkboek.dossiers["999"]


def test_a_lookup_reads_back_what_was_read(maak_werkboek):
    werkboek = lees(maak_werkboek(klas(*(f"{i:03d}" for i in range(1, 121)))))
    volgens_stroom = {nr: (r.rij, r.model) for nr, r in werkboek.leerlingen.items()}
    # one at a time, past the cache's size, backwards: each lookup is the same row again
    for nr in reversed(list(werkboek.leerlingen)):
        rij = werkboek.leerlingen[nr]
        assert (rij.rij, rij.model) == volgens_stroom[nr] and rij.model.leerlingnummer == nr
        assert werkboek.dossiers[nr].leerling == rij.model


def test_no_pupil_row_is_held_in_memory_beyond_a_small_cache(maak_werkboek):
    werkboek = lees(maak_werkboek(klas(*(f"{i:03d}" for i in range(1, 201)))))
    leerlingen = werkboek.werkboek.leerlingen
    assert isinstance(leerlingen, Leerlingen)
    for nr in leerlingen:
        leerlingen[nr]
    assert len(leerlingen._recent) <= Leerlingen.CACHE < len(leerlingen)
    assert all(isinstance(seq, int) for seq in leerlingen._eerste.values())  # per pupil only its place on disk
