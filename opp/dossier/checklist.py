"""The completeness checklist of a TLV dossier: which items a request of each kind needs, and the check.

The default checklists live in `checklists.toml` beside this module, one list per kind of request:
`[[pro.eerste]]`, `[[pro.verlenging]]`, `[[vso.eerste]]`, `[[vso.verlenging]]`. A samenwerkingsverband's
own checklist is a file `tlv-checklist.toml` in the working folder (the workbook's folder) in the same
format; each list it names replaces that default list entirely, lists it does not name stay the default.

One item:

    [[vso.eerste]]
    id = "iq"                                   # unique within its list: a-z, 0-9 and '-'
    label = "IQ-onderzoek (hoogstens 2 jaar oud)" # shown on the cover and in every message
    regel = "intelligentie"                     # one of the rules of opp.rules.tlv (see REGELS)
    max_maanden = 24                            # the rule's parameters, if any

Rules and their parameters (all validated; an unknown rule or parameter, or a wrong value, is an OppError
that names the file, the item and what is wrong):
    veld             veld = a column of the TLV sheet (motivatie_school, zienswijze_ouders, ...);
                     vanaf_leeftijd = N (optional: only needed from that age)
    deskundigen      aantal = 1 or 2
    intelligentie    max_maanden = N (default 24)
    didactiek        onderdelen = [...] (default all four); max_maanden = N (optional)
    opp_vastgesteld  min_maanden = N (default 0: only set)
    opp_geevalueerd  max_maanden = N (default 6)
    bijlage          naam_bevat = ["word", ...]: an attachment with one of these words in its file name
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from ..models import AanvraagSoort, TlvSoort
from ..problems import Issue, OppError
from ..rules.tlv import REGELS, Aanvraaggegevens, Bevinding, Status
from . import woorden

EIGEN_CHECKLIST = "tlv-checklist.toml"
STANDAARD = "standaard"

TlvVeld = Literal["motivatie_school", "zienswijze_ouders", "datum_zienswijze", "zienswijze_leerling", "categorie",
                  "gewenste_ingangsdatum", "einddatum", "datum_mdo", "deskundige_1", "deskundige_2"]
Domein = Literal["technisch lezen", "begrijpend lezen", "spelling", "inzichtelijk rekenen"]


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Unique within its list.")
    label: str = Field(min_length=1, description="Shown on the cover and in every message.")

    def parameters(self) -> dict:
        return self.model_dump(exclude={"id", "label", "regel"}, exclude_none=True)


class VeldItem(_Item):
    regel: Literal["veld"]
    veld: TlvVeld
    vanaf_leeftijd: int | None = Field(None, ge=0, le=30)


class DeskundigenItem(_Item):
    regel: Literal["deskundigen"]
    aantal: int = Field(2, ge=1, le=2)


class IntelligentieItem(_Item):
    regel: Literal["intelligentie"]
    max_maanden: int = Field(24, ge=1, le=240)


class DidactiekItem(_Item):
    regel: Literal["didactiek"]
    onderdelen: list[Domein] | None = Field(None, min_length=1)
    max_maanden: int | None = Field(None, ge=1, le=240)


class OppVastgesteldItem(_Item):
    regel: Literal["opp_vastgesteld"]
    min_maanden: int = Field(0, ge=0, le=240)


class OppGeevalueerdItem(_Item):
    regel: Literal["opp_geevalueerd"]
    max_maanden: int = Field(6, ge=1, le=240)


class BijlageItem(_Item):
    regel: Literal["bijlage"]
    naam_bevat: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)


Item = Annotated[VeldItem | DeskundigenItem | IntelligentieItem | DidactiekItem | OppVastgesteldItem
                 | OppGeevalueerdItem | BijlageItem, Field(discriminator="regel")]
ITEM_SOORTEN = {get_args(cls.model_fields["regel"].annotation)[0]: cls
                for cls in (VeldItem, DeskundigenItem, IntelligentieItem, DidactiekItem, OppVastgesteldItem,
                            OppGeevalueerdItem, BijlageItem)}


class _Lijsten(BaseModel):
    model_config = ConfigDict(extra="forbid")

    eerste: list[Item] | None = None
    verlenging: list[Item] | None = None

    @field_validator("eerste", "verlenging")
    @classmethod
    def _uniek(cls, items):
        if items:
            gezien = set()
            for item in items:
                if item.id in gezien:
                    raise ValueError(f"id '{item.id}' komt twee keer voor")
                gezien.add(item.id)
        return items


class ChecklistBestand(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pro: _Lijsten | None = None
    vso: _Lijsten | None = None


@dataclass(frozen=True)
class Checklist:
    items: tuple
    bron: str  # "standaard" or the file name of the samenwerkingsverband's own checklist


@dataclass(frozen=True)
class Checklists:
    lijsten: dict  # (TlvSoort, AanvraagSoort) -> Checklist

    def voor(self, soort: TlvSoort, aanvraag: AanvraagSoort) -> Checklist:
        return self.lijsten[(soort, aanvraag)]


def standaard_bestand() -> Path:
    return Path(str(resources.files("opp.dossier") / "checklists.toml"))


def laad_checklists(werkmap: Path | None) -> Checklists:
    """The default checklists, with every list that `tlv-checklist.toml` in `werkmap` names replaced."""
    standaard = _lees(standaard_bestand())
    lijsten = {}
    for soort in TlvSoort:
        for aanvraag in AanvraagSoort:
            items = _lijst(standaard, soort, aanvraag)
            if items is None:
                raise OppError(f"De standaardchecklist mist [[{soort}.{aanvraag}]]. Installeer opp opnieuw.")
            lijsten[(soort, aanvraag)] = Checklist(tuple(items), STANDAARD)
    eigen = Path(werkmap) / EIGEN_CHECKLIST if werkmap is not None else None
    if eigen is not None and eigen.is_file():
        bestand = _lees(eigen)
        for soort in TlvSoort:
            for aanvraag in AanvraagSoort:
                items = _lijst(bestand, soort, aanvraag)
                if items is not None:
                    lijsten[(soort, aanvraag)] = Checklist(tuple(items), eigen.name)
    return Checklists(lijsten)


def _lijst(bestand: ChecklistBestand, soort: TlvSoort, aanvraag: AanvraagSoort):
    per_soort = getattr(bestand, soort.value)
    return None if per_soort is None else getattr(per_soort, aanvraag.value)


def _lees(path: Path) -> ChecklistBestand:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise OppError(f"De checklist '{path}' is niet te lezen: {exc}.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise OppError(f"De checklist '{path}' is geen geldig TOML-bestand: {exc}. Herstel het.") from exc
    try:
        return ChecklistBestand.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        meer = f" (en nog {len(errors) - 1} fout{'en' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
        raise OppError(f"De checklist '{path}' klopt niet: {_beschrijf(errors[0], data)}{meer}.") from exc


def _beschrijf(error: ErrorDetails, data: dict) -> str:
    """One pydantic error as Dutch text that names the item (its place and id) and what is wrong."""
    loc = list(error["loc"])
    plaats = ""
    if len(loc) >= 3 and isinstance(index := loc[2], int):
        soort, aanvraag = loc[:2]
        try:
            ruw = data[soort][aanvraag][index]
        except (KeyError, IndexError, TypeError):
            ruw = None
        item_id = ruw.get("id") if isinstance(ruw, dict) else None
        plaats = f"onderdeel {index + 1} van [[{soort}.{aanvraag}]]" + (f" (id '{item_id}')" if item_id else "")
        loc = loc[3:]
        if loc and loc[0] in ITEM_SOORTEN:  # the discriminator's tag, not a field
            loc = loc[1:]
    elif error["type"] == "extra_forbidden" and len(loc) == 1:
        return f"onbekende soort [{loc[0]}] (kies uit: pro, vso)"
    elif error["type"] == "extra_forbidden" and len(loc) == 2:
        return f"onbekende lijst [[{loc[0]}.{loc[1]}]] (kies uit: eerste, verlenging)"
    elif loc:
        plaats = "[[" + ".".join(str(p) for p in loc[:2]) + "]]"
        loc = loc[2:]
    naam = ".".join(str(p) for p in loc)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "union_tag_invalid":
        wat = f"onbekende regel '{ctx.get('tag')}' (kies uit: {', '.join(REGELS)})"
    elif kind == "union_tag_not_found":
        wat = f"'regel' ontbreekt (kies uit: {', '.join(REGELS)})"
    elif kind == "extra_forbidden":
        wat = f"onbekende parameter '{naam}'" + _toegestaan(data, error)
    elif kind == "missing":
        wat = f"'{naam}' ontbreekt"
    elif kind == "literal_error":
        keuzes = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        wat = f"'{naam}' = {error.get('input')!r} is geen geldige keuze (kies uit: {keuzes})"
    elif kind in ("greater_than_equal", "less_than_equal"):
        grens = "minstens" if kind == "greater_than_equal" else "hoogstens"
        wat = f"'{naam}' = {error.get('input')!r} moet {grens} {next(iter(ctx.values()), '')} zijn"
    elif kind.startswith("int"):
        wat = f"'{naam}' = {error.get('input')!r} moet een geheel getal zijn"
    elif kind.startswith("list") or kind == "too_short":
        wat = f"'{naam}' moet een lijst met minstens één waarde zijn, bijvoorbeeld [\"handelingsdeel\"]"
    elif kind.startswith("string"):
        wat = f"'{naam}' = {error.get('input')!r} moet tekst zijn" + (
            " (kleine letters, cijfers en '-')" if kind == "string_pattern_mismatch" else "")
    elif kind == "value_error":
        wat = str(error["msg"]).removeprefix("Value error, ")
    else:
        wat = f"'{naam}': {error['msg']}"
    return f"{plaats}: {wat}" if plaats else wat


def _toegestaan(data: dict, error: ErrorDetails) -> str:
    loc = error["loc"]
    if len(loc) >= 4 and loc[3] in ITEM_SOORTEN:
        cls = ITEM_SOORTEN[loc[3]]
        namen = [n for n in cls.model_fields if n not in ("id", "label", "regel")]
        return f"; regel '{loc[3]}' kent " + (", ".join(namen) if namen else "geen parameters")
    return ""


# --- checking a dossier ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemUitkomst:
    id: str
    label: str
    bevinding: Bevinding

    @property
    def ok(self) -> bool:
        return self.bevinding.ok

    @property
    def status(self) -> Status:
        return self.bevinding.status

    @property
    def toelichting(self) -> str:
        return woorden.toelichting(self.bevinding)

    def to_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "status": self.status.value, "ok": self.ok,
                "toelichting": self.toelichting}


def controleer(checklist: Checklist, gegevens: Aanvraaggegevens) -> list[ItemUitkomst]:
    return [ItemUitkomst(item.id, item.label, REGELS[item.regel](gegevens, **item.parameters()))
            for item in checklist.items]


class Vindplaats:
    """Finds the Excel row of a row object a rule named. The workbook hands out fresh copies of its rows,
    so a row is matched by equality among the pupil's rows of that sheet (each sheet indexed once)."""

    def __init__(self, rijen) -> None:
        self._rijen = rijen  # Werkboek.rijen: sheet name -> [Rij(blad, rij, model)]
        self._index: dict[str, dict[str, list]] = {}

    def van(self, blad: str, leerlingnummer: str) -> list:
        """The pupil's valid rows of a sheet, in workbook order."""
        if blad not in self._index:
            index: dict[str, list] = defaultdict(list)
            for r in self._rijen.get(blad, []):
                index[r.model.leerlingnummer].append(r)
            self._index[blad] = index
        return self._index[blad].get(leerlingnummer, [])

    def rij(self, blad: str, model) -> int | None:
        nr = getattr(model, "leerlingnummer", None)
        if nr is None:  # a model without a pupil number has no row here
            return None
        kandidaten = self.van(blad, nr)
        return next((r.rij for r in kandidaten if r.model is model or r.model == model), None)


def problemen(uitkomsten: list[ItemUitkomst], vindplaats: Vindplaats, leerlingnummer: str) -> list[Issue]:
    """One located Issue per shortcoming: the sheet, column and row where it should be fixed."""
    issues = []
    for uitkomst in uitkomsten:
        for tekort in uitkomst.bevinding.tekorten:
            blad = woorden.blad(tekort)
            rij = vindplaats.rij(blad, tekort.model) if tekort.model is not None else None
            issues.append(Issue("dossier-onvolledig", f"{uitkomst.label}: {woorden.bericht(tekort)}", blad=blad,
                                rij=rij, kolom=woorden.kolom(tekort), leerlingnummer=leerlingnummer))
    return issues
