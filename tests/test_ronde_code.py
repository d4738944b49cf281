"""Codes on pages to sign: typed back in any reasonable form, a typo caught, nothing personal inside."""

from hypothesis import given
from hypothesis import strategies as st

from opp.ronde.code import ALFABET, LENGTE, _controle, lees_code, leesbaar, nieuwe_code, qr_inhoud


def test_code_reads_back_from_every_form():
    code = nieuwe_code()
    assert len(code) == LENGTE + 1
    for vorm in (code, leesbaar(code), leesbaar(code).lower(), f"  {leesbaar(code)} ", qr_inhoud(code)):
        assert lees_code(vorm) == code


@given(st.integers(min_value=0, max_value=LENGTE), st.sampled_from(ALFABET))
def test_one_wrong_character_is_caught(plek, teken):
    code = nieuwe_code()
    fout = code[:plek] + teken + code[plek + 1:]
    if fout != code:
        assert lees_code(fout) is None


def test_confusable_letters_read_as_digits():
    code = "0000000" + "1" + "A"
    code = code[:LENGTE] + _controle(code[:LENGTE])
    assert lees_code(code.replace("0", "O").replace("1", "l")) == code


def test_not_a_code():
    for tekst in ("", "OPP:", "hallo", "1234", "K7QM-4XW2-TT"):
        assert lees_code(tekst) is None
