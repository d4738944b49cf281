"""What the OPP and IOP say where data is missing, ended or written by staff (issue 14, 'every page one she
would send'): the IOP in the pupil's voice, only current help, empty roles and parts left out, a guardian's role
in words. Each test renders the real templates and reads the document back."""

import datetime as dt

import pytest
from docx import Document

from opp.data import demo_folder
from opp.invoer import open_invoer
from opp.models import Leerling
from opp.models.leerling import Verzorger
from opp.render.documents import render
from opp.render.verzorger_tekst import rol_tekst
from render_helpers import DATUM, compleet_plan, document_text, leerling, ouder, workbook

LEEG = "Geen gegevens ingevuld"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    uit = tmp_path_factory.mktemp("demo")
    result = render(open_invoer(demo_folder() / "werkboek.xlsx", DATUM), uit=uit, jobs=2)
    assert result.ok
    return {p.name.split()[0] + "-" + p.name.split(" - ")[1]: p for p in result.geschreven}


def _render(tmp_path, pupils, verzorgers=None, documenten=("opp", "iop"), **sheets):
    wb = workbook(tmp_path, pupils, verzorgers, **sheets)
    result = render(open_invoer(wb, DATUM), uit=tmp_path / "uit", jobs=1, documenten=list(documenten))
    assert result.ok, result.overgeslagen
    return {p.name.split(" - ")[1]: p for p in result.geschreven}


def _rij(path, label: str) -> str | None:
    """The value beside `label` in a key/value table, or None when no row has that label."""
    for table in Document(path).tables:
        for row in table.rows:
            cells = row.cells
            for label_cel, waarde in zip(cells, cells[1:], strict=False):
                if label_cel.text == label:
                    return waarde.text
    return None


def _iop_deel(path, kop: str) -> str:
    """The text under Heading 1 `kop` up to the next Heading 1, tables included."""
    doc = Document(path)
    parts, binnen = [], False
    for block in doc.iter_inner_content():
        if hasattr(block, "style") and block.style is not None and block.style.name == "Heading 1":
            binnen = block.text == kop
            continue
        if binnen:
            parts.append(block.text if hasattr(block, "text") and not hasattr(block, "rows")
                         else "\n".join(c.text for r in block.rows for c in r.cells))
    return "\n".join(parts)


# -- the IOP speaks with the pupil's voice ------------------------------------------------------------------

def test_iop_shows_the_pupils_own_words_and_never_the_staff_reasoning(demo):
    yara = demo["024104-IOP"]
    toekomst = _iop_deel(yara, "Mijn toekomst")
    assert "In de klas is het te druk voor mij." in toekomst  # her own words (Inbreng leerling)
    assert "verzuimt" not in document_text(yara)  # the staff's 'Onderbouwing uitstroom' stays in the OPP
    assert "verzuimt" in document_text(demo["024104-OPP"])
    assert _rij(yara, "Waarom dit bij mij past") is None


def test_iop_without_the_pupils_words_invites_them_instead_of_saying_no_data(demo):
    mila = demo["024105-IOP"]  # Mila's workbook row has no Inbreng leerling
    toekomst = _iop_deel(mila, "Mijn toekomst")
    assert _rij(mila, "Wat ik zelf vind") is None
    assert "in mijn eigen woorden" in toekomst
    assert LEEG not in toekomst


def test_help_that_ended_before_the_document_date_is_not_listed_in_the_iop(demo):
    # Yara's observation by the orthopedagoog ended on 30 October 2026; the documents are of 22 November.
    hulp = _iop_deel(demo["024104-IOP"], "Wie mij helpt")
    assert "Observatie in de klas" not in hulp
    assert "Dagelijkse check-in en check-out" in hulp and "Gezinsbegeleiding" in hulp
    assert "Observatie in de klas" in document_text(demo["024104-OPP"])  # the OPP keeps the whole history


def test_help_ending_on_the_document_date_still_counts_and_no_current_help_leaves_the_line_out(tmp_path):
    rijen = [dict(leerlingnummer="001", lijn="1e lijn", interventie="Loopt vandaag af", einddatum=DATUM),
             dict(leerlingnummer="001", lijn="2e lijn", interventie="Was gisteren klaar",
                  einddatum=DATUM - dt.timedelta(days=1))]
    hulp = _iop_deel(_render(tmp_path / "a", [leerling()], Ondersteuning=rijen)["IOP"], "Wie mij helpt")
    assert "Loopt vandaag af" in hulp and "Was gisteren klaar" not in hulp
    alleen_oud = _render(tmp_path / "b", [leerling()], Ondersteuning=rijen[1:])["IOP"]
    assert "Ik krijg ook deze hulp" not in _iop_deel(alleen_oud, "Wie mij helpt")


# -- empty fields: hidden alike, nothing claimed -------------------------------------------------------------

def test_an_empty_role_is_hidden_like_psycholoog_and_smw(tmp_path):
    docs = _render(tmp_path, [leerling(teamleider=None)], documenten=("opp",))
    assert _rij(docs["OPP"], "Teamleider") is None and _rij(docs["OPP"], "Psycholoog") is None
    assert _rij(docs["OPP"], "Mentor") == "P. Jansen" and _rij(docs["OPP"], "Zorgco\u00f6rdinator") == "K. Zorg"
    rollen = ("Teamleider", "Orthopedagoog", "Psycholoog", "Schoolmaatschappelijk werker")
    assert [_rij(docs["OPP"], rol) for rol in rollen] == [None] * 4  # none of them filled: none shown
    met = _render(tmp_path / "met", [leerling(teamleider="mw. R. Peters")], documenten=("opp",))
    assert _rij(met["OPP"], "Teamleider") == "mw. R. Peters"


def test_kernteam_hides_an_empty_teamleider(tmp_path, demo):
    aanmelding = dict(leerlingnummer="001", datum_aanmelding=DATUM, aangemeld_door="P. Jansen",
                      akkoord_teamleider=DATUM, hulpvraag="Hoe helpen we Sanne?", wat_is_al_gedaan="Gesprekken.",
                      toestemming_ouders="nee")
    docs = _render(tmp_path, [leerling()], documenten=("kernteam",), Kernteam=[aanmelding])
    assert _rij(docs["KERNTEAM"], "Teamleider") is None and _rij(docs["KERNTEAM"], "Aangemeld door") == "P. Jansen"
    assert _rij(demo["024104-KERNTEAM"], "Teamleider") == "mw. R. Peters"  # filled: shown


def test_empty_afwijkingen_prints_nothing_and_claims_nothing(tmp_path):
    leeg = _render(tmp_path / "leeg", [leerling()], documenten=("opp",))["OPP"]
    text = document_text(leeg)
    assert "Geen afwijkingen" not in text and "Afwijkingen van het onderwijsprogramma" not in text
    gevuld = _render(tmp_path / "vol", [leerling(afwijkingen_onderwijsprogramma="Rekenen op 1F.")],
                     documenten=("opp",))["OPP"]
    assert "Rekenen op 1F." in _iop_deel(gevuld, "Afwijkingen van het onderwijsprogramma")


def test_a_curator_appears_as_curator_in_the_opp(demo):
    # Lotte (under curatele): her curator is in the workbook as relation 'anders' with gezag 'ja'.
    lotte = document_text(demo["021308-OPP"])
    rows = [[c.text for c in r.cells] for t in Document(demo["021308-OPP"]).tables for r in t.rows]
    curator = next(r for r in rows if r[0] == "mr. H. Wolters (curator)")
    assert curator[1] == "curator"
    assert "anders" not in lotte
    moeder = next(r for r in rows if r[0] == "mw. C. Hendriks")
    assert moeder[1] == "moeder"  # Lotte is an adult: no gezag to speak of


def test_a_parents_role_says_relation_and_gezag_in_words(tmp_path):
    docs = _render(tmp_path, [leerling()], [ouder(), ouder(naam="dhr. B. Berg", relatie="vader", gezag="nee")],
                   documenten=("opp",))
    rows = {r.cells[0].text: r.cells[1].text for t in Document(docs["OPP"]).tables for r in t.rows
            if len(r.cells) > 1}
    assert rows["M. van der Berg"] == "moeder, met gezag" and rows["dhr. B. Berg"] == "vader, zonder gezag"


@pytest.mark.parametrize("relatie,gezag,vertegenwoordiging,geboren,verwacht", [
    ("moeder", "ja", "geen", dt.date(2012, 5, 14), "moeder, met gezag"),
    ("vader", "nee", "geen", dt.date(2012, 5, 14), "vader, zonder gezag"),
    ("voogd", "ja", "geen", dt.date(2012, 5, 14), "voogd"),
    ("anders", "ja", "geen", dt.date(2012, 5, 14), "andere relatie, met gezag"),
    ("moeder", "ja", "geen", dt.date(2008, 1, 1), "moeder"),  # 18: parents no longer have gezag
    ("anders", "ja", "curatele", dt.date(2007, 1, 1), "curator"),
    ("verzorger", "ja", "mentorschap", dt.date(2007, 1, 1), "wettelijk mentor"),
    ("moeder", "nee", "curatele", dt.date(2007, 1, 1), "moeder"),
])
def test_rol_tekst(relatie, gezag, vertegenwoordiging, geboren, verwacht):
    ll = Leerling.model_validate(leerling(geboortedatum=geboren, vertegenwoordiging=vertegenwoordiging))
    v = Verzorger.model_validate(ouder(relatie=relatie, gezag=gezag))
    assert rol_tekst(v, ll, DATUM) == verwacht


def test_the_signature_part_follows_on_without_a_forced_page_break(tmp_path):
    pupil = leerling(inbreng_leerling="Ik wil hovenier worden.")
    docs = _render(tmp_path, [pupil], documenten=("opp",), **compleet_plan())
    doc = Document(docs["OPP"])
    forced = [p.text for p in doc.paragraphs if p.paragraph_format.page_break_before]
    assert forced == []
    # The sentence a signer signs stands in the signature table itself, above the names.
    tekst = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    assert ["Met mijn handtekening stem ik in met het handelingsdeel van dit ontwikkelingsperspectiefplan."] * 3 \
        in tekst
