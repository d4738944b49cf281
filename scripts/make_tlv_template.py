"""Build the cover of a TLV dossier: templates/tlv.docx.

    python scripts/make_tlv_template.py            # writes templates/tlv.docx
    python scripts/make_tlv_template.py --uit MAP  # writes elsewhere (to compare)

Same house style and builder as the OPP, IOP and kernteam templates (scripts/make_templates.py): A4,
Calibri, dark blue headings, grey table header rows, the school in the header and "Vertrouwelijk", the
pupil's name and "pagina X van Y" in the footer. The template uses only the keys of
opp.dossier.context.tlv_context: the pupil context plus `tlv`, `indicatie`, `checklist`, `onderdelen`
and `ondertekening`. The output is deterministic, like the other templates.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_templates import (  # noqa: E402  (the shared builder and house style)
    GROEN,
    GROENRAND,
    LABELGRIJS,
    ORANJE,
    ORANJERAND,
    ROOT,
    TEKSTBREEDTE_CM,
    TEKSTGRIJS,
    C,
    Kolom,
    P,
    Rij,
    Sjabloon,
    Tabel,
    Tag,
)
from opp.files import atomic_write_bytes  # noqa: E402

TITEL = "Aanvraag toelaatbaarheidsverklaring"


def tlv() -> Sjabloon:
    s = Sjabloon(TITEL, numbered_headings=True)
    s.kop_en_voet()
    s.titelblok(TITEL, "{{ tlv.soort }} \u00b7 {{ tlv.aanvraag }}", [
        ("Leerling", "{{ leerling.naam }}"), ("Samenwerkings\u00adverband", "{{ school.samenwerkingsverband }}"),
        ("Leerlingnummer", "{{ leerling.leerlingnummer }}"), ("Datum", "{{ document_datum }}"),
    ])

    # The state of the dossier, first thing a reader sees: complete, or what is still missing.
    s.tag("{%p if tlv.compleet %}")
    s.kader([P("Dossier compleet", bold=True, color=GROENRAND),
             P("Alle onderdelen van {{ tlv.checklist_bron }} zijn aanwezig. De delen van het dossier staan in de "
               "inhoudsopgave aan het eind van dit voorblad.")], GROEN, GROENRAND)
    s.tag("{%p else %}")
    s.kader([P("Let op: dit dossier is niet compleet", bold=True, color=ORANJERAND),
             P("Volgens {{ tlv.checklist_bron }} ontbreekt nog het volgende. Vul het aan voordat de aanvraag "
               "naar het samenwerkingsverband gaat:"),
             P("{%p for x in tlv.ontbreekt %}"), P("{{ x }}", style="List Bullet"), P("{%p endfor %}")],
            ORANJE, ORANJERAND)
    s.tag("{%p endif %}")
    # What does not make the dossier incomplete but should be looked at before sending (a start date too early).
    s.tag("{%p if tlv.waarschuwingen %}")
    s.kader([P("Let op", bold=True, color=ORANJERAND),
             P("{%p for x in tlv.waarschuwingen %}"), P("{{ x }}", style="List Bullet"), P("{%p endfor %}")],
            ORANJE, ORANJERAND)
    s.tag("{%p endif %}")

    s.h1("Leerling")
    s.gegevens4([
        ("Naam", "{{ leerling.officiele_naam }}"), ("Roepnaam", "{{ leerling.roepnaam }}"),
        ("Geboortedatum", "{{ leerling.geboortedatum }}"), ("Leeftijd", "{{ leerling.leeftijd }} jaar"),
        ("Leerlingnummer", "{{ leerling.leerlingnummer }}"), ("Klas", "{{ leerling.klas }}"),
        ("Mentor", "{{ leerling.mentor }}"), ("Ingeschreven", "{{ leerling.datum_inschrijving }}"),
    ])

    s.h1("School en samenwerkingsverband")
    s.gegevens([
        ("School", "{{ school.naam }}{% if school.brin %} (BRIN {{ school.brin }}){% endif %}"),
        ("Adres", "{{ school.adresregel }}", "school.adresregel"),
        ("Contact", "{{ school.contactregel }}", "school.contactregel"),
        ("Zorgco\u00f6rdinator", "{{ school.zorgcoordinator }}", "school.zorgcoordinator"),
        ("Directeur", "{{ school.directeur }}", "school.directeur"),
        ("Samenwerkingsverband", "{{ school.samenwerkingsverband }}"),
    ])

    s.h1("De aanvraag")
    s.gegevens([
        ("Soort", "{{ tlv.soort }}"),
        ("Categorie", "{{ tlv.categorie }}", "tlv.is_vso and tlv.categorie"),
        ("Aanvraag", "{{ tlv.aanvraag }}"),
        ("Gewenste ingangsdatum", "{{ tlv.gewenste_ingangsdatum }}", "tlv.gewenste_ingangsdatum"),
        ("{{ tlv.einddatum_label }}", "{{ tlv.einddatum }}", "tlv.einddatum"),
        ("Datum MDO", "{{ tlv.datum_mdo }}", "tlv.datum_mdo"),
        ("Deskundige 1", "{{ tlv.deskundige_1 }}", "tlv.deskundige_1"),
        ("Deskundige 2", "{{ tlv.deskundige_2 }}", "tlv.deskundige_2"),
    ])

    s.h1("Motivatie van de school")
    s.tekstblok("tlv.motivatie")

    # A view nobody gave is left out (the checklist above says whether it is needed), never "no data".
    s.tag("{%p if tlv.zienswijze_ouders or tlv.zienswijze_leerling %}")
    s.h1("Zienswijzen")
    s.tag("{%p if tlv.zienswijze_ouders %}")
    s.h2("Zienswijze van de ouders")
    s.p(P("Schriftelijke zienswijze{% if tlv.datum_zienswijze %}, gedateerd {{ tlv.datum_zienswijze }}{% endif %}:",
          style="Toelichting", keep_next=True))
    s.tekstblok("tlv.zienswijze_ouders", style="Citaat")
    s.tag("{%p endif %}")
    s.tag("{%p if tlv.zienswijze_leerling %}")
    s.h2("Zienswijze van de leerling")
    s.p(P("Wat {{ leerling.roepnaam }} ({{ leerling.leeftijd }} jaar) zelf vindt:", style="Toelichting",
          keep_next=True))
    s.tekstblok("tlv.zienswijze_leerling", style="Citaat")
    s.tag("{%p endif %}")
    s.tag("{%p endif %}")

    s.tag("{%p if indicatie %}")
    s.h1("Indicatie landelijke criteria praktijkonderwijs")
    s.p(P("De landelijke criteria: een IQ van 55 tot en met 80, en een leerachterstand (LA = 1 \u2212 DLE/DL) van "
          "0,50 of meer op minstens twee van de vier domeinen, waarvan minstens \u00e9\u00e9n begrijpend lezen of "
          "inzichtelijk rekenen. DL telt tot hoogstens 60 maanden. Toegepast op de laatst ingevulde toetsen:",
          keep_next=True))
    s.tag("{%p for regel in indicatie.regels %}")
    s.p(P("{{ regel }}", style="List Bullet"))
    s.tag("{%p endfor %}")
    s.tag("{%p if indicatie.voldoet %}")
    s.kader([P("{{ indicatie.conclusie }}", bold=True, color=GROENRAND),
             P("{{ indicatie.label }}", color=TEKSTGRIJS, size=9)], GROEN, GROENRAND)
    s.tag("{%p else %}")
    s.kader([P("{{ indicatie.conclusie }}", bold=True, color=ORANJERAND),
             P("{{ indicatie.label }}", color=TEKSTGRIJS, size=9)], ORANJE, ORANJERAND)
    s.tag("{%p endif %}")
    s.tag("{%p endif %}")

    s.h1("Controle op volledigheid")
    s.p(P("Gecontroleerd met {{ tlv.checklist_bron }} op {{ document_datum }}.", style="Toelichting",
          keep_next=True))
    s.tabel(Tabel([Kolom("Onderdeel", 6.6), Kolom("Status", 2.4), Kolom("Toelichting", TEKSTBREEDTE_CM - 9.0)], [
        Tag("{%tr for c in checklist %}"),
        Tag("{%tr if c.ok %}"),
        Rij([P("{{ c.onderdeel }}"), P("{{ c.status }}", bold=True, color=GROENRAND), P("{{ c.toelichting }}")]),
        Tag("{%tr else %}"),
        Rij([P("{{ c.onderdeel }}"), C([P("{{ c.status }}", bold=True, color=ORANJERAND)], fill=ORANJE),
             P("{{ c.toelichting }}")]),
        Tag("{%tr endif %}"),
        Tag("{%tr endfor %}"),
    ]))

    s.h1("Inhoud van het dossier")
    s.tabel(Tabel([Kolom("Nr.", 1.2), Kolom("Onderdeel", 6.0), Kolom("Bestand", 5.4),
                   Kolom("Opmerking", TEKSTBREEDTE_CM - 12.6)], [
        Tag("{%tr for o in onderdelen %}"),
        Rij([C([P("{{ o.nummer }}", bold=True)], fill=LABELGRIJS), P("{{ o.titel }}"),
             P("{{ o.bestand or '\u2013' }}"), P("{{ o.opmerking }}")]),
        Tag("{%tr endfor %}"),
    ]))

    s.h1("Ondertekening")
    s.p(P("Met hun handtekening vragen de school, de ouders of verzorgers met gezag (of de meerderjarige "
          "leerling of diens wettelijk vertegenwoordiger) en, vanaf 16 jaar, de leerling de "
          "toelaatbaarheidsverklaring aan bij {{ school.samenwerkingsverband }}.", keep_next=True))
    s.handtekeningen("ondertekening")
    return s


def build(folder: Path) -> Path:
    path = Path(folder) / "tlv.docx"
    atomic_write_bytes(path, tlv().bytes(), mode=0o644)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uit", type=Path, default=ROOT / "templates", help="map voor het sjabloon")
    args = parser.parse_args(argv)
    print(build(args.uit))


if __name__ == "__main__":
    main()
