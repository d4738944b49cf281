"""What changed since the version the parents agreed to: the snapshot per version, the rule, the OPP section."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opp.register.db import Instemming, Register
from opp.register.identiteit import EIGEN, EIGEN_NAAM, lees_identiteit
from opp.register.momentopname import momentopname, uit_json
from opp.render.wijzigingen_tekst import TITEL, wijzigingen_sectie
from opp.rules.wijzigingen import Soort, Wat, wijzigingen
from render_helpers import DATUM, compleet_plan, leerling, ouder, own_templates, workbook

LATER = DATUM + dt.timedelta(days=7)
NOG_LATER = DATUM + dt.timedelta(days=14)
REGISTER = "opp-register.sqlite"


def schrijf(tmp: Path, doelen=("Werkt 20 minuten zelfstandig.",), ondersteuning=(("Taakkaart", ""),),
            telefoon="06 1234 5678", aanpak="Met een timer.") -> Path:
    """One complete pupil ('001'): OPP goals on 'werken' and support rows (interventie, einddatum) as given."""
    plan = compleet_plan("001")
    return workbook(tmp, [leerling("001", inbreng_leerling="Ik werk graag buiten.")],
                    [ouder("001", telefoon=telefoon)], Factoren=plan["Factoren"],
                    Ondersteuning=[dict(leerlingnummer="001", lijn="1e lijn", interventie=i, door="mentor",
                                        startdatum=dt.date(2026, 9, 1), einddatum=eind or None)
                                   for i, eind in ondersteuning],
                    Doelen=[dict(leerlingnummer="001", plan="OPP", domein="werken", periode="1", doel=d,
                                 aanpak=aanpak, status="bezig") for d in doelen])


def maak(wb: Path, datum=DATUM, **kwargs):
    from opp.invoer import open_invoer
    from opp.render.documents import render

    with open_invoer(wb, datum) as invoer:
        return render(invoer, uit=wb.parent / "uit", jobs=1, documenten=["opp"], **kwargs)


def stem_in(wb: Path, versie: int, datum: dt.date | None = LATER, besluit: str = "akkoord") -> None:
    with Register(wb.parent / REGISTER) as reg:
        reg.leg_instemming_vast(Instemming("001", "opp", versie, "OUDER:m. van der berg", besluit, datum))


def koppen(pad: Path) -> list[str]:
    return [p.text for p in Document(pad).paragraphs if p.style.name == "Heading 1"]


def sectie(pad: Path) -> list[str]:
    """The paragraphs of the section, heading to the next heading (a non-breaking space read as a space)."""
    alinea = [(p.style.name, p.text.replace("\xa0", " ")) for p in Document(pad).paragraphs]
    start = next((i for i, (_, t) in enumerate(alinea) if t == TITEL), None)
    if start is None:
        return []
    eind = next(i for i in range(start + 1, len(alinea)) if alinea[i][0] == "Heading 1")
    return [t for _, t in alinea[start:eind]]


# --- the rule: facts, not words ---------------------------------------------------------------------------------

def _doel(doel, **over):
    rij = {"domein": "Werken", "doel": doel, "aanpak": "Met een timer.", "wie": "mentor", "periode": "1",
           "evaluatiedatum": "", "status": "bezig", "evaluatie": ""}
    return rij | over


def _steun(interventie, **over):
    rij = {"lijn": "1e lijn", "interventie": interventie, "door": "mentor", "frequentie": "wekelijks",
           "periode": "vanaf 1 september 2026", "extern": "nee"}
    return rij | over


def _opname(doelen=(), ondersteuning=(), instemming=()):
    return {"v": 1, "doelen": list(doelen), "ondersteuning": list(ondersteuning), "instemming": list(instemming)}


def test_the_same_snapshot_has_no_changes():
    a = _opname([_doel("Leest een recept."), _doel("Leest een recept.")], [_steun("Taakkaart")])
    assert not wijzigingen(a, json.loads(json.dumps(a)))


def test_goals_added_removed_and_changed_with_their_fields():
    oud = _opname([_doel("Leest een recept."), _doel("Werkt 20 minuten zelfstandig."), _doel("Fietst naar stage.")])
    nieuw = _opname([_doel("Leest een recept.", aanpak="Met plaatjes.", status="behaald"),
                     _doel("Werkt 30 minuten zelfstandig."), _doel("Zet een tafel klaar.", domein="Wonen")])
    w = wijzigingen(oud, nieuw)
    assert [(x.wat, (x.oud or x.nieuw)["doel"]) for x in w.van(Soort.DOEL)] == [
        (Wat.VERVALLEN, "Fietst naar stage."), (Wat.GEWIJZIGD, "Leest een recept."),
        (Wat.GEWIJZIGD, "Werkt 20 minuten zelfstandig."), (Wat.TOEGEVOEGD, "Zet een tafel klaar.")]
    gewijzigd = w.van(Soort.DOEL, Wat.GEWIJZIGD)
    assert gewijzigd[0].velden == ("aanpak", "status")
    assert gewijzigd[1].velden == ("doel",) and gewijzigd[1].nieuw["doel"] == "Werkt 30 minuten zelfstandig."


def test_a_goal_moved_to_another_domain_is_changed_and_an_unlike_one_there_is_new():
    w = wijzigingen(_opname([_doel("Leest een recept.")]), _opname([_doel("Leest een recept.", domein="Wonen")]))
    assert [(x.wat, x.velden) for x in w.lijst] == [(Wat.GEWIJZIGD, ("domein",))]
    w = wijzigingen(_opname([_doel("Leest een recept.")]), _opname([_doel("Leest een recept!", domein="Wonen")]))
    assert [x.wat for x in w.lijst] == [Wat.VERVALLEN, Wat.TOEGEVOEGD]  # alike, but not in the same domain


def test_support_added_ended_and_changed():
    oud = _opname(ondersteuning=[_steun("Taakkaart"), _steun("Faalangsttraining", extern="ja")])
    nieuw = _opname(ondersteuning=[_steun("Taakkaart", periode="1 september 2026 t/m 31 januari 2027"),
                                   _steun("Remedial teaching lezen", lijn="2e lijn")])
    w = wijzigingen(oud, nieuw)
    assert [(x.wat, (x.oud or x.nieuw)["interventie"], x.velden) for x in w.van(Soort.ONDERSTEUNING)] == [
        (Wat.VERVALLEN, "Faalangsttraining", ()), (Wat.GEWIJZIGD, "Taakkaart", ("periode",)),
        (Wat.TOEGEVOEGD, "Remedial teaching lezen", ())]


def test_a_new_signer_is_a_change_and_a_similar_name_is_another_person():
    oud = _opname(instemming=[{"naam": "M. Jansen", "functie": "moeder"}])
    nieuw = _opname(instemming=[{"naam": "M. Janssen", "functie": "moeder"}])
    assert [x.wat for x in wijzigingen(oud, nieuw).van(Soort.ONDERTEKENAAR)] == [Wat.VERVALLEN, Wat.TOEGEVOEGD]


def test_the_section_has_one_sentence_per_change_and_names_the_version_and_the_consent():
    oud = _opname([_doel("Leest een recept."), _doel("Fietst naar stage.")], [_steun("Taakkaart")])
    nieuw = _opname([_doel("Leest een recept.", evaluatiedatum="1 maart 2027"), _doel("Kookt een maaltijd.")],
                    [_steun("Taakkaart", extern="ja")])
    tekst = wijzigingen_sectie(Instemming("001", "opp", 3, "OUDER:x", "akkoord", dt.date(2026, 10, 1)),
                               dt.date(2026, 9, 20), oud, nieuw, "P. Jansen")
    assert len(tekst["regels"]) == 4
    assert "versie 3" in tekst["inleiding"] and "1 oktober 2026" in tekst["inleiding"]
    assert "20 september 2026" in tekst["inleiding"] and "P. Jansen" in tekst["slot"]
    assert "Kookt een maaltijd" in " ".join(tekst["regels"]) and "1 maart 2027" in " ".join(tekst["regels"])
    assert wijzigingen_sectie(Instemming("001", "opp", 3, "OUDER:x", "akkoord", None), None, oud, oud) is None
    zonder = wijzigingen_sectie(Instemming("001", "opp", 3, "OUDER:x", "akkoord", None), None, None, nieuw)
    assert zonder["regels"] == [] and "versie 3" in zonder["inleiding"]  # an old register: no list, still said


# --- the snapshot per version -----------------------------------------------------------------------------------

def test_each_opp_version_keeps_its_handelingsdeel_in_the_register_and_in_the_document(tmp_path):
    wb = schrijf(tmp_path, ondersteuning=(("Taakkaart", dt.date(2027, 1, 31)),))
    (v1,) = maak(wb).geschreven
    schrijf(tmp_path, doelen=("Werkt 30 minuten zelfstandig.",))
    (v2,) = maak(wb, LATER).geschreven
    with Register(tmp_path / REGISTER) as reg:
        een, twee = (uit_json(reg.handelingsdeel("001", "opp", v)) for v in (1, 2))
    assert [d["doel"] for d in een["doelen"]] == ["Werkt 20 minuten zelfstandig."]
    assert [d["doel"] for d in twee["doelen"]] == ["Werkt 30 minuten zelfstandig."]
    assert een["doelen"][0]["aanpak"] == "Met een timer." and een["doelen"][0]["domein"] == "Werken"
    assert een["ondersteuning"] == [{"lijn": "1e lijn", "interventie": "Taakkaart", "door": "mentor", "frequentie": "–",
                                     "periode": "1 september 2026 t/m 31 januari 2027", "extern": "nee"}]
    assert [o["functie"] for o in een["instemming"]] == ["moeder"]
    # the document carries the same, as a custom property
    assert uit_json(lees_identiteit(v1).momentopname) == een
    assert Document(v1).core_properties.identifier.count("Werkt") == 0  # not in the core identity
    with zipfile.ZipFile(v2) as zf:
        assert EIGEN_NAAM.encode() in zf.read(EIGEN)
        assert zf.getinfo(EIGEN).date_time == (1980, 1, 1, 0, 0, 0)  # no clock time: same content, same bytes
        assert b"custom-properties" in zf.read("[Content_Types].xml")


def test_the_iop_carries_no_snapshot(tmp_path):
    from opp.invoer import open_invoer
    from opp.render.documents import render

    wb = schrijf(tmp_path)
    with open_invoer(wb, DATUM) as invoer:
        (iop,) = render(invoer, uit=tmp_path / "uit", jobs=1, documenten=["iop"]).geschreven
    assert lees_identiteit(iop).momentopname is None
    assert momentopname("iop", {"doelen_opp": []}) is None


def test_a_rebuilt_register_gets_the_snapshots_back_and_still_writes_the_section(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb)
    with Register(tmp_path / REGISTER) as reg:
        voor = reg.handelingsdeel("001", "opp", 1)
    (tmp_path / REGISTER).unlink()
    with Register(tmp_path / REGISTER, [tmp_path / "uit"]) as reg:
        assert "ontbrak" in reg.melding
        assert reg.handelingsdeel("001", "opp", 1) == voor
    stem_in(wb, 1)  # the tracker sync puts consent back; here directly
    schrijf(tmp_path, doelen=("Werkt 30 minuten zelfstandig.",))
    (v2,) = maak(wb, NOG_LATER).geschreven
    assert any("Werkt 20 minuten zelfstandig" in r for r in sectie(v2))


def test_a_schema_2_register_is_migrated_and_its_old_versions_give_a_section_without_a_list(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb)
    conn = sqlite3.connect(tmp_path / REGISTER)
    conn.execute("DROP TABLE handelingsdelen")
    conn.execute("UPDATE meta SET waarde = '2' WHERE sleutel = 'schema'")
    conn.commit()
    conn.close()
    stem_in(wb, 1)
    conn = sqlite3.connect(tmp_path / REGISTER)
    assert conn.execute("SELECT waarde FROM meta WHERE sleutel = 'schema'").fetchone() == ("3",)
    assert conn.execute("SELECT count(*) FROM versies").fetchone() == (1,)
    conn.close()
    schrijf(tmp_path, doelen=("Werkt 30 minuten zelfstandig.",))
    (v2,) = maak(wb, NOG_LATER).geschreven
    alinea = sectie(v2)
    assert alinea[0] == TITEL and len(alinea) == 3  # heading, introduction, closing: no list it cannot know


def test_a_templates_own_custom_properties_are_kept(tmp_path):
    tpl = own_templates(tmp_path / "tpl")
    eigen = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.'
             'openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/'
             'officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
             'name="Afdeling"><vt:lpwstr>Zorg</vt:lpwstr></property></Properties>')
    bron = tpl / "opp.docx"
    kopie = tmp_path / "kopie.docx"
    with zipfile.ZipFile(bron) as src, zipfile.ZipFile(kopie, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
            if info.filename == "_rels/.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdX" Type="http://schemas.openxml'
                                    b'formats.org/officeDocument/2006/relationships/custom-properties" '
                                    b'Target="docProps/custom.xml"/></Relationships>')
            dst.writestr(info, data)
        dst.writestr(EIGEN, eigen)
    shutil.move(kopie, bron)
    wb = schrijf(tmp_path)
    (opp,) = maak(wb, templates=tpl).geschreven
    props = _eigen_eigenschappen(opp)
    assert props[0].get("name") == "Afdeling" and all(p.get("name").startswith(EIGEN_NAAM) for p in props[1:])
    assert len({p.get("pid") for p in props}) == len(props)
    assert lees_identiteit(opp).momentopname is not None
    with zipfile.ZipFile(opp) as zf:
        assert zf.read("[Content_Types].xml").count(b"/docProps/custom.xml") == 1


def test_a_long_handelingsdeel_is_kept_in_pieces_word_keeps_whole(tmp_path):
    doelen = tuple(f"Doel {i}: oefent de stappen van een recept met {'é' * 20} en {'ß' * 20}." for i in range(12))
    wb = schrijf(tmp_path, doelen=doelen)
    (opp,) = maak(wb).geschreven
    props = _eigen_eigenschappen(opp)
    assert len(props) > 5 and all(len(p[0].text) <= 255 for p in props)
    assert [d["doel"] for d in uit_json(lees_identiteit(opp).momentopname)["doelen"]] == list(doelen)


def _eigen_eigenschappen(pad: Path):
    from xml.etree import ElementTree

    with zipfile.ZipFile(pad) as zf:
        return ElementTree.fromstring(zf.read(EIGEN)).findall(
            "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property")


# --- the section in the OPP -------------------------------------------------------------------------------------

def test_a_changed_goal_after_consent_gives_the_section_before_the_signatures(tmp_path):
    wb = schrijf(tmp_path, doelen=("Werkt 20 minuten zelfstandig.", "Fietst naar stage."))
    maak(wb)
    stem_in(wb, 1, dt.date(2026, 11, 25))
    schrijf(tmp_path, doelen=("Werkt 30 minuten zelfstandig.", "Kookt een maaltijd."),
            ondersteuning=(("Taakkaart", ""), ("Remedial teaching lezen", "")))
    (v2,) = maak(wb, LATER).geschreven
    alinea = sectie(v2)
    assert alinea[0] == TITEL
    assert "versie 1" in alinea[1] and "25 november 2026" in alinea[1] and "22 november 2026" in alinea[1]
    regels = alinea[2:-1]
    assert len(regels) == 4  # a goal reworded, a goal removed, a goal added, support added
    assert any("Werkt 20 minuten" in r and "Werkt 30 minuten" in r for r in regels)
    assert any("Fietst naar stage" in r for r in regels) and any("Kookt een maaltijd" in r for r in regels)
    assert any("Remedial teaching lezen" in r for r in regels)
    h = koppen(v2)
    assert h.index(TITEL) == h.index("Ondertekening") - 1  # just before the instemming part


def test_no_section_without_consent_or_when_the_handelingsdeel_is_the_agreed_one(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb)
    schrijf(tmp_path, doelen=("Werkt 30 minuten zelfstandig.",))
    (v2,) = maak(wb, LATER).geschreven
    assert TITEL not in koppen(v2)  # nothing agreed yet
    stem_in(wb, 1, besluit="niet akkoord")
    schrijf(tmp_path, doelen=("Werkt 40 minuten zelfstandig.",))
    (v3,) = maak(wb, LATER).geschreven
    assert TITEL not in koppen(v3)  # refused is not agreed
    stem_in(wb, 3)
    schrijf(tmp_path, doelen=("Werkt 40 minuten zelfstandig.",), telefoon="06 9999 0000")
    (v4,) = maak(wb, NOG_LATER).geschreven
    assert lees_identiteit(v4).versie == 4 and TITEL not in koppen(v4)  # a phone number: no change to tell
    schrijf(tmp_path, doelen=("Werkt 20 minuten zelfstandig.",), telefoon="06 9999 0000")
    (v5,) = maak(wb, NOG_LATER).geschreven
    assert TITEL in koppen(v5) and "versie 3" in sectie(v5)[1]  # the newest agreed version, not the first


def test_consent_recorded_later_does_not_make_unchanged_data_a_new_version(tmp_path):
    wb = schrijf(tmp_path)
    (v1,) = maak(wb).geschreven
    stem_in(wb, 1)
    again = maak(wb, LATER)
    assert again.geschreven == [] and again.ongewijzigd == [v1]
    schrijf(tmp_path, doelen=("Werkt 30 minuten zelfstandig.",))
    (v2,) = maak(wb, LATER).geschreven
    stem_in(wb, 2)  # agreeing to version 2 would take its section away, if it were content
    assert maak(wb, NOG_LATER).geschreven == []


def test_a_concept_gets_no_section(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb)
    stem_in(wb, 1)
    plan = compleet_plan("001")
    workbook(tmp_path, [leerling("001")], [ouder("001")], Factoren=plan["Factoren"],  # no inbreng: a concept
             Ondersteuning=plan["Ondersteuning"], Doelen=[dict(leerlingnummer="001", plan="OPP", domein="werken",
                                                               doel="Iets anders.")])
    (v2,) = maak(wb, LATER).geschreven
    assert lees_identiteit(v2).status == "concept" and TITEL not in koppen(v2)


# --- a property: consent never makes a version, the section follows the agreed version ----------------------------

DOELEN = ["Leest een recept.", "Fietst naar stage.", "Werkt 20 minuten."]
stappen = st.lists(st.one_of(
    st.just(("render",)), st.just(("instemming",)),
    st.tuples(st.just("doel"), st.sampled_from(DOELEN)),
    st.tuples(st.just("telefoon"), st.sampled_from(["06 1111 1111", "06 2222 2222"])),
), min_size=1, max_size=7)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stappen=stappen)
def test_consent_never_makes_a_version_and_the_section_follows_the_agreed_goal(tmp_path_factory, stappen):
    tmp = tmp_path_factory.mktemp("wijzigingen")
    data = {"doel": DOELEN[0], "telefoon": "06 1111 1111"}
    wb = schrijf(tmp, (data["doel"],), telefoon=data["telefoon"])
    versies: list[dict] = []  # the model: the data of each version
    ingestemd: int | None = None
    for dag, stap in enumerate([("render",), *stappen, ("render",)]):
        if stap[0] == "render":
            result = maak(wb, DATUM + dt.timedelta(days=dag))
            if versies and versies[-1] == data:
                assert result.geschreven == [] and len(result.ongewijzigd) == 1, stappen
                continue
            versies.append(dict(data))
            (pad,) = result.geschreven
            assert lees_identiteit(pad).versie == len(versies), stappen
            verwacht = ingestemd is not None and versies[ingestemd - 1]["doel"] != data["doel"]
            assert (TITEL in koppen(pad)) == verwacht, stappen
            if verwacht:
                assert f"versie {ingestemd} " in sectie(pad)[1]
        elif stap[0] == "instemming":
            if versies:
                ingestemd = len(versies)
                stem_in(wb, ingestemd, DATUM + dt.timedelta(days=dag))
        else:
            data[stap[0]] = stap[1]
            schrijf(tmp, (data["doel"],), telefoon=data["telefoon"])


def test_a_schools_template_check_follows_the_section_too(tmp_path):
    from opp.render.preview import check_template_against_demo, sample_context

    assert sample_context("opp")["wijzigingen"]["regels"]  # the sample has a section, so its fields are known
    eigen = tmp_path / "opp.docx"
    from opp.render.templates import default_template_dir

    with zipfile.ZipFile(default_template_dir() / "opp.docx") as src, zipfile.ZipFile(eigen, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"wijzigingen.inleiding", b"wijzigingen.inleding")
            dst.writestr(info, data)
    (probleem,) = check_template_against_demo(eigen)
    assert "wijzigingen.inleding" in probleem
