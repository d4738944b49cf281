"""The input workbook contract (shared/werkboek.md), declared ONCE.

Each sheet names its model and maps each header to a model field. Whether a column is required, its
choices, whether it holds a date and its description are read from the model, so a new column is one
line here plus one field there. The reader, the blank workbook, the Uitleg sheet and the docs use this.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel

from ..models import (
    Doel,
    Factor,
    Kernteamaanmelding,
    Leerling,
    Ondersteuning,
    Onderwijsbehoefte,
    School,
    TlvAanvraag,
    Toetsresultaat,
    Traject,
    Verzorger,
)
from ..models.enums import Keuze

# Columns that are never read: privacy by construction (no BSN anywhere in our output).
PRIVACY_HEADERS = {"bsn", "burgerservicenummer", "onderwijsnummer", "pgn", "persoonsgebonden nummer"}  # nooit gelezen


def normalize_header(text: object) -> str:
    """Header matching ignores case, surrounding spaces, a trailing '*' and doubled spaces."""
    return " ".join(str(text or "").strip().rstrip("*").strip().lower().split())


def _unwrap(annotation):
    """The inner type of Optional[X] / Annotated[X, ...] / list[X]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    model: type[BaseModel]
    voorbeeld: str = ""

    @cached_property
    def _info(self):
        return self.model.model_fields[self.field]

    @property
    def required(self) -> bool:
        return self._info.is_required()

    @property
    def label(self) -> str:
        """The header as the blank workbook shows it: '*' marks a required column."""
        return self.header + ("*" if self.required else "")

    @property
    def description(self) -> str:
        return self._info.description or ""

    @property
    def type(self):
        return _unwrap(self._info.annotation)

    @property
    def choices(self) -> list[str] | None:
        t = self.type
        return t.keuzes() if isinstance(t, type) and issubclass(t, Keuze) else None

    @property
    def is_date(self) -> bool:
        return self.type is dt.date


@dataclass(frozen=True)
class Sheet:
    name: str
    model: type[BaseModel]
    columns: tuple[Column, ...]
    uitleg: str
    required: bool = True
    key_value: bool = False  # the School sheet: column A the item, column B its value

    @property
    def csv_name(self) -> str:
        return f"{self.name.lower()}.csv"

    def column_by_header(self, header: str) -> Column | None:
        return self._by_header.get(normalize_header(header))

    def column_by_field(self, field: str) -> Column | None:
        return next((c for c in self.columns if c.field == field), None)

    @cached_property
    def _by_header(self) -> dict[str, Column]:
        return {normalize_header(c.header): c for c in self.columns}


def _sheet(name, model, uitleg, cols, required=True, key_value=False) -> Sheet:
    return Sheet(
        name=name,
        model=model,
        columns=tuple(Column(h, f, model, v) for h, f, v in cols),
        uitleg=uitleg,
        required=required,
        key_value=key_value,
    )


NR = ("Leerlingnummer", "leerlingnummer", "20240117")

SHEETS: tuple[Sheet, ...] = (
    _sheet("School", School, "Eén keer per school: kolom A het onderwerp, kolom B de waarde.", [
        ("Naam", "naam", "Praktijkschool De Linde"),
        ("BRIN", "brin", "12AB"),
        ("Adres", "adres", "Lindelaan 4"),
        ("Postcode", "postcode", "3511 AB"),
        ("Plaats", "plaats", "Utrecht"),
        ("Telefoon", "telefoon", "030 123 45 67"),
        ("E-mail", "email", "info@delinde.example"),
        ("Website", "website", "www.delinde.example"),
        ("Directeur", "directeur", "mw. A. de Vries"),
        ("Samenwerkingsverband", "samenwerkingsverband", "SWV VO Utrecht"),
        ("Schooljaar", "schooljaar", "2026-2027"),
        ("Schooltype", "schooltype", "praktijkonderwijs"),
        ("Zorgcoördinator", "zorgcoordinator", "dhr. K. Bakker"),
        ("Orthopedagoog", "orthopedagoog", "mw. drs. L. Smit"),
        ("Psycholoog", "psycholoog", ""),
        ("Schoolmaatschappelijk werker", "schoolmaatschappelijk_werker", ""),
    ], key_value=True),
    _sheet("Leerlingen", Leerling, "Eén rij per leerling. Het leerlingnummer verbindt alle bladen.", [
        NR,
        ("Roepnaam", "roepnaam", "Sanne"),
        ("Voornamen", "voornamen", "Susanna Maria"),
        ("Tussenvoegsel", "tussenvoegsel", "van der"),
        ("Achternaam", "achternaam", "Berg"),
        ("Geboortedatum", "geboortedatum", "14-05-2012"),
        ("Klas", "klas", "PrO 2B"),
        ("Leerjaar", "leerjaar", "2"),
        ("Mentor", "mentor", "dhr. P. Jansen"),
        ("Teamleider", "teamleider", "mw. R. Peters"),
        ("Datum inschrijving", "datum_inschrijving", "01-09-2025"),
        ("Vorige school", "vorige_school", "Basisschool De Regenboog"),
        ("Vertegenwoordiging", "vertegenwoordiging", "geen"),
        ("Uitstroomrichting", "uitstroomrichting", "arbeid"),
        ("Uitstroombestemming", "uitstroombestemming", "Betaald werk in de groenvoorziening"),
        ("Onderbouwing uitstroom", "onderbouwing_uitstroom", "Werkt graag buiten en met de handen."),
        ("Ondersteuningsniveau", "ondersteuningsniveau", "1e lijn"),
        ("Afwijkingen onderwijsprogramma", "afwijkingen_onderwijsprogramma", ""),
        ("Invulling praktijkonderwijs", "invulling_praktijkonderwijs", "Theorie in kleine stappen, stage groen."),
        ("Inbreng leerling", "inbreng_leerling", "Ik wil later bij een hovenier werken."),
        ("Datum hoorrecht", "datum_hoorrecht", "29-09-2025"),
        ("Hoorrecht hoe", "hoorrecht_hoe", "gesprek"),
        ("Hoorrecht door", "hoorrecht_door", "dhr. P. Jansen (mentor)"),
        ("Datum OOGO", "datum_oogo", "06-10-2025"),
        ("Datum eerste vaststelling", "datum_eerste_vaststelling", "10-10-2025"),
        ("Datum vaststelling", "datum_vaststelling", "10-10-2025"),
        ("Datum evaluatie", "datum_evaluatie", "15-06-2026"),
        ("Datum volgende evaluatie", "datum_volgende_evaluatie", "14-06-2027"),
        ("Datum uitschrijving", "datum_uitschrijving", ""),
    ]),
    _sheet("Verzorgers", Verzorger, "Ouders en verzorgers: één rij per persoon. Wie gezag heeft, tekent.", [
        NR,
        ("Naam", "naam", "mw. M. van der Berg"),
        ("Relatie", "relatie", "moeder"),
        ("Gezag", "gezag", "ja"),
        ("E-mail", "email", "m.vanderberg@example.nl"),
        ("Telefoon", "telefoon", "06 12345678"),
        ("Adres", "adres", "Kerkstraat 1"),
        ("Postcode", "postcode", "3511 AA"),
        ("Plaats", "plaats", "Utrecht"),
    ]),
    _sheet("Factoren", Factor, "Bevorderende en belemmerende factoren, één per rij.", [
        NR,
        ("Domein", "domein", "werkhouding"),
        ("Soort", "soort", "bevorderend"),
        ("Omschrijving", "omschrijving", "Is gemotiveerd als de opdracht praktisch is."),
    ]),
    _sheet("Onderwijsbehoeften", Onderwijsbehoefte, "Wat de leerling nodig heeft, één behoefte per rij.", [
        NR,
        ("Omschrijving", "omschrijving", "heeft behoefte aan korte, duidelijke instructie"),
        ("Domein", "domein", "didactisch"),
    ]),
    _sheet("Toetsen", Toetsresultaat, "Didactische gegevens en intelligentie. DL en DLE in maanden.", [
        NR,
        ("Onderdeel", "onderdeel", "begrijpend lezen"),
        ("Instrument", "instrument", "Cito LVS"),
        ("Datum", "datum", "15-01-2026"),
        ("DL", "dl", "60"),
        ("DLE", "dle", "27"),
        ("Score", "score", ""),
        ("Functioneringsniveau", "functioneringsniveau", "eind groep 5"),
        ("Afgenomen door", "afgenomen_door", "mw. L. Smit"),
    ], required=False),
    _sheet("Doelen", Doel, "Doelen van het OPP (handelingsdeel) en het IOP, één doel per rij.", [
        NR,
        ("Plan", "plan", "OPP"),
        ("Domein", "domein", "werken"),
        ("Periode", "periode", "1"),
        ("Doel", "doel", "Sanne werkt 20 minuten zelfstandig aan een opdracht."),
        ("Aanpak", "aanpak", "Taakkaart met stappen; mentor checkt na 10 minuten."),
        ("Wie", "wie", "mentor"),
        ("Evaluatiedatum", "evaluatiedatum", "01-02-2027"),
        ("Status", "status", "bezig"),
        ("Evaluatie", "evaluatie", ""),
    ]),
    _sheet("Ondersteuning", Ondersteuning, "De te bieden ondersteuning en begeleiding, per lijn.", [
        NR,
        ("Lijn", "lijn", "2e lijn"),
        ("Interventie", "interventie", "Faalangstreductietraining"),
        ("Door", "door", "orthopedagoog"),
        ("Frequentie", "frequentie", "wekelijks 45 minuten"),
        ("Startdatum", "startdatum", "01-10-2026"),
        ("Einddatum", "einddatum", "20-12-2026"),
        ("Extern", "extern", "nee"),
    ], required=False),
    _sheet("Trajecten", Traject, "Workshops, cursussen en stages voor het IOP.", [
        NR,
        ("Traject", "traject", "Stage groenvoorziening"),
        ("Domein", "domein", "werken"),
        ("Periode", "periode", "1"),
        ("Beoordeling", "beoordeling", "voldoende"),
        ("Opmerking", "opmerking", "Was op tijd en werkte netjes."),
    ], required=False),
    _sheet("Kernteam", Kernteamaanmelding, "Aanmeldingen bij het kernteam. Externe partners alleen met toestemming.", [
        NR,
        ("Datum aanmelding", "datum_aanmelding", "05-10-2026"),
        ("Aangemeld door", "aangemeld_door", "dhr. P. Jansen (mentor)"),
        ("Akkoord teamleider", "akkoord_teamleider", "04-10-2026"),
        ("Hulpvraag", "hulpvraag", "Hoe helpen we Sanne om minder te verzuimen?"),
        ("Wat is al gedaan", "wat_is_al_gedaan", "Gesprekken met Sanne en moeder; verzuimkaart."),
        ("Verwachting", "verwachting", "Advies over aanpak en eventueel schoolarts."),
        ("Toestemming ouders", "toestemming_ouders", "ja"),
        ("Datum toestemming", "datum_toestemming", "03-10-2026"),
        ("Externe partners", "externe_partners", "schoolarts"),
    ], required=False),
    _sheet("TLV", TlvAanvraag, "Aanvragen voor een toelaatbaarheidsverklaring bij het samenwerkingsverband.", [
        NR,
        ("Soort", "soort", "pro"),
        ("Categorie", "categorie", ""),
        ("Aanvraag", "aanvraag", "eerste"),
        ("Gewenste ingangsdatum", "gewenste_ingangsdatum", "01-08-2027"),
        ("Einddatum", "einddatum", "31-07-2031"),
        ("Motivatie school", "motivatie_school", "Sanne heeft een leerachterstand op lezen en rekenen."),
        ("Zienswijze ouders", "zienswijze_ouders", "Wij steunen de aanvraag."),
        ("Datum zienswijze", "datum_zienswijze", "10-03-2027"),
        ("Zienswijze leerling", "zienswijze_leerling", "Ik wil hier blijven."),
        ("Deskundige 1", "deskundige_1", "mw. drs. L. Smit, orthopedagoog"),
        ("Deskundige 2", "deskundige_2", ""),
        ("Datum MDO", "datum_mdo", ""),
        ("Bijlagen", "bijlagen", "bijlagen/iq-rapport.pdf"),
    ], required=False),
)

SHEETS_BY_NAME = {normalize_header(s.name): s for s in SHEETS}


def sheet(name: str) -> Sheet:
    return SHEETS_BY_NAME[normalize_header(name)]
