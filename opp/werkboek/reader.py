"""Turn a workbook (.xlsx, .ods or a folder of .csv) into models plus located Issues.

Rows become pydantic models; every validation error becomes one Issue located by sheet, Excel row and
column header. Rules that look across rows live in checks.py. A bad row never stops the run.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, ItemsView, Iterator, Mapping, Sequence, ValuesView
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from ..files import office_lock
from ..models import Leerling, Leerlingdossier, School
from ..problems import Ernst, Issue, OppError, Report
from . import checks
from .contract import PRIVACY_HEADERS, SHEETS, Column, Sheet, normalize_header
from .csvdir import read_csv_folder
from .ods import read_ods
from .source import RawSheet, RawWorkbook
from .store import RowStore
from .tekst import schoon
from .waarde import aangehaald, is_nummer, nummer
from .xlsx import read_xlsx

M = TypeVar("M")

# Which list of Leerlingdossier each sheet fills.
DOSSIER_FIELD = {
    "Verzorgers": "verzorgers",
    "Factoren": "factoren",
    "Onderwijsbehoeften": "onderwijsbehoeften",
    "Toetsen": "toetsen",
    "Doelen": "doelen",
    "Ondersteuning": "ondersteuning",
    "Trajecten": "trajecten",
    "Kernteam": "kernteam",
    "TLV": "tlv",
}


@dataclass
class Rij(Generic[M]):
    """A validated row and where it came from. `Rij[Leerling]` for a pupil's own row."""

    blad: str
    rij: int
    model: M


class Werkboek:
    """A validated workbook. Pupils are read back one at a time from a row store on disk, so memory
    stays flat however large the school; `dossiers` is a read-only mapping in workbook order."""

    # (sheet, row, leerlingnummer) of valid rows set aside because the pupil's row on Leerlingen is invalid:
    # a product that lists pupils (the TLV dossiers) must still name them.
    apart: Sequence[tuple[str, int, str]] = ()
    # The sheets whose rows were kept besides Leerlingen (None: all). `opp check` keeps only what its pupil
    # rules read; asking it for other rows is a mistake in the program, said as such (never half a dossier).
    bewaard: frozenset[str] | None = None

    def __init__(self, bron: Path, school: School | None, report: Report, leerlingen: Leerlingen,
                 store: RowStore, datum: dt.date):
        self.bron = Path(bron)
        self.datum = datum  # the day the workbook was read for: who has left is decided on it
        self.school = school
        self.report = report
        self.leerlingen: Mapping[str, Rij[Leerling]] = leerlingen  # nr -> the pupil's row (first if doubled)
        self._leerlingen = leerlingen
        self._store = store
        self.dossiers: Mapping[str, Leerlingdossier] = _Dossiers(self)
        self.rijen: Mapping[str, list[Rij[Any]]] = _Rijen(self)

    @property
    def map(self) -> Path:
        """The working folder: where attachments and opp.toml are looked up."""
        return self.bron if self.bron.is_dir() else self.bron.parent

    def bruikbare_leerlingnummers(self, uitgeschreven: bool = False) -> list[str]:
        """Pupils without errors; a pupil with a problem is skipped, never the whole class.

        Pupils who left on or before `datum` are not part of the class: they are returned only, and then
        only they, when `uitgeschreven` is True (for the retention term)."""
        if self.school is None or self.report.algemene_fouten():
            return []
        slecht = self.report.leerlingen_met_fouten()
        return [nr for nr, rij in self.leerlingen.items()
                if nr not in slecht and rij.model.is_uitgeschreven_op(self.datum) == uitgeschreven]

    def bruikbare_dossiers(self, uitgeschreven: bool = False) -> list[Leerlingdossier]:
        """The dossiers of bruikbare_leerlingnummers() (all in memory: for a school, stream them instead)."""
        return list(self.stroom_dossiers(uitgeschreven))

    def stroom_dossiers(self, uitgeschreven: bool = False) -> Iterator[Leerlingdossier]:
        """The dossiers of bruikbare_leerlingnummers(), read back one at a time: memory stays flat."""
        for nr in self.bruikbare_leerlingnummers(uitgeschreven):
            yield self.dossiers[nr]

    def dossiers_stroom(self, bladen: Collection[str] | None = None,
                        ) -> Iterator[tuple[str, Rij[Leerling], Leerlingdossier]]:
        """(nr, the pupil's row on Leerlingen, dossier) of every pupil in workbook order, as `dossiers.items()`
        gives them, but read from the store in one pass rather than one query per pupil.

        With `bladen`, only the rows of those sheets are read: the dossier's other lists stay empty (for
        rules that read no more, so rows nobody looks at are not decoded)."""
        self._vereis(DOSSIER_FIELD if bladen is None else bladen)
        sheets = None if bladen is None else {"Leerlingen", *bladen}
        for _pos, rows in self._store.per_pupil(sheets):
            yield _dossier(rows)

    def _vereis(self, bladen: Collection[str]) -> None:
        if self.bewaard is not None and not self.bewaard.issuperset(bladen):
            raise RuntimeError(f"dit werkboek is alleen voor de controle gelezen: de rijen van "
                               f"{', '.join(sorted(set(bladen) - self.bewaard))} zijn niet bewaard")

    def is_uitgeschreven(self, nr: str) -> bool:
        rij = self.leerlingen.get(nr)
        return rij is not None and rij.model.is_uitgeschreven_op(self.datum)

    def close(self) -> None:
        self._store.close()


class Leerlingen(Mapping):
    """Leerlingnummer -> the pupil's row on Leerlingen (the first if the number is doubled), read back from
    the row store: in memory only each number with its row's place in the store, and a few recent rows."""

    CACHE = 64

    def __init__(self, store: RowStore):
        self._store = store
        self._eerste: dict[str, int] = {}  # nr -> the store's number of its first row, in sheet order
        # The pupil's place in the store (None if not on the sheet): their rows on other sheets are stored
        # with it, so `dossiers_stroom` reads every pupil in one pass. The dict's own get: asked per row.
        self.plaats: Callable[[str], int | None] = self._eerste.get
        self._recent: OrderedDict[str, Rij[Leerling]] = OrderedDict()
        self._lock = threading.Lock()  # the web page may ask from more than one thread

    def voeg_toe(self, rij: Rij[Leerling]) -> bool:
        """Store a row of the sheet; False when its number was already there (it stays the first's)."""
        nr = rij.model.leerlingnummer
        eerste = self._eerste.get(nr)
        seq = self._store.add("Leerlingen", nr, rij.blad, rij.rij, rij.model, eerste)
        if eerste is not None:
            return False
        self._eerste[nr] = seq
        return True

    def __getitem__(self, nr: str) -> Rij[Leerling]:
        with self._lock:
            rij = self._recent.get(nr)
            if rij is not None:
                self._recent.move_to_end(nr)
                return rij
        blad, rijnummer, model = self._store.get(self._eerste[nr])
        return self._onthoud(nr, Rij(blad, rijnummer, model))  # type: ignore[arg-type]

    def _onthoud(self, nr: str, rij: Rij[Leerling]) -> Rij[Leerling]:
        with self._lock:
            self._recent[nr] = rij
            if len(self._recent) > self.CACHE:
                self._recent.popitem(last=False)
        return rij

    def __contains__(self, nr: object) -> bool:
        return nr in self._eerste

    def __iter__(self) -> Iterator[str]:
        return iter(self._eerste)

    def __len__(self) -> int:
        return len(self._eerste)

    def items(self) -> ItemsView[str, Rij[Leerling]]:
        return _Items(self)

    def values(self) -> ValuesView[Rij[Leerling]]:
        return _Values(self)

    def stroom(self) -> Iterator[tuple[str, Rij[Leerling]]]:
        """(nr, first row) in sheet order, read in one pass over the store rather than one query per pupil."""
        for seq, blad, rijnummer, model in self._store.of_sheet_numbered("Leerlingen"):
            nr = model.leerlingnummer  # type: ignore[attr-defined]
            if self._eerste.get(nr) == seq:
                yield nr, Rij(blad, rijnummer, model)  # type: ignore[arg-type]

    def rijen(self) -> Iterator[Rij[Leerling]]:
        """Every row of the sheet, doubled numbers too, in sheet order."""
        for blad, rijnummer, model in self._store.of_sheet("Leerlingen"):
            yield Rij(blad, rijnummer, model)  # type: ignore[arg-type]


class _Items(ItemsView):
    _mapping: Leerlingen

    def __iter__(self):
        return self._mapping.stroom()


class _Values(ValuesView):
    _mapping: Leerlingen

    def __iter__(self):
        return (rij for _nr, rij in self._mapping.stroom())


class _Dossiers(Mapping):
    def __init__(self, werkboek: Werkboek):
        self._wb = werkboek

    def __getitem__(self, nr: str) -> Leerlingdossier:
        if nr not in self._wb.leerlingen:
            raise KeyError(nr)
        self._wb._vereis(DOSSIER_FIELD)
        # One query for the pupil's rows on every sheet.
        _nr, rij, dossier = _dossier(list(self._wb._store.of_pupil(nr)))
        self._wb._leerlingen._onthoud(nr, rij)
        return dossier

    def __iter__(self):
        return iter(self._wb.leerlingen)

    def __len__(self) -> int:
        return len(self._wb.leerlingen)


def _dossier(rows: list[tuple[str, str, int, Any]]) -> tuple[str, Rij[Leerling], Leerlingdossier]:
    """A pupil's dossier from their stored rows in workbook order; the first on Leerlingen is the pupil's own
    (a doubled number's later rows on Leerlingen are not part of it)."""
    eigen: Rij[Leerling] | None = None
    rest = []
    for sheet, blad, rij, model in rows:
        if sheet != "Leerlingen":
            rest.append((sheet, model))
        elif eigen is None:
            eigen = Rij(blad, rij, model)
    assert eigen is not None
    dossier = Leerlingdossier(leerling=eigen.model)
    for sheet, model in rest:
        getattr(dossier, DOSSIER_FIELD[sheet]).append(model)
    return eigen.model.leerlingnummer, eigen, dossier


class _Rijen(Mapping):
    """Sheet name -> its valid rows with their location (for messages that point at a row)."""

    def __init__(self, werkboek: Werkboek):
        self._wb = werkboek

    def __getitem__(self, sheet: str) -> list[Rij[Any]]:
        if sheet == "Leerlingen":
            return list(self._wb._leerlingen.rijen())
        if sheet not in DOSSIER_FIELD:
            raise KeyError(sheet)
        self._wb._vereis([sheet])
        return [Rij(blad, rij, model) for blad, rij, model in self._wb._store.of_sheet(sheet)]

    def __iter__(self):
        return iter(["Leerlingen", *DOSSIER_FIELD])

    def __len__(self) -> int:
        return 1 + len(DOSSIER_FIELD)


def read_raw(path: Path) -> RawWorkbook:
    path = Path(path)
    if not path.exists():
        raise OppError(f"'{path}' bestaat niet. Geef het pad naar het werkboek (.xlsx) of naar een map met "
                       "CSV-bestanden.")
    if path.is_dir():
        return read_csv_folder(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raise OppError(f"'{path.name}' is één CSV-bestand. Geef de map met alle CSV-bestanden van het werkboek.")
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return read_xlsx(path)
    if suffix == ".ods":
        return read_ods(path)
    if suffix == ".numbers":
        raise OppError(f"'{path.name}' is geen Excel-werkboek. Open het en kies Opslaan als > Excel-werkmap (.xlsx).")
    raise OppError(f"'{path.name}' is geen werkboek. Geef een .xlsx- of .ods-bestand, of een map met CSV-bestanden.")


def read_werkboek(path: Path, datum: dt.date, alleen_controle: bool = False) -> Werkboek:
    """Read and validate a workbook. `datum` is the day the checks are for (see opp.invoer: read it once).

    Rows stream from the file into a store on disk; rules on one row run as it passes, rules on a whole
    pupil run afterwards, one pupil at a time. With `alleen_controle` (opp check) every row is still read
    and checked, but only the rows the pupil rules read are kept (checks.PUPIL_SHEETS): storing the others
    cost a fifth of the check, for nobody."""
    bewaar = checks.PUPIL_SHEETS if alleen_controle else None
    report, store, apart = Report(), RowStore(), []
    school = None
    leerlingen = Leerlingen(store)
    afgekeurd: set[str] = set()  # pupils whose row on Leerlingen did not validate (already reported)
    # Pupils whose verzorgers are not known: the sheet could not be read, or one of their rows did not
    # validate. Their 'no one with gezag' would only repeat an error already reported.
    verzorgers_onbekend: set[str] | None = None
    leerlingen_gelezen = False
    report.extend(_geopend_in_excel(Path(path)))
    with read_raw(Path(path)) as raw:
        for sheet in SHEETS:
            raw_sheet = raw.sheets.get(normalize_header(sheet.name))
            if raw_sheet is None:
                report.add(_missing_sheet(sheet, raw))
                continue
            if sheet.key_value:
                school = _read_school(sheet, raw_sheet, report)
                continue
            mapping = _map_headers(sheet, raw_sheet, report)
            if mapping is None:
                continue
            if sheet.model is Leerling:
                niet_gelezen = afgekeurd
            elif sheet.name == "Verzorgers":
                niet_gelezen = verzorgers_onbekend = set()
            else:
                niet_gelezen = set()
            rows = _read_rows(sheet, raw_sheet, mapping, report, niet_gelezen)
            if sheet.model is Leerling:
                leerlingen_gelezen = True
                for rij in rows:
                    _add_leerling(rij, leerlingen, report)
                continue
            regels = sheet.name in checks.ROW_SHEETS
            for rij in rows:
                if regels:
                    report.extend(checks.row_issues(sheet.name, rij))
                nr = rij.model.leerlingnummer
                plaats = leerlingen.plaats(nr)
                if plaats is not None:
                    if bewaar is None or sheet.name in bewaar:
                        store.add(sheet.name, nr, rij.blad, rij.rij, rij.model, plaats)
                elif nr in afgekeurd:
                    apart.append((rij.blad, rij.rij, nr))
                elif leerlingen_gelezen:
                    # Without a readable Leerlingen sheet every row would be 'unknown': its own error says enough.
                    report.add(Issue("onbekend-leerlingnummer",
                                     f"leerlingnummer {nummer(nr)} staat niet op het blad Leerlingen",
                                     blad=rij.blad, rij=rij.rij, kolom="Leerlingnummer",
                                     leerlingnummer=nr if is_nummer(nr) else None))
        _warn_unknown_sheets(raw, report)
    store.flush()
    werkboek = Werkboek(Path(path), school, report, leerlingen, store, datum)
    werkboek.apart = apart
    werkboek.bewaard = bewaar
    met_fouten = report.leerlingen_met_fouten()  # rows of theirs did not read: a missing part may be among them
    for nr, rij, dossier in werkboek.dossiers_stroom(checks.PUPIL_SHEETS):
        gezag_bekend = verzorgers_onbekend is not None and nr not in verzorgers_onbekend
        report.extend(checks.pupil_issues(school, dossier, rij, datum, gezag_bekend=gezag_bekend,
                                          rijen_bekend=nr not in met_fouten))
    # Count every pupil on the sheet, also those whose row did not validate: the summary speaks of the class.
    report.aantal_leerlingen = len(leerlingen) + len([nr for nr in afgekeurd if nr not in leerlingen])
    return werkboek


def _geopend_in_excel(path: Path) -> list[Issue]:
    """Excel keeps '~$werkboek.xlsx' beside a workbook it has open: what is typed there but not saved is not read."""
    lock = office_lock(path) if path.is_file() else None
    if lock is None:
        return []
    return [Issue("werkboek-geopend", f"'{path.name}' is geopend in Excel (het bestand '{lock.name}' staat ernaast): "
                  "wat daar nog niet is opgeslagen, zit niet in deze uitvoer. Sla het werkboek op en draai het "
                  "commando opnieuw.", Ernst.WAARSCHUWING)]


def _add_leerling(rij: Rij[Leerling], leerlingen: Leerlingen, report: Report) -> None:
    if not leerlingen.voeg_toe(rij):
        nr = rij.model.leerlingnummer
        report.add(Issue("dubbel-leerlingnummer", f"leerlingnummer {nummer(nr)} staat al eerder op dit blad",
                         blad=rij.blad, rij=rij.rij, kolom="Leerlingnummer", leerlingnummer=nr))


def _missing_sheet(sheet: Sheet, raw: RawWorkbook) -> Issue:
    where = f"het bestand {sheet.csv_name}" if Path(raw.bron).is_dir() else f"het blad '{sheet.name}'"
    if sheet.required:
        return Issue("blad-ontbreekt", f"{where} ontbreekt; voeg het toe (zie het blad Uitleg van opp init)")
    return Issue("blad-ontbreekt", f"{where} ontbreekt en wordt als leeg gelezen", Ernst.WAARSCHUWING)


def _warn_unknown_sheets(raw: RawWorkbook, report: Report) -> None:
    known = {normalize_header(s.name) for s in SHEETS} | {"uitleg", "keuzelijsten"}
    for key, raw_sheet in raw.sheets.items():
        if key not in known:
            report.add(Issue("onbekende-kolom", f"het blad '{raw_sheet.name}' is onbekend en wordt niet gelezen",
                             Ernst.WAARSCHUWING, blad=raw_sheet.name))


def _map_headers(sheet: Sheet, raw: RawSheet, report: Report) -> dict[int, Column] | None:
    """Column index -> contract column; None when a required column is missing (the sheet is unusable)."""
    mapping: dict[int, Column] = {}
    for index, header in enumerate(raw.headers):
        key = normalize_header(header)
        if not key:
            continue
        if key in PRIVACY_HEADERS:
            report.add(Issue(
                "privacy-kolom-genegeerd",
                f"de kolom '{str(header).strip()}' wordt nooit gelezen en komt in geen enkel document; "
                "haal hem bij voorkeur weg uit het werkboek",
                Ernst.WAARSCHUWING, blad=raw.name, rij=1, kolom=str(header).strip()))
            continue
        column = sheet.column_by_header(key)
        if column is None:
            report.add(Issue("onbekende-kolom", "onbekende kolom; hij wordt niet gelezen",
                             Ernst.WAARSCHUWING, blad=raw.name, rij=1, kolom=str(header).strip()))
        elif column in mapping.values():
            report.add(Issue("onbekende-kolom", "deze kolom staat er twee keer; alleen de eerste wordt gelezen",
                             Ernst.WAARSCHUWING, blad=raw.name, rij=1, kolom=str(header).strip()))
        else:
            mapping[index] = column
    missing = [c for c in sheet.columns if c.required and c not in mapping.values()]
    for column in missing:
        report.add(Issue("kolom-ontbreekt", f"de verplichte kolom '{column.header}' ontbreekt in rij 1",
                         blad=raw.name, kolom=column.header))
    return None if missing else mapping


def _read_rows(sheet: Sheet, raw: RawSheet, mapping: dict[int, Column], report: Report,
               afgekeurd: set[str]) -> Iterator[Rij[Any]]:
    """The valid rows of a sheet, as they stream by. Adds the pupil number of every row that does not
    validate to `afgekeurd`."""
    fields = [(index, column.field) for index, column in mapping.items()]
    validate = sheet.model.__pydantic_validator__.validate_python  # model_validate without its wrapper
    vorige: Any = None  # the previous row's leerlingnummer as typed, and what it became
    nr = None
    for number, values in raw.rows:
        data = _cellen(fields, values)
        waarde = data.get("leerlingnummer")
        if waarde != vorige or waarde.__class__ is not vorige.__class__:  # a pupil's rows usually follow each other
            vorige, nr = waarde, _leerlingnummer(waarde)
        try:
            model = validate(data)
        except ValidationError as exc:
            _report_invalid(exc, sheet, raw.name, number, nr, report)
            model = None
        if model is not None:
            yield Rij(raw.name, number, model)
        elif nr:
            afgekeurd.add(nr)


def _cellen(fields: list[tuple[int, str]], values: list) -> dict[str, Any]:
    """A row's cells by field: empty cells and cells of only spaces left out, text cleaned (see schoon)."""
    data = {}
    width = len(values)
    for index, field in fields:  # the hottest loop of a read
        if index < width:
            value = values[index]
            if value is None:
                continue
            if value.__class__ is str:
                if not value.strip():
                    continue
                if "_x" in value or not value.isprintable():  # schoon's own test, without calling it
                    value = schoon(value)  # Excel's _xHHHH_ escapes, control characters
            data[field] = value
    return data


def _read_school(sheet: Sheet, raw: RawSheet, report: Report) -> School | None:
    data, rows = {}, {}
    for number, values in [(1, raw.headers), *raw.rows]:
        item = values[0] if values else None
        value = values[1] if len(values) > 1 else None
        column = sheet.column_by_header(item) if item is not None else None
        if column is None:
            if number > 1 and normalize_header(item):
                report.add(Issue("onbekend-item",
                                 f"'{str(item).strip()}' is geen bekend onderdeel en wordt niet gelezen",
                                 Ernst.WAARSCHUWING, blad=raw.name, rij=number, kolom="A"))
            continue
        rows[column.field] = number
        if value is not None and str(value).strip():
            data[column.field] = schoon(value)
    return _validate(sheet, raw.name, None, data, None, report, school_rows=rows)


def _validate(sheet, blad, rij, data, nr, report, school_rows=None):
    try:
        return sheet.model.model_validate(data)
    except ValidationError as exc:
        _report_invalid(exc, sheet, blad, rij, nr, report, school_rows)
        return None


def _report_invalid(exc: ValidationError, sheet, blad, rij, nr, report, school_rows=None) -> None:
    """Every validation error of a row as one located issue."""
    for error in exc.errors(include_url=False):
        field_name = str(error["loc"][0]) if error["loc"] else None
        column = sheet.column_by_field(field_name) if field_name else None
        header = column.header if column else None
        if school_rows is not None:  # School: the row of the item, column B holds its value
            rij, header = school_rows.get(field_name), "B"
        code, bericht = _describe(error, column)
        report.add(Issue(code, bericht, blad=blad, rij=rij, kolom=header, leerlingnummer=nr))


def _describe(error: Mapping[str, Any], column: Column | None) -> tuple[str, str]:
    """A pydantic error as (stable code, Dutch message). The cell's value is quoted only when it is short
    and choice-like (waarde.py); otherwise the message names its kind, never its text."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    wat = aangehaald(value)
    if kind == "missing":
        if column is not None and column.model is School:
            return "waarde-ontbreekt", f"'{column.header}' is verplicht; vul het in kolom B in"
        return "waarde-ontbreekt", "verplichte waarde ontbreekt"
    if kind == "enum" and column is not None and column.choices:
        return "ongeldige-keuze", f"{wat} is geen geldige keuze (kies uit: {', '.join(column.choices)})"
    if kind == "opp_datum":
        return "ongeldige-datum", (f"{aangehaald(value, woorden=3)} is geen geldige datum (gebruik dd-mm-jjjj, "
                                   "bijvoorbeeld 12-03-2026)")
    if kind == "opp_te_lang":
        return "tekst-te-lang", error["msg"]
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        limit = next(iter(ctx.values()), "")
        word = {"greater_than_equal": "minstens", "less_than_equal": "hoogstens",
                "greater_than": "groter dan", "less_than": "kleiner dan"}[kind]
        te = "klein" if "greater" in kind else "groot"
        return "verkeerd-type", f"{wat} is te {te}: de waarde moet {word} {limit} zijn"
    if kind.startswith("int") or kind.startswith("float") or (kind == "opp_type" and "waarde" in ctx):
        expected = "geheel getal" if kind.startswith("int") else "getal"
        return "verkeerd-type", f"{wat} is geen {expected}"
    if kind == "opp_type":
        return "verkeerd-type", error["msg"]
    if kind == "value_error":
        return "verkeerd-type", str(error["msg"]).removeprefix("Value error, ")
    if kind == "string_too_short":
        return "waarde-ontbreekt", "verplichte waarde ontbreekt"
    return "verkeerd-type", f"{wat} is geen geldige waarde"


def _leerlingnummer(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text if is_nummer(text) else None  # a name or e-mail address typed here is no key to repeat
