"""Write the workbook of the contract: blank for `opp init`, or filled (the demo class).

Headers, dropdowns, date checks, widths and the Uitleg sheet all come from contract.py.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..excel_cells import zet
from ..files import atomic_write
from .contract import SHEETS, Sheet

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
REQUIRED_FONT = Font(bold=True, color="FFE699")
LAST_ROW = 2000  # validations reach this far; enough for a large school
CHOICES_SHEET = "Keuzelijsten"
UITLEG = ("Elk blad heeft in rij 1 de kopjes; gegevens beginnen in rij 2. Een * betekent verplicht. "
          "Kolommen met een keuzelijst bieden de keuzes als lijstje. Datums als 12-03-2026. "
          "Het leerlingnummer verbindt de bladen. Zet nooit een BSN of onderwijsnummer in het werkboek.")


def write_workbook(path: Path, rows: dict[str, list[dict]] | None = None, school: dict | None = None) -> None:
    """Write the workbook. `rows` maps a sheet name to rows ({field: value}); `school` the School items."""
    rows = rows or {}
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the default sheet of a new workbook
    choices = wb.create_sheet(CHOICES_SHEET)
    choices.sheet_state = "hidden"
    choice_ranges = _write_choices(choices)
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.name)
        if sheet.key_value:
            _write_school(ws, sheet, school or {}, choice_ranges)
        else:
            _write_table(ws, sheet, rows.get(sheet.name, []), choice_ranges)
    _write_uitleg(wb.create_sheet("Uitleg", 0), wb)
    wb.active = 1
    wb.move_sheet(CHOICES_SHEET, offset=len(wb.sheetnames))
    atomic_write(Path(path), wb.save)


def _write_choices(ws) -> dict[str, str]:
    """One column per choice list; returns {field: absolute range} for the dropdowns."""
    ranges, col = {}, 1
    seen: dict[tuple, str] = {}
    for sheet in SHEETS:
        for column in sheet.columns:
            if not column.choices:
                continue
            key = tuple(column.choices)
            if key not in seen:
                letter = get_column_letter(col)
                ws.cell(1, col, column.header)
                for i, value in enumerate(column.choices, start=2):
                    ws.cell(i, col, value.upper() if value in ("opp", "iop") else value)
                seen[key] = f"{quote_sheetname(CHOICES_SHEET)}!${letter}$2:${letter}${len(column.choices) + 1}"
                col += 1
            ranges[f"{sheet.name}.{column.field}"] = seen[key]
    return ranges


def _style_header(cell) -> None:
    cell.fill = HEADER_FILL
    cell.font = HEADER_FONT
    cell.alignment = Alignment(vertical="center", wrap_text=True)


def _write_table(ws, sheet: Sheet, rows: list[dict], choice_ranges: dict[str, str]) -> None:
    for col, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(1, col, column.label)
        _style_header(cell)
        if column.required:
            cell.font = REQUIRED_FONT
        letter = get_column_letter(col)
        width = max(len(column.label) + 2, min(len(column.voorbeeld) + 2, 45), 12)
        ws.column_dimensions[letter].width = width
        area = f"{letter}2:{letter}{LAST_ROW}"
        if column.choices:
            dv = DataValidation(type="list", formula1=choice_ranges[f"{sheet.name}.{column.field}"],
                                allow_blank=True, showErrorMessage=True, errorTitle="Ongeldige keuze",
                                error=f"Kies uit: {', '.join(column.choices)}")
            dv.add(area)
            ws.add_data_validation(dv)
        elif column.is_date:
            dv = DataValidation(type="date", operator="between", formula1="DATE(1990,1,1)",
                                formula2="DATE(2100,12,31)", allow_blank=True, showErrorMessage=True,
                                errorTitle="Geen datum", error="Typ een datum, bijvoorbeeld 12-03-2026.")
            dv.add(area)
            ws.add_data_validation(dv)
            for r in range(2, max(len(rows) + 2, 3)):
                ws.cell(r, col).number_format = "dd-mm-yyyy"
        elif column.field == "leerlingnummer":
            for r in range(2, max(len(rows) + 2, 3)):
                ws.cell(r, col).number_format = "@"  # text: leading zeros stay
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30
    for r, row in enumerate(rows, start=2):
        for col, column in enumerate(sheet.columns, start=1):
            value = row.get(column.field)
            if value is not None and value != "":
                zet(ws.cell(r, col), _cell_value(value))  # text stays text, whatever it starts with


def _cell_value(value):
    if isinstance(value, list):
        return ", ".join(value)
    return value


def _write_school(ws, sheet: Sheet, school: dict, choice_ranges: dict[str, str]) -> None:
    for col, text in ((1, "Gegeven"), (2, "Waarde")):
        _style_header(ws.cell(1, col, text))
    for r, column in enumerate(sheet.columns, start=2):
        label = ws.cell(r, 1, column.label)
        label.font = Font(bold=column.required)
        value = school.get(column.field)
        if value:
            zet(ws.cell(r, 2), value)
        if column.choices:
            dv = DataValidation(type="list", formula1=choice_ranges[f"{sheet.name}.{column.field}"],
                                allow_blank=True)
            dv.add(f"B{r}")
            ws.add_data_validation(dv)
        ws.cell(r, 3, column.description).font = Font(italic=True, color="666666")
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 70
    ws.freeze_panes = "A2"


def _write_uitleg(ws, wb) -> None:
    ws["A1"] = "Zo vult u het werkboek in"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = UITLEG
    ws["A2"].alignment = Alignment(wrap_text=True)
    ws.merge_cells("A2:E2")
    ws.row_dimensions[2].height = 45
    r = 4
    for sheet in SHEETS:
        ws.cell(r, 1, f"Blad '{sheet.name}'").font = Font(bold=True, size=12)
        ws.cell(r, 2, sheet.uitleg)
        r += 1
        for col, text in enumerate(("Kolom", "Verplicht", "Keuzes", "Uitleg", "Voorbeeld"), start=1):
            _style_header(ws.cell(r, col, text))
        r += 1
        for column in sheet.columns:
            ws.cell(r, 1, column.header)
            ws.cell(r, 2, "ja" if column.required else "")
            ws.cell(r, 3, ", ".join(column.choices or []))
            ws.cell(r, 4, column.description)
            ws.cell(r, 5, column.voorbeeld).data_type = "s"
            for col in range(1, 6):
                ws.cell(r, col).alignment = Alignment(wrap_text=True, vertical="top")
            r += 1
        r += 1
    for letter, width in zip("ABCDE", (28, 10, 34, 60, 40), strict=True):
        ws.column_dimensions[letter].width = width
