"""Issue 12, the dates the law asks for: the register's first vaststelling (the first 'akkoord' with the OPP)
fills an empty 'Datum eerste vaststelling' and contradicts a later typed one; the fill is no content, so it
never makes a version. Issued (ter instemming) alone is no vaststelling: a typed date after it is normal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from conftest import doel
from opp.cli import cli
from opp.invoer import open_invoer
from opp.register.datums import UIT_REGISTER
from opp.register.db import Instemming, Register
from opp.render.documents import render
from opp.rules.registerdata import Registerdatums, eerste_vaststelling, registerdatums, strijdig
from render_helpers import DATUM, compleet_plan, document_text, leerling, ouder, workbook

VROEG = dt.date(2025, 9, 20)  # issued ter instemming
AKKOORD = dt.date(2025, 9, 30)  # agreed, within six weeks of the enrolment (1 September 2025)
CODE = "eerste-vaststelling-strijdig-met-register"


def schrijf(tmp_path: Path, doeltekst="Werkt 20 minuten zelfstandig.", eerste: dt.date | None = None) -> Path:
    plan = compleet_plan("001")
    return workbook(tmp_path, [leerling("001", inbreng_leerling="Ik werk graag buiten.",
                                        datum_eerste_vaststelling=eerste)],
                    [ouder("001")], Factoren=plan["Factoren"], Ondersteuning=plan["Ondersteuning"],
                    Doelen=[doel("001", doel=doeltekst)])


def maak(wb: Path, datum=DATUM):
    with open_invoer(wb, datum) as invoer:
        return render(invoer, uit=wb.parent / "uit", jobs=1, documenten=["opp"])


def stem_in(result, datum=AKKOORD) -> None:
    """What `tracker sync` records when a parent's signed page came back."""
    with Register(result.registerbestand) as reg:
        reg.leg_instemming_vast(Instemming("001", "opp", 1, "OUDER:a", "akkoord", datum))


def regel_eerste(pad: Path) -> str:
    """The row 'Eerste OPP vastgesteld op' as read back from the document ('' when the document leaves it out)."""
    regels = document_text(pad).splitlines()
    return next((f"{r} {regels[i + 1]}" for i, r in enumerate(regels) if r == "Eerste OPP vastgesteld op"), "")


class _V:
    def __init__(self, versie, datum, status):
        self.versie, self.datum, self.status = versie, datum, status


class _I:
    def __init__(self, besluit, datum):
        self.besluit, self.datum = besluit, datum


def test_rule_first_issued_skips_concepts_and_first_agreed_is_earliest_akkoord():
    d = dt.date
    feiten = registerdatums([_V(2, d(2025, 10, 1), "ter instemming"), _V(1, d(2025, 9, 5), "concept")],
                            [_I("niet akkoord", d(2025, 9, 30)), _I("akkoord", d(2025, 10, 9)),
                             _I("akkoord", d(2025, 10, 3)), _I("akkoord", None)])
    assert feiten == Registerdatums(d(2025, 10, 1), d(2025, 10, 3))
    assert eerste_vaststelling(feiten) == d(2025, 10, 3)
    assert registerdatums([], []) == Registerdatums(None, None)
    assert strijdig(d(2025, 10, 4), feiten) and not strijdig(d(2025, 10, 3), feiten)
    assert not strijdig(d(2025, 10, 2), feiten)  # after issued, before agreed: the normal course
    assert not strijdig(None, feiten) and not strijdig(d(2025, 10, 2), Registerdatums(d(2025, 9, 1), None))


def test_empty_column_is_filled_from_the_register_and_makes_no_version(tmp_path):
    wb = schrijf(tmp_path)
    eerste = maak(wb, VROEG)
    assert len(eerste.geschreven) == 1 and eerste.waarschuwingen == []
    assert UIT_REGISTER not in regel_eerste(eerste.geschreven[0])  # the register knew nothing yet
    stem_in(eerste)

    wb = schrijf(tmp_path, doeltekst="Werkt 30 minuten zelfstandig.")  # new content: version 2
    tweede = maak(wb)
    assert len(tweede.geschreven) == 1 and tweede.waarschuwingen == []
    regel = regel_eerste(tweede.geschreven[0])
    assert f"30 september 2025 {UIT_REGISTER}" in regel and "inschrijving: ja" in regel

    opnieuw = maak(wb)  # the fill is no content: nothing changed, nothing written
    assert opnieuw.geschreven == [] and opnieuw.ongewijzigd == tweede.geschreven

    tweede.geschreven[0].unlink()  # restored as it was, with the register's date
    hersteld = maak(wb)
    assert hersteld.hersteld == tweede.geschreven and UIT_REGISTER in regel_eerste(hersteld.geschreven[0])


def test_issued_without_consent_fills_nothing(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb, VROEG)
    wb = schrijf(tmp_path, doeltekst="Werkt 30 minuten zelfstandig.")
    result = maak(wb)
    assert result.waarschuwingen == [] and UIT_REGISTER not in regel_eerste(result.geschreven[0])


def test_a_typed_date_later_than_the_register_warns_at_its_cell_and_stays(tmp_path):
    wb = schrijf(tmp_path)
    stem_in(maak(wb, VROEG))
    wb = schrijf(tmp_path, eerste=dt.date(2025, 10, 20))  # typed later than the consent of 30 September
    result = maak(wb)
    [issue] = result.waarschuwingen
    assert (issue.code, issue.blad, issue.rij, issue.kolom, issue.leerlingnummer, issue.is_fout) == (
        CODE, "Leerlingen", 2, "Datum eerste vaststelling", "001", False)
    assert "Sanne" not in issue.bericht and "Berg" not in issue.bericht
    regel = regel_eerste(result.geschreven[0])
    assert "20 oktober 2025" in regel and UIT_REGISTER not in regel
    assert result.ok and result.to_dict()["waarschuwingen"][0]["code"] == CODE

    opnieuw = maak(wb)  # also when nothing is written, the warning stands
    assert opnieuw.geschreven == [] and [i.code for i in opnieuw.waarschuwingen] == [CODE]

    uit = CliRunner().invoke(cli, ["render", str(wb), "--document", "opp", "--uit", str(tmp_path / "uit"),
                                   "--datum", DATUM.isoformat()])
    assert uit.exit_code == 0 and CODE in uit.output


def test_an_equal_or_earlier_typed_date_gives_no_warning(tmp_path):
    wb = schrijf(tmp_path)
    stem_in(maak(wb, VROEG))
    for getypt in (AKKOORD, dt.date(2025, 9, 25), dt.date(2025, 9, 15)):
        wb = schrijf(tmp_path, eerste=getypt)
        result = maak(wb)
        assert result.waarschuwingen == []
        assert all(UIT_REGISTER not in regel_eerste(p) for p in result.geschreven)
