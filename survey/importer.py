"""Read a ratings table from CSV or Excel the way Swedish users really save them.

Header row: `grupp` (or `group`) and one column per axis; one row per group; an empty cell is a skipped
axis. Every problem raises one `RatingsFileError` that names the row (the header is row 1, as in a
spreadsheet) and the column, in Swedish or English.

The file comes from a browser upload, so it is read as hostile: its size, its columns and its rows are
bounded *while* it is read (a row that breaks a limit stops the reading there), an .xlsx is a zip whose
entries are checked before they are unpacked, and its sheet is streamed through expat with no tree kept,
no DOCTYPE and no entities. Memory therefore stays small whatever the file holds.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence
from xml.parsers import expat

import numpy as np

from analysis.formatting import format_value
from analysis.model import Axis, Ratings, Scale, axis_for_name
from analysis.names import clean_name, name_key, unsafe_character

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
# An .xlsx: at most this many zip entries (Excel writes 10–20), and each XML part we read unpacks to at
# most this much (a 500-group sheet is about 0.5 MB): a zip bomb is refused from its directory.
MAX_ZIP_ENTRIES = 200
MAX_PART_BYTES = 4 * 1024 * 1024
XLSX_MAX_ROW, XLSX_MAX_COL = 1_048_576, 16_384  # the sheet size of Excel itself
GROUP_HEADERS = {"grupp", "group"}

MESSAGES: dict[str, dict[str, str]] = {
    "sv": {
        "unreadable": "filen kan inte läsas",
        "not_found": "filen finns inte",
        "bad_csv": "raden är ingen giltig CSV (ofta ett citattecken som inte stängs)",
        "bad_excel": "filen är ingen giltig Excel-fil (.xlsx)",
        "binary": "filen är ingen textfil (är det rätt fil?)",
        "encoding": "filen är varken UTF-8 eller Windows-1252 (spara den som CSV UTF-8)",
        "mixed_encoding": "raden är inte sparad som UTF-8 som resten av filen (spara hela filen som CSV UTF-8)",
        "mixed_encoding_utf8": "raden är sparad som UTF-8 men resten av filen är det inte (spara hela filen som "
                               "CSV UTF-8)",
        "too_large": "filen är större än {limit} MB",
        "too_many_columns": "filen har fler kolumner än {limit} (gruppkolumnen och högst {axes} axlar)",
        "too_wide": "raden har fler än {limit} fält, även tomma fält räknas",
        "too_many_rows": "filen har fler än {limit} grupprader",
        "record_too_long": "raden är längre än {limit} tecken",
        "zip_entries": "filen består av fler än {limit} delar och är ingen vanlig betygsfil",
        "zip_part_too_large": "delen '{part}' packas upp till mer än {limit} MB och är ingen vanlig betygsfil",
        "formula": "cellen är en formel utan sparat värde – öppna filen i Excel och spara den igen",
        "unsafe_name": "namnet innehåller ett osynligt styrtecken ({char})",
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
        "mixed_encoding": "the row is not saved as UTF-8 like the rest of the file (save the whole file as CSV UTF-8)",
        "mixed_encoding_utf8": "the row is saved as UTF-8 but the rest of the file is not (save the whole file as "
                               "CSV UTF-8)",
        "too_large": "the file is larger than {limit} MB",
        "too_many_columns": "the file has more than {limit} columns (the group column and at most {axes} axes)",
        "too_wide": "the row has more than {limit} fields, empty fields included",
        "too_many_rows": "the file has more than {limit} group rows",
        "record_too_long": "the row is longer than {limit} characters",
        "zip_entries": "the file has more than {limit} parts and is not an ordinary ratings file",
        "zip_part_too_large": "the part '{part}' unpacks to more than {limit} MB and is not an ordinary ratings file",
        "formula": "the cell is a formula without a saved value – open the file in Excel and save it again",
        "unsafe_name": "the name contains an invisible control character ({char})",
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

# Line breaks, tabs, control and bidi characters in text quoted back from the file: one line, shown as is.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]")


def _printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: " " if m.group() in "\t\n\r" else "\ufffd", text)


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
            col += f" ({_printable(self.column_name)})"
        return m["where_row_col"].format(row=self.row, col=col)

    def reason(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        params = {k: _printable(v) if isinstance(v, str) else v for k, v in self.params.items()}
        for key in ("value", "min", "max", "step"):
            if isinstance(params.get(key), float):
                params[key] = format_value(params[key], lang) if abs(params[key]) < 1e12 else f"{params[key]:g}"
        params["hint"] = MESSAGES[lang]["comma_hint"] if params.pop("comma", False) else ""
        return MESSAGES[lang][self.code].format(**params)

    def message(self, lang: str | None = None) -> str:
        """One line: file, place, what is wrong."""
        parts = [p for p in (_printable(self.file) if self.file else None, self.where(lang)) if p]
        return ": ".join(parts + [self.reason(lang)])

    def __str__(self) -> str:
        return self.message()


@dataclass
class _Cell:
    text: str | None = None
    number: float | None = None
    formula: bool = False  # an .xlsx formula with no saved value: refused once its column name is known


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

_LINES = re.compile(rb"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


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
        _refuse_mixed_encodings(data, filename, lang)
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise RatingsFileError("encoding", lang, file=filename) from None
    if "\x00" in text:
        raise RatingsFileError("binary", lang, file=filename)
    return text


def _refuse_mixed_encodings(data: bytes, filename: str | None, lang: str) -> None:
    """A file that is not UTF-8 throughout, yet has lines of UTF-8 letters: someone pasted rows saved in
    another encoding. Decoding it all as Windows-1252 would turn every å of the UTF-8 lines into Ã¥, so it is
    refused, naming the first line of the smaller kind."""
    first_utf8 = first_other = None
    n_utf8 = n_other = 0
    for number, match in enumerate(_LINES.finditer(data), start=1):
        line = match.group()
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            n_other += 1
            first_other = first_other or number
        else:
            n_utf8 += 1
            first_utf8 = first_utf8 or number
    if n_utf8 and n_other:
        if n_other <= n_utf8:
            raise RatingsFileError("mixed_encoding", lang, file=filename, row=first_other)
        raise RatingsFileError("mixed_encoding_utf8", lang, file=filename, row=first_utf8)


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

class _Stop(Exception):
    """Ends an expat parse early once everything needed has been read."""


class _XlsxError(Exception):
    """A problem found inside a handler, raised as a `RatingsFileError` once expat has unwound."""

    def __init__(self, code: str, **kwargs: Any) -> None:
        super().__init__(code)
        self.code, self.kwargs = code, kwargs


def _local(name: str) -> str:
    return name.rpartition(" ")[2]


def _refuse_doctype(*_args: Any) -> None:
    raise _XlsxError("bad_excel")  # no DOCTYPE, so no entities: an .xlsx part never has one


def _parse_part(book: zipfile.ZipFile, name: str, start: Callable, end: Callable | None = None,
                text: Callable | None = None) -> None:
    """Stream one XML part of the zip through expat, at most MAX_PART_BYTES of it, keeping no tree."""
    try:
        info = book.getinfo(name)
    except KeyError:
        raise _XlsxError("bad_excel") from None
    if info.file_size > MAX_PART_BYTES:
        raise _XlsxError("zip_part_too_large", part=name, limit=MAX_PART_BYTES // 2**20)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    parser.buffer_text = True
    total = 0
    try:
        with book.open(info) as f:
            while chunk := f.read(64 * 1024):
                total += len(chunk)
                if total > MAX_PART_BYTES:  # never trust the directory alone
                    raise _XlsxError("zip_part_too_large", part=name, limit=MAX_PART_BYTES // 2**20)
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Stop:
        pass


def _relationships(book: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id → (type, zip path) from the .rels of a part ('' for the package)."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    rels: dict[str, tuple[str, str]] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "Relationship" and len(rels) < MAX_ZIP_ENTRIES * 4:
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            rels[attrs.get("Id", "")] = (attrs.get("Type", "").rpartition("/")[2], path)

    if rels_name in book.NameToInfo:
        _parse_part(book, rels_name, start)
    return rels


_CELL_REF = re.compile(r"([A-Za-z]{1,3})(\d*)$")


def _column_number(ref: str) -> int:
    match = _CELL_REF.match(ref)
    if not match:
        raise ValueError(ref)
    number = 0
    for ch in match.group(1).upper():
        number = number * 26 + ord(ch) - 64
    return number


class _SheetReader:
    """The cells of one worksheet, streamed: only non-empty cells are kept, only within the limits."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, dict[int, tuple[str, str | None, int, bool]]]] = []  # (kind, value, style, formula)
        self.row = 0
        self.col = 0
        self.in_data = False
        self.cells: dict[int, tuple] | None = None
        self.cell: dict[str, Any] | None = None
        self.text: list[str] | None = None
        self.text_len = 0
        self.skip_depth = 0  # inside <rPh>: phonetic reading, not part of the text

    def _fail(self, code: str, column: int | None = None, **kwargs: Any) -> None:
        raise _XlsxError(code, row=self.row or None, column=column, **kwargs)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "sheetData":
            self.in_data = True
        elif not self.in_data:
            return
        elif tag == "row":
            try:
                number = int(attrs["r"]) if "r" in attrs else self.row + 1
            except ValueError:
                number = -1
            if not self.row < number <= XLSX_MAX_ROW:  # rows come in order, within Excel's sheet
                raise _XlsxError("bad_excel", row=number if 0 < number <= XLSX_MAX_ROW else None)
            self.row, self.col, self.cells = number, 0, {}
        elif tag == "c" and self.cells is not None:
            try:
                number = _column_number(attrs["r"]) if "r" in attrs else self.col + 1
            except ValueError:
                number = -1
            if not self.col < number <= XLSX_MAX_COL:  # cells come in order, within Excel's sheet
                self._fail("bad_excel", number - 1 if 0 < number <= XLSX_MAX_COL else None)
            self.col = number
            try:
                style = int(attrs.get("s", 0))
            except ValueError:
                style = 0
            self.cell = {"t": attrs.get("t", "n"), "s": style, "v": None, "is": None, "f": False}
        elif self.cell is not None:
            if tag == "rPh":
                self.skip_depth += 1
            elif tag == "f":
                self.cell["f"] = True
            elif tag in ("v", "t") and not self.skip_depth:
                self.text = []
                self.text_len = 0

    def chars(self, data: str) -> None:
        if self.text is not None and self.text_len <= MAX_CELL:
            self.text.append(data[:MAX_CELL + 1 - self.text_len])
            self.text_len += len(self.text[-1])

    def end(self, name: str) -> None:
        tag = _local(name)
        if tag == "sheetData":
            raise _Stop
        cell = self.cell
        if cell is not None and self.text is not None and tag in ("v", "t"):
            value = "".join(self.text)[:MAX_CELL + 1]
            self.text = None
            if tag == "v":
                cell["v"] = value
            else:
                cell["is"] = ((cell["is"] or "") + value)[:MAX_CELL + 1]
        elif tag == "rPh" and cell is not None:
            self.skip_depth -= 1
        elif tag == "c" and cell is not None:
            self.cell = None
            self._keep(cell)
        elif tag == "row" and self.cells is not None:
            if self.cells:
                if len(self.rows) > MAX_GROUPS:
                    self._fail("too_many_rows", limit=MAX_GROUPS)
                self.rows.append((self.row, self.cells))
            self.cells = None

    def _keep(self, cell: dict[str, Any]) -> None:
        kind, value, inline = cell["t"], cell["v"], cell["is"]
        no_value = value is None or (value == "" and kind != "str")
        if kind == "inlineStr":
            no_value = inline is None
            value = inline
        if cell["f"] and no_value:
            entry = ("formula", None, 0, True)
        elif no_value or (kind in ("str", "inlineStr") and not value.strip()):
            return  # an empty cell, however far right: never stored
        else:
            entry = (kind, value, cell["s"], False)
        if self.col > MAX_COLUMNS:
            self._fail("too_many_columns", self.col - 1, limit=MAX_COLUMNS, axes=MAX_AXES)
        self.cells[self.col] = entry


def _shared_strings(book: zipfile.ZipFile, path: str, wanted: set[int]) -> dict[int, str]:
    """Only the shared strings the sheet uses, each cut at MAX_CELL + 1 characters."""
    found: dict[int, str] = {}
    last = max(wanted)
    state = {"index": -1, "parts": None, "len": 0, "skip": 0, "in_t": False}

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "si":
            state["index"] += 1
            state["parts"], state["len"] = ([] if state["index"] in wanted else None), 0
        elif tag == "rPh":
            state["skip"] += 1
        elif tag == "t" and not state["skip"]:
            state["in_t"] = True

    def end(name: str) -> None:
        tag = _local(name)
        if tag == "si":
            if state["parts"] is not None:
                found[state["index"]] = "".join(state["parts"])
            if state["index"] >= last:
                raise _Stop
        elif tag == "rPh":
            state["skip"] -= 1
        elif tag == "t":
            state["in_t"] = False

    def chars(data: str) -> None:
        parts = state["parts"]
        if parts is not None and state["in_t"] and state["len"] <= MAX_CELL:
            parts.append(data[:MAX_CELL + 1 - state["len"]])
            state["len"] += len(parts[-1])

    _parse_part(book, path, start, end, chars)
    if len(found) < len(wanted):
        raise _XlsxError("bad_excel")
    return found


def _date_styles(book: zipfile.ZipFile, path: str | None, wanted: set[int]) -> dict[int, bool]:
    """Of the cell styles used by numbers, those that show a date (True) or a duration (False)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    if path is None or not wanted:
        return {}
    custom: dict[int, str] = {}
    xf_formats: dict[int, int] = {}
    state = {"in_xfs": False, "index": -1}

    def kind(code: str | None) -> bool | None:
        if not code or not is_date_format(code):
            return None
        return not is_timedelta_format(code)

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        try:
            if tag == "numFmt":
                code = attrs.get("formatCode", "")
                if is_date_format(code):
                    custom[int(attrs.get("numFmtId", -1))] = code
            elif tag == "cellXfs":
                state["in_xfs"] = True
            elif tag == "xf" and state["in_xfs"]:
                state["index"] += 1
                if state["index"] in wanted:
                    xf_formats[state["index"]] = int(attrs.get("numFmtId", 0))
        except ValueError:
            raise _XlsxError("bad_excel") from None

    def end(name: str) -> None:
        if _local(name) == "cellXfs":
            raise _Stop

    _parse_part(book, path, start, end)
    out = {}
    for style, fmt in xf_formats.items():
        date = kind(custom.get(fmt) or BUILTIN_FORMATS.get(fmt))
        if date is not None:
            out[style] = date
    return out


def _check_zip_directory(data: bytes) -> None:
    """Count the entries from the zip's end record before `zipfile` builds an object for each."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if end < 0 or end + 22 > len(data):
        raise _XlsxError("bad_excel")
    if int.from_bytes(data[end + 10:end + 12], "little") > MAX_ZIP_ENTRIES:
        raise _XlsxError("zip_entries", limit=MAX_ZIP_ENTRIES)


_XLSX_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def _excel_rows(data: bytes, filename: str | None, lang: str) -> tuple[Rows, str]:
    try:
        rows = _read_xlsx(data)
    except _XlsxError as exc:
        raise RatingsFileError(exc.code, lang, file=filename, **exc.kwargs) from None
    except RatingsFileError:
        raise
    except Exception:  # zipfile and expat raise many kinds for a broken file; all mean "cannot be read"
        raise RatingsFileError("bad_excel", lang, file=filename) from None
    if not rows:
        raise RatingsFileError("empty", lang, file=filename)
    return rows, "xlsx"


def _read_xlsx(data: bytes) -> Rows:
    _check_zip_directory(data)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        if len(book.infolist()) > MAX_ZIP_ENTRIES:
            raise _XlsxError("zip_entries", limit=MAX_ZIP_ENTRIES)
        return _read_book(book)


def _read_book(book: zipfile.ZipFile) -> Rows:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

    package = _relationships(book, "")
    workbook = next((path for kind, path in package.values() if kind == "officeDocument"), "xl/workbook.xml")
    wb_rels = _relationships(book, workbook)
    sheet_ids: list[str] = []
    epoch = [CALENDAR_WINDOWS_1900]

    def wb_start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "workbookPr" and attrs.get("date1904", "").lower() in ("1", "true"):
            epoch[0] = CALENDAR_MAC_1904
        elif tag == "sheet":
            rid = next((v for k, v in attrs.items() if _local(k) == "id"), None)
            if rid in wb_rels and wb_rels[rid][0] == "worksheet":
                sheet_ids.append(rid)
                raise _Stop  # the first worksheet is the one read

    _parse_part(book, workbook, wb_start)
    if not sheet_ids:
        raise _XlsxError("bad_excel")
    sheet = _SheetReader()
    _parse_part(book, wb_rels[sheet_ids[0]][1], sheet.start, sheet.end, sheet.chars)
    by_kind = {kind: path for kind, path in wb_rels.values()}

    strings_wanted = {int(v) for _, cells in sheet.rows for kind, v, *_ in cells.values() if kind == "s"
                      if v.strip().isdigit()}
    strings = _shared_strings(book, by_kind["sharedStrings"], strings_wanted) if strings_wanted else {}
    styles_wanted = {s for _, cells in sheet.rows for kind, _v, s, *_ in cells.values() if kind == "n" and s}
    dates = _date_styles(book, by_kind.get("styles"), styles_wanted)

    rows: Rows = []
    for number, cells in sheet.rows:
        out = [_Cell() for _ in range(max(cells))]
        for col, (kind, value, style, formula) in cells.items():
            out[col - 1] = _xlsx_cell(kind, value, style, formula, strings, dates, epoch[0], from_excel, number, col)
        rows.append((number, out))
    return rows


def _xlsx_cell(kind, value, style, formula, strings, dates, epoch, from_excel, row, col) -> _Cell:
    if formula:
        return _Cell(formula=True)
    if kind == "n":
        if not _XLSX_NUMBER.match(value.strip()):
            raise _XlsxError("bad_excel", row=row, column=col - 1)
        number = float(value)
        if style in dates:
            try:
                return _Cell(text=str(from_excel(number, epoch, timedelta=not dates[style])))
            except (OverflowError, ValueError):
                return _Cell(text="#VALUE!")
        text = format_value(number, "en") if number.is_integer() and abs(number) < 1e15 else repr(number)
        return _Cell(text=text, number=number)
    if kind == "s":
        try:
            return _Cell(text=strings[int(value)])
        except (KeyError, ValueError):
            raise _XlsxError("bad_excel", row=row, column=col - 1) from None
    if kind == "b":
        return _Cell(text=str(value.strip() not in ("0", "false", "")))
    if kind in ("str", "inlineStr", "e", "d"):
        return _Cell(text=value)
    raise _XlsxError("bad_excel", row=row, column=col - 1)


# -------------------------------------------------------------------------------------------- table

def _blank(cell: _Cell) -> bool:
    return cell.number is None and not cell.formula and (cell.text is None or not cell.text.strip())


def _build(rows: Sequence[tuple[int, list[_Cell]]], delimiter: str, scale: Scale, filename: str | None, lang: str) -> Ratings:
    def err(code: str, row: int | None = None, column: int | None = None, column_name: str | None = None, **params):
        return RatingsFileError(code, lang, file=filename, row=row, column=column, column_name=column_name, **params)

    def check_name(text: str, row: int, column: int) -> None:
        char = unsafe_character(text)
        if char is not None:
            raise err("unsafe_name", row, column, char=char)

    rows = [(n, cells) for n, cells in rows if not all(_blank(c) for c in cells)]
    if not rows:
        raise err("empty")
    header_row, header = rows[0]
    for i, c in enumerate(header):
        if c.formula:
            raise err("formula", header_row, i)
        if c.text is not None and len(c.text) > MAX_CELL:
            raise err("cell_too_long", header_row, i, limit=MAX_CELL)
        if c.text is not None:
            check_name(c.text, header_row, i)
    names = [clean_name(c.text or "") for c in header]
    while names and not names[-1]:
        names.pop()
    if not names or name_key(names[0]) not in GROUP_HEADERS:
        raise err("no_group_column", header_row, 0, found=(names[0] if names else "")[:40])
    if len(names) < 2:
        raise err("no_axes", header_row, 1)
    axes: list[Axis] = []
    used_keys: set[str] = set()
    seen_axes: dict[str, int] = {}
    for i, name in enumerate(names[1:], start=1):
        if not name:
            raise err("empty_axis_name", header_row, i)
        key = name_key(name)
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
        for i, c in enumerate(cells):
            if c.formula:
                raise err("formula", row_number, i, names[i] if 0 < i < width else None)
        extra = next((i for i in range(width, len(cells)) if not _blank(cells[i])), None)
        if extra is not None:
            raise err("too_many_fields", row_number, extra, found=len(cells), expected=width, comma=delimiter == ",")
        if len(cells) < width and delimiter != "xlsx":
            raise err("too_few_fields", row_number, len(cells), names[len(cells)] if cells else None,
                      found=len(cells), expected=width)
        cells = cells[:width] + [_Cell()] * (width - len(cells))
        for i, c in enumerate(cells):
            if c.text is not None and len(c.text) > MAX_CELL:
                raise err("cell_too_long", row_number, i, names[i] if i else None, limit=MAX_CELL)
        if cells[0].text is not None:
            check_name(cells[0].text, row_number, 0)
        group = clean_name(cells[0].text or "")
        if not group:
            raise err("empty_group", row_number, 0)
        key = name_key(group)
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
