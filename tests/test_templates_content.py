"""The default templates (templates/*.docx): rendered for a small class and read back with python-docx.

Each document has its sections with the pupil's data, leaves no template tag or 'None', shows special
characters literally, says 'Geen gegevens ingevuld' where a pupil has no data, and has the page furniture
(A4, header with the school, footer with PAGE / NUMPAGES fields). The committed templates are exactly what
scripts/make_templates.py builds.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate

from opp.render.context import pupil_context
from opp.render.environment import make_environment
from opp.settings import Settings
from opp.werkboek.blank import write_workbook
from opp.werkboek.reader import read_werkboek

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
DATUM = dt.date(2026, 11, 22)
LEEG = "Geen gegevens ingevuld"
NAAM = "O'Brien & Zn <b>"

SCHOOL = dict(naam="Praktijkschool De Linde", adres="Lindelaan 4", postcode="3511 AB", plaats="Utrecht",
              telefoon="030 123 45 67", email="info@delinde.example", samenwerkingsverband="SWV VO Utrecht",
              schooljaar="2026-2027", schooltype="praktijkonderwijs", zorgcoordinator="dhr. K. Bakker",
              orthopedagoog="mw. drs. L. Smit")


def _leerling(nr, roepnaam, achternaam, geboren, **extra) -> dict:
    row = dict(leerlingnummer=nr, roepnaam=roepnaam, achternaam=achternaam, geboortedatum=geboren, klas="PrO 2B",
               mentor="dhr. P. Jansen", datum_inschrijving=dt.date(2025, 9, 1), uitstroomrichting="arbeid",
               uitstroombestemming="Betaald werk", onderbouwing_uitstroom="Werkt graag met de handen.",
               invulling_praktijkonderwijs="Stage in de groenvoorziening.")
    row.update(extra)
    return row


ROWS = {
    "Leerlingen": [
        # 001: a rich dossier, a name that needs escaping, two parents with gezag, multi-line cells.
        _leerling("001", "Sanne", NAAM, dt.date(2012, 5, 14), leerjaar=2, teamleider="mw. R. Peters",
                  vorige_school="Basisschool De Regenboog", ondersteuningsniveau="2e lijn",
                  uitstroombestemming="Hovenier bij de gemeente",
                  onderbouwing_uitstroom="Werkt graag buiten.\nDe stage groen ging goed.",
                  afwijkingen_onderwijsprogramma="Rekenen op 1F in een kleine groep.",
                  inbreng_leerling="Ik wil hovenier worden.\nRekenen vind ik moeilijk.",
                  datum_vaststelling=dt.date(2025, 10, 10), datum_evaluatie=dt.date(2026, 6, 15)),
        # 002: almost no data.
        _leerling("002", "Kim", "Leeg", dt.date(2013, 1, 20)),
        # 003: 18+, referred without consent; her OPP is a concept (no factors, support, goals or view yet).
        _leerling("003", "Noor", "Bakker", dt.date(2007, 3, 2), uitstroomrichting="vervolgonderwijs",
                  uitstroombestemming="Entree-opleiding horeca (mbo-1)"),
        # 004: 18+ with a complete OPP: she gives instemming herself; the dates the law asks for are filled in.
        _leerling("004", "Lotte", "Smit", dt.date(2007, 6, 1), inbreng_leerling="Ik wil naar de Entree-opleiding.",
                  datum_hoorrecht=dt.date(2025, 9, 29), hoorrecht_hoe="gesprek", hoorrecht_door="dhr. P. Jansen",
                  datum_oogo=dt.date(2025, 10, 1), datum_eerste_vaststelling=dt.date(2025, 10, 20),
                  datum_vaststelling=dt.date(2026, 10, 2), datum_evaluatie=dt.date(2026, 6, 18),
                  datum_volgende_evaluatie=dt.date(2027, 6, 17)),
    ],
    "Verzorgers": [
        dict(leerlingnummer="001", naam="mw. M. Moeder", relatie="moeder", gezag="ja", telefoon="06 12345678",
             email="moeder@example.nl", adres="Kerkstraat 1", postcode="3511 AA", plaats="Utrecht"),
        dict(leerlingnummer="001", naam="dhr. J. Vader", relatie="vader", gezag="ja"),
        dict(leerlingnummer="002", naam="dhr. A. Leeg", relatie="vader", gezag="ja"),
    ],
    "Factoren": [
        dict(leerlingnummer="001", domein="cognitief", soort="bevorderend", omschrijving="Leert door te doen."),
        dict(leerlingnummer="001", domein="sociaal-emotioneel", soort="belemmerend",
             omschrijving="Faalangst bij toetsen & <proefwerken>."),
        dict(leerlingnummer="004", domein="werkhouding", soort="bevorderend", omschrijving="Is altijd op tijd."),
        dict(leerlingnummer="004", domein="didactisch", soort="belemmerend", omschrijving="Leest traag."),
    ],
    "Onderwijsbehoeften": [
        dict(leerlingnummer="001", omschrijving="heeft behoefte aan korte, duidelijke instructie"),
        dict(leerlingnummer="001", omschrijving="heeft behoefte aan een vaste plek"),
    ],
    "Toetsen": [
        dict(leerlingnummer="001", onderdeel="begrijpend lezen", instrument="Cito LVS",
             datum=dt.date(2026, 1, 15), dl=60, dle=27, functioneringsniveau="eind groep 5"),
        dict(leerlingnummer="001", onderdeel="intelligentie", instrument="WISC-V", datum=dt.date(2024, 11, 3),
             score=72, afgenomen_door="mw. drs. L. Smit"),
    ],
    "Doelen": [
        dict(leerlingnummer="001", plan="OPP", domein="werken", periode="1",
             doel="Sanne werkt 20 minuten zelfstandig.", aanpak="Taakkaart met stappen.", wie="mentor",
             evaluatiedatum=dt.date(2027, 2, 1), status="deels behaald", evaluatie="Lukt 10 minuten."),
        dict(leerlingnummer="001", plan="IOP", domein="wonen", periode="2", doel="Ik kook een maaltijd.",
             aanpak="Ik oefen in de les koken.", wie="docent koken"),
        dict(leerlingnummer="004", plan="OPP", domein="werken", doel="Lotte plant haar stageweek zelf."),
    ],
    "Ondersteuning": [
        dict(leerlingnummer="001", lijn="2e lijn", interventie="Faalangstreductietraining", door="orthopedagoog",
             frequentie="wekelijks 45 minuten"),
        dict(leerlingnummer="004", lijn="1e lijn", interventie="Planningsgesprek", door="mentor"),
    ],
    "Trajecten": [
        dict(leerlingnummer="001", traject="Stage groenvoorziening", domein="werken", periode="1",
             beoordeling="voldoende", opmerking="Was altijd op tijd."),
    ],
    "Kernteam": [
        dict(leerlingnummer="001", datum_aanmelding=dt.date(2026, 10, 5), aangemeld_door="dhr. P. Jansen",
             akkoord_teamleider=dt.date(2026, 10, 4), hulpvraag="Hoe helpen we Sanne?\nZe verzuimt vaak.",
             wat_is_al_gedaan="Gesprekken met Sanne en moeder.", verwachting="Advies over aanpak.",
             toestemming_ouders="ja", datum_toestemming=dt.date(2026, 10, 3), externe_partners="schoolarts, MEE"),
        dict(leerlingnummer="003", datum_aanmelding=dt.date(2026, 11, 1), aangemeld_door="dhr. P. Jansen",
             akkoord_teamleider=dt.date(2026, 10, 30), hulpvraag="Noor is onrustig.",
             wat_is_al_gedaan="Gesprek met Noor.", toestemming_ouders="nee"),
    ],
}


@pytest.fixture(scope="module")
def werkboek(tmp_path_factory):
    folder = tmp_path_factory.mktemp("klas")
    write_workbook(folder / "werkboek.xlsx", rows=ROWS, school=SCHOOL)
    wb = read_werkboek(folder / "werkboek.xlsx", DATUM)
    assert sorted(d.leerlingnummer for d in wb.bruikbare_dossiers()) == ["001", "002", "003", "004"], wb.report.issues
    return wb


@pytest.fixture(scope="module")
def rendered(werkboek, tmp_path_factory):
    """render(document, leerlingnummer, school=None) -> python-docx Document (cached per combination)."""
    folder = tmp_path_factory.mktemp("uit")
    cache = {}

    def render(document: str, nr: str, school=None):
        key = (document, nr, id(school))
        if key not in cache:
            ctx = pupil_context(werkboek.dossiers[nr], school or werkboek.school, DATUM, Settings())
            tpl = DocxTemplate(TEMPLATES / f"{document}.docx")
            tpl.render(ctx, jinja_env=make_environment())
            path = folder / f"{document}-{nr}-{len(cache)}.docx"
            tpl.save(path)
            cache[key] = Document(path)
        return cache[key]

    return render


# -- reading a document back ----------------------------------------------------------------------------------

def blocks(doc):
    """Body paragraphs and tables in document order."""
    for child in doc.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, doc)
        elif child.tag.endswith("}tbl"):
            yield Table(child, doc)


def table_paragraphs(table):
    seen = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell appears once per grid column it spans
                continue
            seen.add(cell._tc)
            yield from cell.paragraphs
            for inner in cell.tables:
                yield from table_paragraphs(inner)


def all_paragraphs(doc):
    for block in blocks(doc):
        if isinstance(block, Paragraph):
            yield block
        else:
            yield from table_paragraphs(block)


def body_text(doc) -> str:
    return "\n".join(p.text for p in all_paragraphs(doc))


def header_footer_text(doc) -> str:
    parts = []
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def sections(doc) -> dict[str, str]:
    """Heading 1 text -> all text up to the next Heading 1 (including tables)."""
    result, current = {}, "(voor de eerste kop)"
    result[current] = ""
    for block in blocks(doc):
        if isinstance(block, Paragraph) and block.style.name == "Heading 1":
            current = block.text
            result[current] = ""
            continue
        texts = [block.text] if isinstance(block, Paragraph) else [p.text for p in table_paragraphs(block)]
        result[current] += "\n".join(texts) + "\n"
    return result


def headings(doc, level: int = 1) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


# -- the documents ------------------------------------------------------------------------------------------

OPP_HEADINGS = [
    "Leerling- en schoolgegevens", "Schoolloopbaan", "Didactische gegevens en intelligentie", "Integraal beeld",
    "Onderwijsbehoeften", "Uitstroomperspectief", "Te bieden ondersteuning", "Afwijkingen van het onderwijsprogramma",
    "Invulling praktijkonderwijs", "Handelingsdeel", "Inbreng leerling", "Evaluatie en vaststelling", "Ondertekening",
]


def test_opp_has_every_section_in_order_with_the_pupils_data(rendered):
    doc = rendered("opp", "001")
    assert headings(doc) == OPP_HEADINGS
    s = sections(doc)
    first = s["Leerling- en schoolgegevens"]
    for expected in (f"Sanne {NAAM}", "14 mei 2012", "14 jaar", "PrO 2B", "2e lijn", "Praktijkschool De Linde",
                     "dhr. P. Jansen", "mw. R. Peters", "dhr. K. Bakker", "mw. drs. L. Smit", "mw. M. Moeder",
                     "dhr. J. Vader", "06 12345678", "Kerkstraat 1, 3511 AA Utrecht"):
        assert expected in first, expected
    assert "Basisschool De Regenboog" in s["Schoolloopbaan"]
    assert "13 oktober 2025" in s["Schoolloopbaan"]  # 42 days after enrolment
    didactiek = s["Didactische gegevens en intelligentie"]
    assert "Begrijpend lezen" in didactiek and "0,55" in didactiek and "WISC-V" in didactiek and "72" in didactiek
    assert "LA = leerachterstand = 1 \u2212 DLE/DL" in didactiek
    beeld = s["Integraal beeld"]
    assert "Cognitief" in beeld and "Leert door te doen." in beeld
    assert "Faalangst bij toetsen & <proefwerken>." in beeld
    assert "heeft behoefte aan een vaste plek" in s["Onderwijsbehoeften"]
    uitstroom = s["Uitstroomperspectief"]
    assert "arbeid" in uitstroom and "Hovenier bij de gemeente" in uitstroom
    assert "Werkt graag buiten.\nDe stage groen ging goed." in uitstroom  # a line break stays a break
    steun = s["Te bieden ondersteuning"]
    assert "2e lijn" in steun and "Faalangstreductietraining" in steun and "wekelijks 45 minuten" in steun
    assert "Rekenen op 1F in een kleine groep." in s["Afwijkingen van het onderwijsprogramma"]
    assert "Stage in de groenvoorziening." in s["Invulling praktijkonderwijs"]
    handelingsdeel = s["Handelingsdeel"]
    for expected in ("Werken", "Sanne werkt 20 minuten zelfstandig.", "Taakkaart met stappen.", "mentor",
                     "deels behaald", "1 februari 2027", "Lukt 10 minuten."):
        assert expected in handelingsdeel, expected
    assert "Ik kook een maaltijd." not in handelingsdeel  # IOP goals stay in the IOP
    assert "Ik wil hovenier worden.\nRekenen vind ik moeilijk." in s["Inbreng leerling"]
    assert "10 oktober 2025" in s["Evaluatie en vaststelling"] and "15 juni 2026" in s["Evaluatie en vaststelling"]


def test_opp_signature_blocks_name_each_signer(rendered):
    doc = rendered("opp", "001")
    assert headings(doc, 2)[-2:] == ["Instemming met het handelingsdeel", "Gezien / besproken"]
    ondertekening = sections(doc)["Ondertekening"]
    instemming, gezien = ondertekening.split("Gezien / besproken")
    assert "instemming met het handelingsdeel" in instemming and "overeenstemming gericht overleg" in instemming
    assert "mw. M. Moeder" in instemming and "dhr. J. Vader" in instemming  # both parents with gezag
    assert f"Sanne {NAAM}" in gezien and "dhr. P. Jansen" in gezien
    # Signature rows never split over two pages.
    tables = [b for b in blocks(doc) if isinstance(b, Table)]
    for table in tables[-2:]:
        assert all(row._tr.trPr is not None and row._tr.trPr.find(_w("cantSplit")) is not None
                   for row in table.rows)
    # An adult pupil gives instemming in the parents' place.
    adult = sections(rendered("opp", "004"))["Ondertekening"].split("Gezien / besproken")[0]
    assert "Lotte Smit" in adult and "leerling (meerderjarig)" in adult


def test_praktijkonderwijs_section_only_on_a_praktijkschool(werkboek, rendered):
    vo = werkboek.school.model_copy(update={"schooltype": "vo"})
    assert "Invulling praktijkonderwijs" not in headings(rendered("opp", "001", school=vo))
    assert "Invulling praktijkonderwijs" in headings(rendered("opp", "001"))


def test_iop_in_plain_language_with_goals_coaching_questions_and_signatures(rendered, werkboek):
    doc = rendered("iop", "001")
    assert headings(doc) == ["Mijn toekomst", "Mijn doelen", "Wie mij helpt", "Mijn trajecten", "Handtekeningen",
                             "Mijn coachgesprek"]
    s = sections(doc)
    assert "Mijn plan" in s["(voor de eerste kop)"]
    assert "Hovenier bij de gemeente" in s["Mijn toekomst"]
    doelen = s["Mijn doelen"]
    assert "Wonen" in doelen and "Ik kook een maaltijd." in doelen and "Ik oefen in de les koken." in doelen
    assert "docent koken" in doelen and "Sanne werkt 20 minuten" not in doelen  # OPP goals stay in the OPP
    assert "dhr. P. Jansen" in s["Wie mij helpt"] and "Faalangstreductietraining" in s["Wie mij helpt"]
    assert "Stage groenvoorziening" in s["Mijn trajecten"] and "voldoende" in s["Mijn trajecten"]
    assert f"Sanne {NAAM}" in s["Handtekeningen"] and "mentor" in s["Handtekeningen"]
    coach = [b for b in blocks(doc) if isinstance(b, Table)][-1]
    ctx = pupil_context(werkboek.dossiers["001"], werkboek.school, DATUM, Settings())
    questions = [row.cells[0].text for row in coach.rows[1:]]
    assert questions == ctx["coachvragen"]
    assert all(row.cells[1].text == "" for row in coach.rows[1:])  # room to write


def test_kernteam_shows_consent_first_and_the_referral(rendered):
    doc = rendered("kernteam", "001")
    s = sections(doc)
    top = s["(voor de eerste kop)"]
    assert "Aanmelding kernteam" in top and "Toestemming ouders: Ja, ouders gaven toestemming op 3 oktober 2026" in top
    assert "Hoe helpen we Sanne?\nZe verzuimt vaak." in s["Hulpvraag"]
    assert "Gesprekken met Sanne en moeder." in s["Wat is al gedaan, en met welk effect"]
    assert "Advies over aanpak." in s["Verwachting van het kernteam"]
    aanmelding = s["Aanmelding"]
    assert "5 oktober 2026" in aanmelding and "4 oktober 2026" in aanmelding and "mw. R. Peters" in aanmelding
    assert "Leert door te doen." in s["Bevorderende en belemmerende factoren"]
    assert "schoolarts, MEE" in s["Externe partners"]


def test_kernteam_without_consent_says_only_internal(rendered):
    s = sections(rendered("kernteam", "003"))
    top = s["(voor de eerste kop)"]
    assert "Toestemming ouders: Nee" in top
    assert "alleen besproken door de interne zorgco\u00f6rdinatoren" in top
    assert "Geen" in s["Externe partners"]
    assert LEEG in s["Bevorderende en belemmerende factoren"]


@pytest.mark.parametrize("document", ["opp", "iop"])
def test_empty_pupil_says_geen_gegevens_and_has_no_empty_table(rendered, document):
    doc = rendered(document, "002")
    s = sections(doc)
    if document == "opp":
        for heading in ("Onderwijsbehoeften", "Didactische gegevens en intelligentie"):  # optional parts
            assert LEEG in s[heading], heading
        # A legal part still empty is not 'no data': the plan is a concept and says what is still missing.
        for heading in ("Integraal beeld", "Te bieden ondersteuning", "Handelingsdeel", "Inbreng leerling"):
            assert LEEG not in s[heading], heading
        assert "Nog niet ingevuld" in s["Integraal beeld"] and "Nog niet ingevuld" in s["Te bieden ondersteuning"]
        assert "Nog geen doelen" in s["Handelingsdeel"]
        assert "Wat Kim zelf over het plan zegt, is nog niet ingevuld." in s["Inbreng leerling"]
        assert "Nog niet vastgesteld" in s["Evaluatie en vaststelling"]
    else:
        for heading in ("Mijn doelen", "Mijn trajecten"):
            assert LEEG in s[heading], heading
    for table in (b for b in blocks(doc) if isinstance(b, Table)):
        header_only = all(row._tr.trPr is not None and row._tr.trPr.find(_w("tblHeader")) is not None
                          for row in table.rows)
        assert not header_only, [c.text for c in table.rows[0].cells]


@pytest.mark.parametrize("document,nr", [("opp", "001"), ("opp", "002"), ("opp", "003"), ("opp", "004"), ("iop", "001"),
                                         ("iop", "002"), ("kernteam", "001"), ("kernteam", "003")])
def test_no_template_tags_none_or_stray_empty_paragraphs(rendered, document, nr):
    doc = rendered(document, nr)
    text = body_text(doc) + header_footer_text(doc)
    for bad in ("{{", "}}", "{%", "%}", "None", "&amp;", "&lt;"):
        assert bad not in text, bad
    # Loop tags leave no empty paragraphs in the body (the small 'Afstand' spacers are deliberate).
    empty = [p for p in doc.paragraphs if not p.text.strip() and p.style.name not in ("Afstand", "Toelichting")]
    assert empty == []


# -- a concept is a concept; the dates the law asks for ----------------------------------------------------------

def test_a_concept_says_so_on_every_page_and_asks_no_instemming(rendered):
    doc = rendered("opp", "003")  # Noor: no factors, support, goals or view yet
    header = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
    assert "CONCEPT" in header  # the header is on every page
    top = sections(doc)["(voor de eerste kop)"]
    assert "Het plan is besproken met ouders" not in top
    assert ("Nog niet ingevuld: de bevorderende factoren, de belemmerende factoren, de te bieden ondersteuning, "
            "de doelen van het handelingsdeel en de inbreng van de leerling.") in top
    assert headings(doc, 2)[-2:] != ["Instemming met het handelingsdeel", "Gezien / besproken"]
    ondertekening = sections(doc)["Ondertekening"]
    assert "concept" in ondertekening and "Noor Bakker" not in ondertekening
    assert not [t for t in blocks(doc) if isinstance(t, Table)
                and any(r.cells[0].text == "Naam en functie" for r in t.rows)]


@pytest.mark.parametrize("document,nr", [("opp", "001"), ("opp", "004"), ("iop", "003"), ("kernteam", "003")])
def test_a_complete_plan_and_other_documents_are_no_concept(rendered, document, nr):
    doc = rendered(document, nr)
    assert "CONCEPT" not in header_footer_text(doc) and "Concept" not in body_text(doc)
    if document == "opp":
        assert "Het plan is besproken met ouders" in sections(doc)["(voor de eerste kop)"]
        assert "Instemming met het handelingsdeel" in headings(doc, 2)


def test_the_dates_the_law_asks_for(rendered):
    s = sections(rendered("opp", "004"))  # enrolled 1 September 2025: due 13 October, first set 20 October
    assert "Eerste OPP vastgesteld op\n20 oktober 2025 (binnen zes weken na inschrijving: nee)" in s["Schoolloopbaan"]
    assert "Gehoord op 29 september 2025, in een gesprek, door dhr. P. Jansen." in s["Inbreng leerling"]
    assert "Ik wil naar de Entree-opleiding." in s["Inbreng leerling"]
    evaluatie = s["Evaluatie en vaststelling"]
    for label, datum in (("Overleg met ouders (OOGO)", "1 oktober 2025"), ("Datum vaststelling", "2 oktober 2026"),
                         ("Datum laatste evaluatie", "18 juni 2026"), ("Volgende evaluatie", "17 juni 2027")):
        assert f"{label}\n{datum}" in evaluatie, label
    # Unknown dates are said plainly, and no first vaststelling is claimed when it is not known.
    s = sections(rendered("opp", "001"))
    assert "Eerste OPP" not in s["Schoolloopbaan"] and "Gehoord" not in s["Inbreng leerling"]
    assert "Overleg met ouders (OOGO)\nNiet ingevuld" in s["Evaluatie en vaststelling"]


def test_a_first_opp_in_time_says_ja(werkboek, tmp_path):
    dossier = werkboek.dossiers["004"]
    dossier.leerling = dossier.leerling.model_copy(update={"datum_eerste_vaststelling": dt.date(2025, 10, 13)})
    ctx = pupil_context(dossier, werkboek.school, DATUM, Settings())
    assert (ctx["leerling"]["eerste_vaststelling"], ctx["leerling"]["eerste_vaststelling_op_tijd"]) == (
        "13 oktober 2025", "ja")
    korter = Settings.model_validate({"termijnen": {"opp_vaststellen_dagen": 30}})
    ctx = pupil_context(dossier, werkboek.school, DATUM, korter)
    assert ctx["leerling"]["eerste_vaststelling_op_tijd"] == "nee" and ctx["leerling"]["opp_termijn"] == "30 dagen"


def test_special_characters_appear_literally_everywhere(rendered):
    doc = rendered("opp", "001")
    assert f"Sanne {NAAM}" in body_text(doc)
    assert f"Sanne {NAAM}" in "\n".join(p.text for p in doc.sections[0].footer.paragraphs)


def test_lists_are_list_bullet_paragraphs(rendered):
    doc = rendered("opp", "001")
    bullets = [p.text for p in all_paragraphs(doc) if p.style.name == "List Bullet"]
    assert "heeft behoefte aan korte, duidelijke instructie" in bullets
    assert "Leert door te doen." in bullets  # factors in the table cells too


@pytest.mark.parametrize("document,titel", [("opp", "Ontwikkelingsperspectiefplan"),
                                            ("iop", "Individueel ontwikkelingsplan"),
                                            ("kernteam", "Aanmelding kernteam")])
def test_header_footer_and_page_fields(rendered, document, titel):
    doc = rendered(document, "001")
    header = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
    assert "Praktijkschool De Linde" in header and titel in header
    assert "Lindelaan 4, 3511 AB Utrecht" in header and "030 123 45 67 | info@delinde.example" in header
    assert "Schooljaar 2026-2027" in header
    footer = doc.sections[0].footer
    text = "\n".join(p.text for p in footer.paragraphs)
    assert "Vertrouwelijk" in text and f"Sanne {NAAM}" in text and "pagina" in text and " van " in text
    instructions = [el.text.strip() for el in footer._element.iter(_w("instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]


@pytest.mark.parametrize("document", ["opp", "iop", "kernteam"])
def test_templates_are_a4_with_calibri_and_real_heading_styles(document):
    doc = Document(TEMPLATES / f"{document}.docx")
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    assert min(section.left_margin, section.right_margin) >= Mm(18)
    # Calibri everywhere (Carlito is its metric twin): no theme fonts that Word and LibreOffice resolve apart.
    assert all(doc.styles[name].font.name == "Calibri" for name in ("Normal", "Heading 1", "Heading 2", "Title",
                                                                     "List Bullet", "Header", "Footer"))
    assert not any(el.get(_w("asciiTheme")) for el in doc.styles.element.iter(_w("rFonts")))
    assert headings(doc)  # the built-in Heading 1 style, so the navigation pane and a TOC work
    header_rows = [row for table in doc.tables for row in table.rows
                   if row._tr.trPr is not None and row._tr.trPr.find(_w("tblHeader")) is not None]
    assert header_rows  # table header rows repeat on every page


def test_committed_templates_are_what_the_script_builds(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_templates", ROOT / "scripts" / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_templates", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    for path in module.build(tmp_path):
        assert path.read_bytes() == (TEMPLATES / path.name).read_bytes(), (
            f"{path.name} is niet actueel: draai python scripts/make_templates.py")


@pytest.mark.parametrize("name", ["opp", "iop", "kernteam", "tlv"])
def test_templates_carry_only_the_styles_they_use(name):
    """LibreOffice parses every style of every document it converts: python-docx's 170 default styles, latent
    styles and stylesWithEffects.xml cost a third of the PDF time. What the template refers to must stay."""
    with zipfile.ZipFile(TEMPLATES / f"{name}.docx") as package:
        names = set(package.namelist())
        assert not names & {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"}
        styles = package.read("word/styles.xml")
        assert b"latentStyles" not in styles
        defined = set(re.findall(rb'w:styleId="([^"]+)"', styles))
        referenced = {ref for part in names if part.startswith("word/") and part.endswith(".xml")
                      for ref in re.findall(rb'w:(?:pStyle|rStyle|tblStyle|basedOn|next|link) w:val="([^"]+)"',
                                            package.read(part))}
        assert referenced <= defined
        assert len(defined) < 40
        for rels in ("_rels/.rels", "word/_rels/document.xml.rels"):
            assert b"stylesWithEffects" not in package.read(rels) and b"thumbnail" not in package.read(rels)


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag
