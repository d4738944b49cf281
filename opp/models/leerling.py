"""The pupil, the parents and guardians, and the pupil's expected destination."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .base import LeerlingRij, Model
from .enums import Hoorrechtvorm, JaNee, Lijn, Relatie, Uitstroomrichting, Vertegenwoordiging
from .types import Datum, Leerlingnummer, Tekst


def leeftijd_op(geboortedatum: dt.date, datum: dt.date) -> int:
    """Age in whole years on `datum` (someone born on 29 February turns a year older on 1 March)."""
    return datum.year - geboortedatum.year - ((datum.month, datum.day) < (geboortedatum.month, geboortedatum.day))


def volledige_naam(*delen: str | None) -> str:
    return " ".join(d.strip() for d in delen if d and d.strip())


class Uitstroomperspectief(Model):
    richting: Uitstroomrichting = Field(description="arbeid, vervolgonderwijs, beschut werk of dagbesteding.")
    bestemming: Tekst | None = Field(
        None, description="De concrete verwachting, bijvoorbeeld 'Entree-opleiding horeca (mbo-1)'.")
    onderbouwing: Tekst | None = Field(None, description="Waarom dit perspectief past: de onderbouwing.")


class Leerling(Model):
    leerlingnummer: Leerlingnummer
    roepnaam: Tekst = Field(description="De naam waarmee de leerling wordt aangesproken.")
    voornamen: Tekst | None = Field(None, description="Alle voornamen voluit.")
    tussenvoegsel: Tekst | None = Field(None, description="Bijvoorbeeld 'van der' of 'de'.")
    achternaam: Tekst = Field(description="De achternaam zonder tussenvoegsel.")
    geboortedatum: Datum = Field(description="De geboortedatum van de leerling.")
    klas: Tekst = Field(description="De klas, bijvoorbeeld 'PrO 2B'.")
    leerjaar: int | None = Field(None, ge=1, le=6, description="Het leerjaar, 1 tot en met 6.")
    mentor: Tekst = Field(description="De naam van de mentor.")
    teamleider: Tekst | None = Field(None, description="De naam van de teamleider.")
    datum_inschrijving: Datum = Field(description="De datum van inschrijving; het OPP is binnen zes weken daarna "
                                                  "vastgesteld.")
    vorige_school: Tekst | None = Field(None, description="De school waar de leerling vandaan kwam.")
    vertegenwoordiging: Vertegenwoordiging = Field(
        Vertegenwoordiging.GEEN, description="geen, mentorschap of curatele (leeg = geen)."
    )
    uitstroomrichting: Uitstroomrichting = Field(description="arbeid, vervolgonderwijs, beschut werk of dagbesteding.")
    # Both belong in a complete OPP, but a plan being written may lack them: then it is a concept.
    uitstroombestemming: Tekst | None = Field(
        None, description="De concrete verwachting, bijvoorbeeld 'Entree-opleiding horeca (mbo-1)'. Hoort in een "
                          "compleet OPP; zonder is het plan een concept."
    )
    onderbouwing_uitstroom: Tekst | None = Field(
        None, description="Waarom dit uitstroomperspectief past. Hoort in een compleet OPP; zonder is het plan "
                          "een concept.")
    ondersteuningsniveau: Lijn | None = Field(None, description="1e lijn, 2e lijn of 3e lijn.")
    afwijkingen_onderwijsprogramma: Tekst | None = Field(
        None, description="Waar het programma afwijkt van het gewone programma (leeg als er geen afwijkingen zijn)."
    )
    invulling_praktijkonderwijs: Tekst | None = Field(
        None, description="Hoe praktijkonderwijs voor deze leerling wordt gegeven (verwacht op een praktijkschool)."
    )
    inbreng_leerling: Tekst | None = Field(None, description="De mening van de leerling over het plan (hoorrecht).")
    datum_eerste_vaststelling: Datum | None = Field(
        None, description="De datum waarop het eerste OPP na inschrijving is vastgesteld (de wet: binnen zes weken).")
    datum_vaststelling: Datum | None = Field(None, description="De datum waarop het OPP het laatst is vastgesteld.")
    datum_oogo: Datum | None = Field(
        None, description="De datum van het op overeenstemming gericht overleg (OOGO) met de ouders over het OPP.")
    datum_hoorrecht: Datum | None = Field(
        None, description="De datum waarop de leerling over het OPP is gehoord (hoorrecht).")
    hoorrecht_hoe: Hoorrechtvorm | None = Field(
        None, description="Hoe de leerling is gehoord: gesprek, schriftelijk, vragenlijst of anders.")
    hoorrecht_door: Tekst | None = Field(None, description="Wie de leerling heeft gehoord, bijvoorbeeld de mentor.")
    datum_evaluatie: Datum | None = Field(None, description="De datum van de laatste evaluatie van het OPP.")
    datum_volgende_evaluatie: Datum | None = Field(
        None, description="Wanneer het OPP de volgende keer met ouders en leerling wordt geëvalueerd.")
    datum_uitschrijving: Datum | None = Field(
        None, description="De datum waarop de leerling de school verliet; daarna loopt de bewaartermijn.")

    @property
    def volledige_naam(self) -> str:
        return volledige_naam(self.roepnaam, self.tussenvoegsel, self.achternaam)

    @property
    def officiele_naam(self) -> str:
        return volledige_naam(self.voornamen or self.roepnaam, self.tussenvoegsel, self.achternaam)

    @property
    def uitstroomperspectief(self) -> Uitstroomperspectief:
        return Uitstroomperspectief(
            richting=self.uitstroomrichting,
            bestemming=self.uitstroombestemming,
            onderbouwing=self.onderbouwing_uitstroom,
        )

    @property
    def laatste_vaststelling(self) -> dt.date | None:
        """The latest date the OPP was set: the column for it, or the first one when only that is filled."""
        datums = [d for d in (self.datum_vaststelling, self.datum_eerste_vaststelling) if d is not None]
        return max(datums, default=None)

    def leeftijd_op(self, datum: dt.date) -> int:
        return leeftijd_op(self.geboortedatum, datum)

    def is_meerderjarig_op(self, datum: dt.date) -> bool:
        return self.leeftijd_op(datum) >= 18

    def is_uitgeschreven_op(self, datum: dt.date) -> bool:
        """Left the school on or before `datum`: no new documents or signatures, only the retention term."""
        return self.datum_uitschrijving is not None and self.datum_uitschrijving <= datum

    def opp_uiterlijk_na(self, dagen: int) -> dt.date:
        """The date by which the OPP must be set when the school's term is `dagen` days (a setting)."""
        return self.datum_inschrijving + dt.timedelta(days=dagen)

    @property
    def onder_vertegenwoordiging(self) -> bool:
        return self.vertegenwoordiging is not Vertegenwoordiging.GEEN


class Verzorger(LeerlingRij):
    leerlingnummer: Leerlingnummer
    naam: Tekst = Field(description="De volledige naam van de ouder of verzorger.")
    relatie: Relatie = Field(description="moeder, vader, verzorger, voogd of anders.")
    gezag: JaNee = Field(description="ja als deze verzorger het ouderlijk gezag heeft (en dus tekent).")
    email: Tekst | None = Field(None, description="E-mailadres.")
    telefoon: Tekst | None = Field(None, description="Telefoonnummer.")
    adres: Tekst | None = Field(None, description="Straat en huisnummer.")
    postcode: Tekst | None = Field(None, description="Postcode.")
    plaats: Tekst | None = Field(None, description="Woonplaats.")

    @property
    def heeft_gezag(self) -> bool:
        return self.gezag is JaNee.JA
