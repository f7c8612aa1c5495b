"""Read a ratings table from CSV or Excel the way Swedish users really save them.

Header row: `grupp` (or `group`) and one column per axis; one row per group; an empty cell is a skipped
axis. Every problem raises one `RatingsFileError` that names the row (the header is row 1, as in a
spreadsheet) and the column, in Swedish or English.

The file comes from a browser upload, so it is read as hostile: its size, its columns and its rows are
bounded *while* it is read (a row that breaks a limit stops the reading there).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from analysis.formatting import format_value
from analysis.model import Axis, Ratings, Scale, axis_for_name

# A real ratings file is well under 50 KB; 2 MB leaves room for a workbook with a logo in it.
MAX_BYTES = 2 * 1024 * 1024
MAX_CELL = 500
# = survey.store.MAX_AXES (a test holds them equal); not imported, so the CLI does not load the store.
MAX_AXES = 24
MAX_COLUMNS = MAX_AXES + 1  # the group column and at most MAX_AXES axes
# A CSV from Excel carries an empty field for every formatted column right of the table; that many are
# allowed past MAX_COLUMNS (all empty), no more. An .xlsx never materialises its empty cells at all.
MAX_FIELDS = 2 * MAX_COLUMNS
# Ten times the largest workshop anyone runs (4 parties × a few municipalities is 4–40 groups).
MAX_GROUPS = 500
# A CSV record longer than this breaks MAX_FIELDS or MAX_CELL for certain; reading stops there.
MAX_RECORD = MAX_FIELDS * (MAX_CELL + 3)
GROUP_HEADERS = {"grupp", "group"}

MESSAGES: dict[str, dict[str, str]] = {
    "sv": {
        "unreadable": "filen kan inte läsas",
        "not_found": "filen finns inte",
        "bad_csv": "raden är ingen giltig CSV (ofta ett citattecken som inte stängs)",
        "bad_excel": "filen är ingen giltig Excel-fil (.xlsx)",
        "binary": "filen är ingen textfil (är det rätt fil?)",
        "encoding": "filen är varken UTF-8 eller Windows-1252 (spara den som CSV UTF-8)",
        "too_large": "filen är större än {limit} MB",
        "too_many_columns": "filen har fler kolumner än {limit} (gruppkolumnen och högst {axes} axlar)",
        "too_wide": "raden har fler än {limit} fält, även tomma fält räknas",
        "too_many_rows": "filen har fler än {limit} grupprader",
        "record_too_long": "raden är längre än {limit} tecken",
        "empty": "filen är tom",
        "no_group_column": "första kolumnen ska heta 'grupp' eller 'group', inte '{found}'",
        "no_axes": "rubrikraden har ingen axel efter gruppkolumnen",
        "empty_axis_name": "kolumnen saknar rubrik (axelns namn)",
        "duplicate_axis": "axeln '{name}' finns redan i kolumn {other}",
        "too_many_fields": "raden har {found} fält men rubriken har {expected}{hint}",
        "too_few_fields": "raden har {found} fält men rubriken har {expected}",
        "empty_group": "gruppnamnet saknas",
        "duplicate_group": "gruppen '{name}' finns redan på rad {other}",
        "not_a_number": "'{text}' är inte ett tal",
        "off_scale": "{value} ligger inte på skalan {min}–{max} i steg om {step}",
        "cell_too_long": "cellen är längre än {limit} tecken",
        "no_groups": "filen har inga grupprader under rubriken",
        "comma_hint": " (talen med decimalkomma behöver semikolon som avgränsare)",
        "where_row_col": "rad {row}, kolumn {col}",
        "where_row": "rad {row}",
    },
    "en": {
        "unreadable": "the file cannot be read",
        "not_found": "the file does not exist",
        "bad_csv": "the row is not valid CSV (often a quote that is never closed)",
        "bad_excel": "the file is not a valid Excel file (.xlsx)",
        "binary": "the file is not a text file (is it the right file?)",
        "encoding": "the file is neither UTF-8 nor Windows-1252 (save it as CSV UTF-8)",
        "too_large": "the file is larger than {limit} MB",
        "too_many_columns": "the file has more than {limit} columns (the group column and at most {axes} axes)",
        "too_wide": "the row has more than {limit} fields, empty fields included",
        "too_many_rows": "the file has more than {limit} group rows",
        "record_too_long": "the row is longer than {limit} characters",
        "empty": "the file is empty",
        "no_group_column": "the first column must be called 'group' or 'grupp', not '{found}'",
        "no_axes": "the header row has no axis after the group column",
        "empty_axis_name": "the column has no header (the axis name)",
        "duplicate_axis": "the axis '{name}' is already in column {other}",
        "too_many_fields": "the row has {found} fields but the header has {expected}{hint}",
        "too_few_fields": "the row has {found} fields but the header has {expected}",
        "empty_group": "the group name is missing",
        "duplicate_group": "the group '{name}' is already on row {other}",
        "not_a_number": "'{text}' is not a number",
        "off_scale": "{value} is not on the scale {min}–{max} in steps of {step}",
        "cell_too_long": "the cell is longer than {limit} characters",
        "no_groups": "the file has no group rows under the header",
        "comma_hint": " (numbers with a decimal comma need semicolons as the delimiter)",
        "where_row_col": "row {row}, column {col}",
        "where_row": "row {row}",
    },
}

def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, as a spreadsheet labels columns."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class RatingsFileError(ValueError):
    """One problem in a ratings file, with where it is: file, row (header = 1) and column."""

    def __init__(self, code: str, lang: str = "sv", *, file: str | None = None, row: int | None = None,
                 column: int | None = None, column_name: str | None = None, **params: Any) -> None:
        self.code, self.lang, self.file = code, lang if lang in MESSAGES else "sv", file
        self.row, self.column, self.column_name, self.params = row, column, column_name, params
        super().__init__(self.message())

    def where(self, lang: str | None = None) -> str:
        m = MESSAGES[lang or self.lang]
        if self.row is None:
            return ""
        if self.column is None:
            return m["where_row"].format(row=self.row)
        col = column_letter(self.column)
        if self.column_name:
            col += f" ({self.column_name})"
        return m["where_row_col"].format(row=self.row, col=col)

    def reason(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        params = dict(self.params)
        for key in ("value", "min", "max", "step"):
            if isinstance(params.get(key), float):
                params[key] = format_value(params[key], lang) if abs(params[key]) < 1e12 else f"{params[key]:g}"
        params["hint"] = MESSAGES[lang]["comma_hint"] if params.pop("comma", False) else ""
        return MESSAGES[lang][self.code].format(**params)

    def message(self, lang: str | None = None) -> str:
        parts = [p for p in (self.file, self.where(lang)) if p]
        return ": ".join(parts + [self.reason(lang)])

    def __str__(self) -> str:
        return self.message()


@dataclass
class _Cell:
    text: str | None = None
    number: float | None = None


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_number(text: str) -> float | None:
    """A number written with a decimal point or comma; None when it is not one."""
    t = text.strip().replace("\u00a0", "").replace("\u2212", "-")
    if not _NUMBER.match(t):
        return None
    return float(t.replace(",", "."))


Rows = list[tuple[int, list[_Cell]]]


def read_ratings(source: str | Path | bytes, *, filename: str | None = None, scale: Scale | None = None,
                 lang: str = "sv") -> Ratings:
    """Ratings from a CSV or .xlsx file (path or bytes); raises `RatingsFileError` on any problem."""
    scale = scale or Scale()
    too_large = dict(limit=MAX_BYTES // 2**20)
    if isinstance(source, (str, Path)):
        path = Path(source)
        filename = filename or str(source)
        try:
            with path.open("rb") as f:  # read at most one byte past the limit, whatever the file is
                data = f.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise RatingsFileError("not_found", lang, file=filename) from None
        except (OSError, ValueError):
            raise RatingsFileError("unreadable", lang, file=filename) from None
    else:
        if len(source) > MAX_BYTES:
            raise RatingsFileError("too_large", lang, file=filename, **too_large)
        data = bytes(source)
    if len(data) > MAX_BYTES:
        raise RatingsFileError("too_large", lang, file=filename, **too_large)
    is_excel = data[:4] == b"PK\x03\x04" or (filename or "").lower().endswith((".xlsx", ".xlsm"))
    rows, delimiter = _excel_rows(data, filename, lang) if is_excel else _csv_rows(data, filename, lang)
    return _build(rows, delimiter, scale, filename, lang)


# ---------------------------------------------------------------------------------------------- CSV

def _decode(data: bytes, filename: str | None, lang: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise RatingsFileError("encoding", lang, file=filename) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise RatingsFileError("encoding", lang, file=filename) from None
    if "\x00" in text:
        raise RatingsFileError("binary", lang, file=filename)
    return text


class _RecordTooLong(Exception):
    pass


class _BoundedLines:
    """The physical lines of a text for `csv.reader`, refusing to feed it more than MAX_RECORD characters
    for one record; what was fed is kept (bounded) to say afterwards which limit the record broke."""

    def __init__(self, text: str) -> None:
        self._lines = iter(io.StringIO(text, newline=""))
        self.fed: list[str] = []
        self._size = 0

    def __iter__(self) -> "_BoundedLines":
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._size += len(line)
        if self._size > MAX_RECORD:
            self.fed.append(line[:MAX_RECORD])
            raise _RecordTooLong
        self.fed.append(line)
        return line

    def record_done(self) -> None:
        self.fed.clear()
        self._size = 0


def _csv_rows(data: bytes, filename: str | None, lang: str) -> tuple[Rows, str]:
    text = _decode(data, filename, lang)
    if not text.strip():
        raise RatingsFileError("empty", lang, file=filename)
    header_line = re.match(r"[^\r\n]*", text.lstrip("\r\n")).group()
    delimiter = ";" if ";" in header_line else "\t" if "\t" in header_line else ","
    lines = _BoundedLines(text)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    rows: Rows = []
    line = 1
    try:
        for record in reader:
            lines.record_done()
            _check_width(record, line, filename, lang)
            if any(field.strip() for field in record):
                if len(rows) > MAX_GROUPS:
                    raise RatingsFileError("too_many_rows", lang, file=filename, row=line, limit=MAX_GROUPS)
                rows.append((line, [_Cell(text=c) for c in record]))
            line = reader.line_num + 1
    except csv.Error:
        raise RatingsFileError("bad_csv", lang, file=filename, row=line) from None
    except _RecordTooLong:
        _refuse_long_record("".join(lines.fed), delimiter, line, filename, lang)
    return rows, delimiter


def _check_width(record: Sequence[str], row: int, filename: str | None, lang: str) -> None:
    """Cells right of MAX_COLUMNS must be empty, and there may be at most MAX_FIELDS of them in all."""
    if len(record) <= MAX_COLUMNS:
        return
    for i in range(MAX_COLUMNS, len(record)):
        if record[i].strip():
            raise RatingsFileError("too_many_columns", lang, file=filename, row=row, column=i, limit=MAX_COLUMNS,
                                   axes=MAX_AXES)
    if len(record) > MAX_FIELDS:
        raise RatingsFileError("too_wide", lang, file=filename, row=row, column=MAX_FIELDS, limit=MAX_FIELDS)


def _refuse_long_record(prefix: str, delimiter: str, row: int, filename: str | None, lang: str) -> None:
    """Say which limit a record longer than MAX_RECORD breaks, from its first MAX_RECORD characters."""
    try:
        fields = next(csv.reader(io.StringIO(prefix, newline=""), delimiter=delimiter, strict=False), [])
    except csv.Error:
        fields = []
    _check_width(fields, row, filename, lang)
    for i, field in enumerate(fields):
        if len(field) > MAX_CELL:
            raise RatingsFileError("cell_too_long", lang, file=filename, row=row, column=i, limit=MAX_CELL)
    raise RatingsFileError("record_too_long", lang, file=filename, row=row, limit=MAX_RECORD)


# --------------------------------------------------------------------------------------------- xlsx

def _excel_rows(data: bytes, filename: str | None, lang: str) -> tuple[Rows, str]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = []
            for v in values:
                if v is None:
                    cells.append(_Cell())
                elif isinstance(v, bool):
                    cells.append(_Cell(text=str(v)))
                elif isinstance(v, (int, float)):
                    cells.append(_Cell(text=format_value(v, "en") if float(v).is_integer() else repr(float(v)), number=float(v)))
                else:
                    cells.append(_Cell(text=str(v)))
            rows.append((number, cells))
        book.close()
    except RatingsFileError:
        raise
    except Exception:  # openpyxl raises many kinds for a broken file; all mean "cannot be read"
        raise RatingsFileError("bad_excel", lang, file=filename) from None
    if not rows:
        raise RatingsFileError("empty", lang, file=filename)
    return rows, "xlsx"


# -------------------------------------------------------------------------------------------- table

def _blank(cell: _Cell) -> bool:
    return cell.number is None and (cell.text is None or not cell.text.strip())


def _build(rows: Sequence[tuple[int, list[_Cell]]], delimiter: str, scale: Scale, filename: str | None, lang: str) -> Ratings:
    def err(code: str, row: int | None = None, column: int | None = None, column_name: str | None = None, **params):
        return RatingsFileError(code, lang, file=filename, row=row, column=column, column_name=column_name, **params)

    rows = [(n, cells) for n, cells in rows if not all(_blank(c) for c in cells)]
    if not rows:
        raise err("empty")
    header_row, header = rows[0]
    for i, c in enumerate(header):
        if c.text is not None and len(c.text) > MAX_CELL:
            raise err("cell_too_long", header_row, i, limit=MAX_CELL)
    names = [(c.text or "").strip() if c.number is None else (c.text or "") for c in header]
    while names and not names[-1]:
        names.pop()
    if not names or names[0].strip().casefold().lstrip("\ufeff") not in GROUP_HEADERS:
        raise err("no_group_column", header_row, 0, found=(names[0] if names else "")[:40])
    if len(names) < 2:
        raise err("no_axes", header_row)
    axes: list[Axis] = []
    used_keys: set[str] = set()
    seen_axes: dict[str, int] = {}
    for i, name in enumerate(names[1:], start=1):
        if not name:
            raise err("empty_axis_name", header_row, i)
        key = name.casefold()
        if key in seen_axes:
            raise err("duplicate_axis", header_row, i, name, name=name, other=column_letter(seen_axes[key]))
        seen_axes[key] = i
        axis = axis_for_name(name, used_keys)
        if axis.key in used_keys:  # a default axis named twice, once in Swedish and once in English
            other = next(j for j, a in enumerate(axes, start=1) if a.key == axis.key)
            raise err("duplicate_axis", header_row, i, name, name=name, other=column_letter(other))
        used_keys.add(axis.key)
        axes.append(axis)
    width = len(names)
    groups: list[str] = []
    group_rows: dict[str, int] = {}
    values = np.full((len(rows) - 1, len(axes)), np.nan)
    for r, (row_number, cells) in enumerate(rows[1:]):
        if len(cells) > width and any(not _blank(c) for c in cells[width:]):
            raise err("too_many_fields", row_number, found=len(cells), expected=width, comma=delimiter == ",")
        if len(cells) < width and delimiter != "xlsx":
            raise err("too_few_fields", row_number, found=len(cells), expected=width)
        cells = cells[:width] + [_Cell()] * (width - len(cells))
        for i, c in enumerate(cells):
            if c.text is not None and len(c.text) > MAX_CELL:
                raise err("cell_too_long", row_number, i, names[i] if i else None, limit=MAX_CELL)
        group = (cells[0].text or "").strip()
        if not group:
            raise err("empty_group", row_number, 0)
        key = group.casefold()
        if key in group_rows:
            raise err("duplicate_group", row_number, 0, name=group, other=group_rows[key])
        group_rows[key] = row_number
        groups.append(group)
        for i, cell in enumerate(cells[1:], start=1):
            if _blank(cell):
                continue
            number = cell.number if cell.number is not None else parse_number(cell.text or "")
            if number is None:
                raise err("not_a_number", row_number, i, names[i], text=(cell.text or "").strip()[:40])
            if not scale.contains(number):
                raise err("off_scale", row_number, i, names[i], value=float(number),
                          min=float(scale.min), max=float(scale.max), step=float(scale.step))
            values[r, i - 1] = number
    if not groups:
        raise err("no_groups", header_row)
    return Ratings(tuple(groups), tuple(axes), values, scale)
