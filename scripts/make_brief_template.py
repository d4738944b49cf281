"""Build the letter of the signing round: templates/brief.docx.

    python scripts/make_brief_template.py            # writes templates/brief.docx
    python scripts/make_brief_template.py --uit MAP  # writes elsewhere (to compare)

Same house style and builder as the other templates (scripts/make_templates.py). One letter to one signer:
what to sign, why, by when and how to return it; then, per page to sign (`paginas`), a page of its own with
the QR code and its short code in the top right corner, inside the margins, where a copier does not cut.
The template uses only the keys of opp.ronde.brief.brief_context. Headers and footers hold no page numbers:
the letters of a class are converted as one document. The output is deterministic.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import segno  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.shared import Cm  # noqa: E402

from make_templates import (  # noqa: E402  (the shared builder and house style)
    DONKERBLAUW,
    LABELGRIJS,
    LIJNBLAUW,
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
    _set_ppr,
)
from opp.files import atomic_write_bytes  # noqa: E402
from opp.ronde.code import BRIEFPAGINA  # noqa: E402
from opp.ronde.handtekening import ANKER, ANKER_CM  # noqa: E402

TITEL = "Instemming ontwikkelingsperspectiefplan"
QR_CM = 2.5
VAK_CM = 2.6  # the signature box's height: room to sign beside its anchor
MERK_CM = 1.8  # the letter-page mark: 29 modules of 0.6 mm, still 3.6 pixels each at 150 dpi


def _kop_en_voet(s: Sjabloon) -> None:
    section = s.doc.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    first = header.paragraphs[0]
    first.style = s.doc.styles["Header"]
    s._runs(first, "{{ school.naam }}", bold=True, color=DONKERBLAUW, size=10)
    second = header.add_paragraph(style="Header")
    s._runs(second, "{{ school.adresregel }}")
    third = header.add_paragraph(style="Header")
    s._runs(third, "{{ school.contactregel }}")
    _set_ppr(third, "w:pBdr", parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="6" w:color="{LIJNBLAUW}"/></w:pBdr>'))
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.style = s.doc.styles["Footer"]
    s._runs(p, "Vertrouwelijk", bold=True)
    s._runs(p, "  \u00b7  {{ leerling.naam }}  \u00b7  kenmerk {{ kenmerk }}")


def _qr(cell) -> None:
    """A placeholder QR image, replaced per page when the letters are made (opp/ronde/bundel.py)."""
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.alignment = 2
    png = io.BytesIO()
    segno.make("OPP:VOORBEELD", error="q", micro=False).save(png, kind="png", scale=12, border=4)
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(png.getvalue()), width=Cm(QR_CM), height=Cm(QR_CM))
    # The alt text names the code: opp puts that code's QR image in its place (a Word edit keeps alt text).
    run._r.find(".//" + qn("wp:docPr")).set("descr", "OPP-QR {{ p.code }}")


def _merk(cell) -> None:
    """The small QR code that tells a scan 'this is a page of the letter, nothing to sign' (the same on every
    letter: it holds nothing personal); a scan that finds it files the page nowhere and asks nothing."""
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.alignment = 2
    png = io.BytesIO()
    segno.make(BRIEFPAGINA, error="q", micro=False, boost_error=False).save(png, kind="png", scale=8, border=4)
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(png.getvalue()), width=Cm(MERK_CM), height=Cm(MERK_CM))
    run._r.find(".//" + qn("wp:docPr")).set("descr", "OPP-BRIEFPAGINA")


def _anker(cell) -> None:
    """The signature box's own small QR code, top right in the box: where it is, the box is (opp/ronde/
    handtekening.py measures the ink beside it to tell an empty box)."""
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.alignment = 2
    png = io.BytesIO()
    segno.make(ANKER, error="q", micro=False, boost_error=False).save(png, kind="png", scale=8, border=4)
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(png.getvalue()), width=Cm(ANKER_CM), height=Cm(ANKER_CM))
    run._r.find(".//" + qn("wp:docPr")).set("descr", "OPP-HANDTEKENING")


def _naast_merk(s: Sjabloon, alineas: list[P], voor: str | None = None, na: str | None = None) -> None:
    """Paragraphs with the letter-page mark to their right, in a table without borders."""
    rijen: list = [Tag(voor)] if voor else []
    rijen.append(Rij([C(alineas), C([P("")])]))
    if na:
        rijen.append(Tag(na))
    tabel = s.tabel(Tabel([Kolom("", TEKSTBREEDTE_CM - MERK_CM - 0.4), Kolom("", MERK_CM + 0.4)], rijen, kop=False,
                          rand=None))
    _merk(tabel.rows[-2 if na else -1].cells[1])


def brief() -> Sjabloon:
    s = Sjabloon(TITEL, numbered_headings=False)
    _kop_en_voet(s)

    # The address where a window envelope shows it; the letter-page mark beside it.
    _naast_merk(s, [P("{{ ontvanger.naam }}", style="Tabeltekst"),
                    P("{%p for regel in ontvanger.adres %}", style="Tabeltekst"),
                    P("{{ regel }}", style="Tabeltekst"),
                    P("{%p endfor %}", style="Tabeltekst")])
    s.afstand()
    s.p(P("Datum: {{ datum }}", color=TEKSTGRIJS))
    s.p(P("Betreft: **{{ betreft }}** ({% if not ontvanger.is_leerling %}{{ leerling.naam }}, {% endif %}klas "
          "{{ leerling.klas }})"))
    s.afstand()
    s.p("Beste {{ ontvanger.naam }},")
    s.tag("{%p if opp %}")
    s.p("{% if ontvanger.is_leerling %}De school heeft voor u een ontwikkelingsperspectiefplan (OPP) gemaakt. "
        "Daarin staat wat u nodig heeft om u goed te ontwikkelen en aan welke doelen we samen werken."
        "{% else %}De school heeft voor {{ leerling.roepnaam }} een ontwikkelingsperspectiefplan (OPP) gemaakt. "
        "Daarin staat wat {{ leerling.roepnaam }} nodig heeft om zich goed te ontwikkelen en aan welke doelen we "
        "samen werken.{% endif %} Het deel met de doelen en de aanpak heet het **handelingsdeel**.")
    s.p("**Waarom uw handtekening?** De wet zegt dat de school het handelingsdeel pas mag vaststellen als "
        "{% if ontvanger.is_leerling %}u ermee instemt. Omdat u 18 jaar of ouder bent, beslist u dat zelf."
        "{% elif ontvanger.is_vertegenwoordiger %}u ermee instemt. U bent de wettelijk vertegenwoordiger van "
        "{{ leerling.roepnaam }} ({{ ontvanger.functie }}); daarom vragen wij het aan u."
        "{% else %}u ermee instemt. U heeft het gezag over {{ leerling.roepnaam }}; daarom vragen wij het aan u."
        "{% endif %} Niet akkoord? Kruis dat aan; dan nemen wij contact op en zoeken we samen een oplossing. "
        "Tot die tijd krijgt {% if ontvanger.is_leerling %}u{% else %}{{ leerling.roepnaam }}{% endif %} de hulp "
        "uit het plan gewoon.")
    s.tag("{%p endif %}")
    s.tag("{%p if kernteam %}")
    s.p("**Toestemming voor het kernteam.** {% if ontvanger.is_leerling %}U bent{% else %}{{ leerling.roepnaam }} "
        "is{% endif %} aangemeld bij het kernteam van de school: de mensen die met de mentor meedenken als de "
        "gewone begeleiding niet genoeg is. Het kernteam wil de vraag ook bespreken met mensen van buiten de "
        "school: {{ kernteam.externen }}. Dat mag alleen met uw toestemming"
        "{% if ontvanger.is_leerling and not leerling.meerderjarig %}: vanaf 16 jaar vragen wij die ook aan u zelf"
        "{% elif ontvanger.is_leerling %}: omdat u 18 jaar of ouder bent, beslist u dat zelf{% endif %}. "
        "Zonder toestemming bespreken alleen de zorgcoördinatoren van de school de vraag.")
    s.tag("{%p endif %}")
    s.tag("{%p if tlv %}")
    s.p("**Aanvraag toelaatbaarheidsverklaring.** De school wil {% if tlv.verlenging %}de "
        "toelaatbaarheidsverklaring (TLV) van {% if ontvanger.is_leerling %}u{% else %}{{ leerling.roepnaam }}"
        "{% endif %} laten verlengen{% else %}voor {% if ontvanger.is_leerling %}u{% else %}"
        "{{ leerling.roepnaam }}{% endif %} een toelaatbaarheidsverklaring (TLV) aanvragen{% endif %}: voor "
        "{{ tlv.tlv_voor }}. Het samenwerkingsverband {{ school.samenwerkingsverband }} beslist over de aanvraag. "
        "Bij de aanvraag horen uw handtekening en uw schriftelijke **zienswijze**: wat u van de aanvraag vindt. "
        "Op de pagina om te tekenen is daar ruimte voor.")
    s.tag("{%p endif %}")
    s.p("**Wat tekent u?** {% if paginas|length == 1 %}Op de volgende pagina{% else %}Op de volgende "
        "{{ paginas|length }} pagina's{% endif %}: {% for p in paginas %}{{ p.wat }}{% if p.versie %}, versie "
        "{{ p.versie }} van {{ p.versie_datum }}{% endif %}{% if not loop.last %}; {% endif %}{% endfor %}. "
        "{% if opp %}Heeft u het plan nog niet gezien, of wilt u het eerst bespreken?{% else %}Wilt u het eerst "
        "bespreken?{% endif %} Vraag het aan de mentor, {{ leerling.mentor }}.")
    s.p(P("**Graag terug uiterlijk {{ inleveren_voor }}.** Zo levert u {% if paginas|length == 1 %}de getekende "
          "pagina{% else %}de getekende pagina's{% endif %} in:", keep_next=True))
    s.p(P("{% if ontvanger.is_leerling %}geef {% if paginas|length == 1 %}hem{% else %}ze{% endif %} aan uw "
          "mentor, {{ leerling.mentor }};{% else %}geef {% if paginas|length == 1 %}hem{% else %}ze{% endif %} mee "
          "aan {{ leerling.roepnaam }} voor de mentor, {{ leerling.mentor }};{% endif %}", style="List Bullet"))
    s.p(P("lever {% if paginas|length == 1 %}hem{% else %}ze{% endif %} in bij de administratie van de school;",
          style="List Bullet"))
    s.tag("{%p if school.email %}")
    s.p(P("of maak een scan of een scherpe foto van {% if paginas|length == 1 %}de hele pagina{% else %}elke hele "
          "pagina{% endif %} en mail die naar {{ school.email }}.", style="List Bullet"))
    s.tag("{%p endif %}")
    s.afstand()
    s.p("Schrijf niet in het vierkantje rechtsboven op {% if paginas|length == 1 %}die pagina{% else %}die "
        "pagina's{% endif %} en vouw er niet doorheen: met die code verwerkt de school uw antwoord.")
    s.afstand()
    # The mark once more at the letter's end: a letter that runs onto a second page has it there too.
    _naast_merk(s, [P("Met vriendelijke groet,"), P(""), P("{{ afzender.naam }}", bold=True),
                    P("{{ afzender.functie }}, {{ school.naam }}", color=TEKSTGRIJS)])
    s.afstand()  # a paragraph between two tables: without it they join, and the page break below is lost

    # One page per thing to sign: the code top right, inside the margins.
    s.tag("{%p for p in paginas %}")
    tabel = s.tabel(Tabel([Kolom("", TEKSTBREEDTE_CM - 3.4), Kolom("", 3.4)], [
        Rij([C([P("{% if p.soort == 'kernteam' %}Toestemming kernteam{% elif p.soort == 'tlv' %}Aanvraag "
                  "toelaatbaarheidsverklaring{% else %}Instemming met het handelingsdeel{% endif %}", style="Title"),
                P("{% if p.soort == 'kernteam' %}Bespreken met externe partners{% elif p.soort == 'tlv' %}"
                  "Handtekening en zienswijze{% else %}{{ p.titel }}, versie {{ p.versie }} van "
                  "{{ p.versie_datum }}{% endif %}", style="Subtitle")]),
             C([P(""), P("{{ p.code }}", bold=True, size=11, align="right")])]),
    ], kop=False, rand=None))
    eerste = tabel.rows[0].cells[0].paragraphs[0]
    eerste.paragraph_format.page_break_before = True  # kept there when LibreOffice saves the template
    _qr(tabel.rows[0].cells[1])
    s.afstand()
    s.tabel(Tabel([Kolom("", 4.6), Kolom("", TEKSTBREEDTE_CM - 4.6)], [
        Rij([P("Leerling"), P("{{ leerling.naam }} (klas {{ leerling.klas }})")]),
        Rij([P("Ondertekenaar"), P("{{ p.ondertekenaar }} ({{ p.functie }})")]),
        Tag("{%tr if p.soort == 'kernteam' %}"),
        Rij([P("Externe partners"), P("{{ p.externen }}")]),
        Rij([P("Vraag aan het kernteam"), P("{{ p.hulpvraag }}")]),
        Tag("{%tr endif %}"),
        Tag("{%tr if p.soort == 'tlv' %}"),
        Rij([P("Aanvraag"), P("{% if p.verlenging %}verlenging{% else %}eerste aanvraag{% endif %}, voor "
                              "{{ p.tlv_voor }}{% if p.ingangsdatum %}, vanaf {{ p.ingangsdatum }}{% endif %}")]),
        Rij([P("Samenwerkingsverband"), P("{{ school.samenwerkingsverband }}")]),
        Tag("{%tr endif %}"),
        Rij([P("Graag terug uiterlijk"), P("{{ inleveren_voor }}")]),
    ], kop=False, label_kolom=True, keep_together=True))
    s.afstand()
    s.p(P("{% if p.soort == 'kernteam' %}Ik heb gelezen waarom het kernteam {{ leerling.naam }} wil bespreken met "
          "{{ p.externen }}.{% elif p.soort == 'tlv' %}Ik heb gelezen dat de school voor {{ leerling.naam }} een "
          "toelaatbaarheidsverklaring aanvraagt voor {{ p.tlv_voor }}.{% else %}Ik heb het handelingsdeel van het "
          "ontwikkelingsperspectiefplan van {{ leerling.naam }} (versie {{ p.versie }} van {{ p.versie_datum }}) "
          "gelezen.{% endif %} Zet een kruisje in \u00e9\u00e9n vakje:", keep_next=True))
    s.tabel(Tabel([Kolom("", 1.2), Kolom("", TEKSTBREEDTE_CM - 1.2)], [
        Rij([C([P("\u2610", size=20)]), C([P("{% if p.soort == 'kernteam' %}**Ja.** Ik geef toestemming om de vraag "
                                               "met deze externe partners te bespreken.{% elif p.soort == 'tlv' %}"
                                               "**Eens.** Ik ben het eens met de aanvraag.{% else %}**Akkoord.** Ik "
                                               "stem in met het handelingsdeel.{% endif %}")])],
            height_cm=1.2, keep_next=True),
        Rij([C([P("\u2610", size=20)]), C([P("{% if p.soort == 'kernteam' %}**Nee.** Ik geef geen toestemming; alleen "
                                               "de zorgcoördinatoren van de school bespreken de vraag."
                                               "{% elif p.soort == 'tlv' %}**Niet eens.** Ik ben het niet eens met de "
                                               "aanvraag; de school neemt contact met mij op.{% else %}**Niet "
                                               "akkoord.** Ik stem niet in; de school neemt contact met mij op."
                                               "{% endif %}")])], height_cm=1.2, keep_next=True),
    ], kop=False, rand=None, keep_together=True))
    s.afstand()
    handtekening = s.tabel(Tabel([Kolom("Naam", 6.4), Kolom("Datum", 3.6), Kolom("Handtekening", 6.6)], [
        Rij([C([P("{{ p.ondertekenaar }}", bold=True), P("{{ p.functie }}", color=TEKSTGRIJS, size=9)]),
             C([P("")]), C([P("")])], height_cm=VAK_CM),
    ]))
    _anker(handtekening.rows[-1].cells[2])
    s.afstand()
    s.tabel(Tabel([Kolom("", TEKSTBREEDTE_CM)], [
        Rij([C([P("{% if p.soort == 'tlv' %}Mijn zienswijze: wat vind ik van de aanvraag? (Meer ruimte nodig? "
                  "Schrijf verder op een eigen blad.){% else %}Opmerking (mag leeg blijven){% endif %}",
                  color=TEKSTGRIJS, size=9)], fill=LABELGRIJS)], height_cm=2.4),
        Tag("{%tr if p.soort == 'tlv' %}"),
        Rij([C([P("")], fill=LABELGRIJS)], height_cm=3.0),
        Tag("{%tr endif %}"),
    ], kop=False))
    s.afstand()  # the next page's table must not follow this one directly: joined, its page break is lost
    s.tag("{%p endfor %}")
    return s


def build(folder: Path) -> Path:
    path = folder / "brief.docx"
    atomic_write_bytes(path, brief().bytes(), mode=0o644)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uit", type=Path, default=ROOT / "templates", help="map voor het sjabloon")
    args = parser.parse_args(argv)
    print(build(args.uit))


if __name__ == "__main__":
    main()
