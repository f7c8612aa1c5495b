"""The importer accepts what Swedish users really save and refuses everything else with one clear error."""

from __future__ import annotations

import io
import math
import tracemalloc
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.model import Scale
from survey import importer
from survey.importer import RatingsFileError, column_letter, read_ratings

HEADER = "grupp;Finansiera;Mötesplats;Förvalta"


def test_sample_file(sample_ratings):
    assert sample_ratings.groups == ("Grupp 1", "Grupp 2", "Grupp 3", "Grupp 4")
    assert [a.name_sv for a in sample_ratings.axes][:3] == ["Finansiera", "Strategiskt/proaktivt", "Uppföljning"]
    assert math.isnan(sample_ratings.values[3, 5])


@pytest.mark.parametrize(
    "data",
    [
        "grupp;Finansiera;Mötesplats\nA;4,5;3\nB;5;\n".encode("utf-8"),
        "\ufeffgrupp;Finansiera;Mötesplats\nA;4,5;3\nB;5;\n".encode("utf-8"),
        "grupp;Finansiera;Mötesplats\r\nA;4,5;3\r\nB;5;\r\n".encode("cp1252"),
        'group,Finansiera,Mötesplats\nA,4.5,3\nB,5,\n'.encode("utf-8"),
        'Grupp,Finansiera,Mötesplats\nA,"4,5",3\nB,5,\n'.encode("utf-8"),
        "grupp\tFinansiera\tMötesplats\nA\t4,5\t3\nB\t5\t\n".encode("utf-16"),
        "grupp;Finansiera;Mötesplats;;\nA;4,5;3;;\n\n;;;;\nB;5;;;\n".encode("utf-8"),
    ],
    ids=["utf8", "bom", "cp1252-crlf", "comma-point", "comma-quoted", "utf16-tab", "excel-trailing"],
)
def test_dialects_swedish_users_have(data):
    r = read_ratings(data, filename="f.csv")
    assert r.groups == ("A", "B")
    assert [a.key for a in r.axes] == ["finansiera", "motesplats"]
    assert r.values[0].tolist() == [4.5, 3.0]
    assert r.values[1, 0] == 5.0 and math.isnan(r.values[1, 1])


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.create_sheet("Annat").append(["ignored"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_excel_first_sheet():
    data = _xlsx([["Grupp", "Finansiera", "Mötesplats"], ["A", 4.5, 3], ["B", "5", None]])
    r = read_ratings(data, filename="f.xlsx")
    assert r.groups == ("A", "B") and r.values[0].tolist() == [4.5, 3.0] and r.values[1, 0] == 5.0


def test_excel_text_in_number_cell_names_row_and_column():
    data = _xlsx([["grupp", "Finansiera", "Mötesplats"], ["A", 4.5, 3], ["B", 5, "hög"]])
    with pytest.raises(RatingsFileError) as e:
        read_ratings(data, filename="f.xlsx")
    assert (e.value.row, e.value.column) == (3, 2)
    assert str(e.value) == "f.xlsx: rad 3, kolumn C (Mötesplats): 'hög' är inte ett tal"


def test_custom_axes_and_other_scale():
    r = read_ratings(b"group;Trygghet;Tempo\nA;7;1\nB;6;\n", scale=Scale.parse("1:7:1"))
    assert [a.name_sv for a in r.axes] == ["Trygghet", "Tempo"] and r.values[0].tolist() == [7, 1]


ERRORS = [
    (b"", "empty", None, None),
    (b"\n \n", "empty", None, None),
    (b"namn;Finansiera\nA;3\n", "no_group_column", 1, 0),
    (b"grupp\nA\n", "no_axes", 1, 1),
    ("grupp;Finansiera;;Mötesplats\nA;3;;4\n".encode(), "empty_axis_name", 1, 2),
    (b"grupp;Finansiera;finansiera\nA;3;4\n", "duplicate_axis", 1, 2),
    (b"grupp;Finansiera\nA;3\nB;4\na;5\n", "duplicate_group", 4, 0),
    (b"grupp;Finansiera\n;3\n", "empty_group", 2, 0),
    (b"grupp;Finansiera\nA;tre\n", "not_a_number", 2, 1),
    (b"grupp;Finansiera\nA;5,5\n", "off_scale", 2, 1),
    (b"grupp;Finansiera\nA;3,25\n", "off_scale", 2, 1),
    (b"grupp;Finansiera\nA;0\n", "off_scale", 2, 1),
    (b"grupp;Finansiera\nA;nan\n", "not_a_number", 2, 1),
    (b"grupp;Finansiera\nA;1e0\n", "not_a_number", 2, 1),
    (b"grupp,Finansiera,Uppf\xc3\xb6ljning\nA,4,5,3\n", "too_many_fields", 2, 3),
    (b"grupp;Finansiera;Uppf\xc3\xb6ljning\nA;4\n", "too_few_fields", 2, 2),
    (b"grupp;Finansiera\n", "no_groups", 1, None),
    (b'grupp;Finansiera\nA;"4\n', "bad_csv", 2, None),
    (b"\x00\x01\x02binary", "binary", None, None),
    (b"PK\x03\x04not really a zip", "bad_excel", None, None),
]


@pytest.mark.parametrize("data,code,row,column", ERRORS, ids=[e[1] + str(i) for i, e in enumerate(ERRORS)])
def test_each_problem_is_one_error_with_place(data, code, row, column):
    with pytest.raises(RatingsFileError) as e:
        read_ratings(data, filename="betyg.csv")
    assert (e.value.code, e.value.row, e.value.column) == (code, row, column)
    assert str(e.value).startswith("betyg.csv")
    if row is not None:
        assert f"rad {row}" in str(e.value) and f"row {row}" in e.value.message("en")
    if column is not None:
        assert f"kolumn {column_letter(column)}" in str(e.value)


def test_messages_follow_the_language():
    with pytest.raises(RatingsFileError) as e:
        read_ratings(b"grupp;Finansiera\nA;7\n", filename="x.csv", lang="en")
    assert str(e.value) == "x.csv: row 2, column B (Finansiera): 7 is not on the scale 1–5 in steps of 0.5"
    assert e.value.message("sv") == "x.csv: rad 2, kolumn B (Finansiera): 7 ligger inte på skalan 1–5 i steg om 0,5"


def test_missing_file(tmp_path):
    with pytest.raises(RatingsFileError) as e:
        read_ratings(tmp_path / "saknas.csv")
    assert e.value.code == "not_found"


def test_column_letters():
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


# Fuzzing: whatever the bytes, the importer gives a table or its own error, never another exception.
_cells = st.one_of(
    st.sampled_from(["", "1", "4,5", "4.5", "5", "6", "-1", "=SUM(A1)", "+1", "@x", "grupp", "Förvalta", '"', "a;b"]),
    st.text(max_size=20),
    st.text(min_size=400, max_size=700),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(_cells, min_size=0, max_size=6), min_size=0, max_size=8),
    delimiter=st.sampled_from([";", ",", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]),
    header=st.booleans(),
)
def test_fuzz_csv_shapes(rows, delimiter, encoding, header):
    lines = ([["grupp", "Finansiera", "Mötesplats"]] if header else []) + rows
    text = "\n".join(delimiter.join(r) for r in lines)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    _assert_table_or_import_error(data, "fuzz.csv")


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000))
def test_fuzz_random_bytes(data):
    _assert_table_or_import_error(data, "fuzz.csv")
    _assert_table_or_import_error(b"PK\x03\x04" + data, "fuzz.xlsx")


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.lists(st.one_of(st.none(), st.integers(-3, 9), st.floats(allow_nan=True),
                                         st.text(st.characters(min_codepoint=32, exclude_categories=("Cs",)),
                                                 max_size=10),
                                         st.booleans()), max_size=5), max_size=6))
def test_fuzz_excel_cells(rows):
    data = _xlsx([["grupp", "Finansiera", "Mötesplats"], *rows])
    _assert_table_or_import_error(data, "fuzz.xlsx")


def test_huge_file_is_refused_quickly():
    data = b"grupp;Finansiera\n" + b"A;3\n" * (3 * 1024 * 1024)
    with pytest.raises(RatingsFileError) as e:
        read_ratings(data)
    assert e.value.code == "too_large"


def _assert_table_or_import_error(data: bytes, name: str) -> None:
    try:
        r = read_ratings(data, filename=name)
    except RatingsFileError as e:
        assert str(e) and e.message("en")
        assert "\n" not in str(e) and "\n" not in e.message("en")
        return
    assert len(r.groups) >= 1 and len(r.axes) >= 1
    present = r.values[~(r.values != r.values)]
    assert ((present >= 1) & (present <= 5)).all()


# Hostile files (issue 11): each limit is checked while the file is read, so a small file cannot make the
# server build a huge table; peak memory is measured by tracemalloc, never time.
PEAK_LIMIT = 50 * 2**20


def _refused_within_memory(data: bytes, name: str) -> RatingsFileError:
    tracemalloc.start()
    try:
        with pytest.raises(RatingsFileError) as e:
            read_ratings(data, filename=name)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < PEAK_LIMIT, f"peak {peak / 2**20:.0f} MB"
    assert "\n" not in str(e.value) and "\n" not in e.value.message("en")
    return e.value


def test_limits_follow_the_store():
    from survey.store import MAX_AXES

    assert importer.MAX_AXES == MAX_AXES and importer.MAX_COLUMNS == MAX_AXES + 1


def test_too_many_group_rows_are_refused_where_the_limit_is_passed():
    limit = importer.MAX_GROUPS
    data = ("grupp;Finansiera\n" + "".join(f"G{i};3\n" for i in range(limit + 50))).encode()
    e = _refused_within_memory(data, "betyg.csv")
    assert (e.code, e.row) == ("too_many_rows", limit + 2)
    assert str(e) == f"betyg.csv: rad {limit + 2}: filen har fler än {limit} grupprader"
    at_limit = b"\n".join(data.split(b"\n")[:limit + 1])
    assert read_ratings(at_limit, filename="ok.csv").values.shape == (limit, 1)


def test_csv_with_sixty_thousand_columns_is_refused_at_the_first_extra_column():
    n = 60_000
    data = ("grupp;" + ";".join(f"ax{i}" for i in range(n)) + "\nA;" + ";" * (n - 1) + "\n").encode()
    e = _refused_within_memory(data, "betyg.csv")
    assert (e.code, e.row, e.column) == ("too_many_columns", 1, 25)
    assert str(e) == "betyg.csv: rad 1, kolumn Z: filen har fler kolumner än 25 (gruppkolumnen och högst 24 axlar)"


def test_csv_empty_fields_to_the_right_are_allowed_within_a_bound():
    ok = b"grupp;Finansiera" + b";" * 40 + b"\nA;3" + b";" * 40 + b"\n"
    assert read_ratings(ok).values.tolist() == [[3.0]]
    wide = b"grupp;Finansiera\nA;3" + b";" * 100_000 + b"\n"
    e = _refused_within_memory(wide, "betyg.csv")
    assert (e.code, e.row, e.column) == ("too_wide", 2, importer.MAX_FIELDS)
    assert str(e) == f"betyg.csv: rad 2, kolumn AY: raden har fler än {importer.MAX_FIELDS} fält, även tomma fält räknas"


def test_csv_enormous_cell_is_refused_with_its_column():
    data = b"grupp;Finansiera\nA;" + b"x" * 1_500_000 + b"\n"
    e = _refused_within_memory(data, "betyg.csv")
    assert (e.code, e.row, e.column) == ("cell_too_long", 2, 1)


def test_size_limit_is_far_below_ten_megabytes(tmp_path):
    data = b"grupp;Finansiera\n" + b"".join(b"G%d;3\n" % i for i in range(400_000))
    assert 2 * 2**20 < len(data) < 10 * 2**20
    e = _refused_within_memory(data, "betyg.csv")
    assert e.code == "too_large" and str(e) == "betyg.csv: filen är större än 2 MB"
    path = tmp_path / "stor.csv"
    path.write_bytes(data)
    with pytest.raises(RatingsFileError) as e:
        read_ratings(path)
    assert e.value.code == "too_large"


SHEET = "xl/worksheets/sheet1.xml"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


def _with_sheet_data(rows_xml: str, data: bytes | None = None) -> bytes:
    """An openpyxl workbook whose first sheet's <sheetData> is replaced by `rows_xml`."""
    parts = _parts(data or _xlsx([["grupp", "Finansiera"]]))
    sheet = parts[SHEET].decode()
    start, end = sheet.index("<sheetData>"), sheet.index("</sheetData>") + len("</sheetData>")
    parts[SHEET] = (sheet[:start] + "<sheetData>" + rows_xml + "</sheetData>" + sheet[end:]).encode()
    return _zip(parts)


def test_excel_value_in_last_column_is_refused_without_building_the_row():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["grupp", "Finansiera"])
    for r in range(2, 302):
        sheet.cell(r, 1, f"G{r}")
        sheet.cell(r, 16384, 3)
    out = io.BytesIO()
    book.save(out)
    e = _refused_within_memory(out.getvalue(), "betyg.xlsx")
    assert (e.code, e.row, e.column) == ("too_many_columns", 2, 16383)
    assert str(e) == "betyg.xlsx: rad 2, kolumn XFD: filen har fler kolumner än 25 (gruppkolumnen och högst 24 axlar)"
    assert e.message("en") == ("betyg.xlsx: row 2, column XFD: the file has more than 25 columns "
                               "(the group column and at most 24 axes)")


def test_excel_header_in_last_column_is_named_on_row_1():
    data = _xlsx([["grupp", "Finansiera"], ["A", 3]])
    e = _refused_within_memory(_with_sheet_data(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>grupp</t></is></c>'
        '<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>', data), "betyg.xlsx")
    assert str(e).startswith("betyg.xlsx: rad 1, kolumn XFD: filen har fler kolumner än 25")


def test_excel_empty_formatted_cells_far_right_are_ignored():
    def row(r: int) -> str:
        first = '<c r="A1" t="inlineStr"><is><t>grupp</t></is></c><c r="B1" t="inlineStr"><is><t>Finansiera</t></is></c>'
        cells = first if r == 1 else f'<c r="A{r}" t="inlineStr"><is><t>G{r}</t></is></c><c r="B{r}"><v>3</v></c>'
        return f'<row r="{r}">{cells}<c r="XFC{r}" t="s"/><c r="XFD{r}" s="0"/></row>'

    rows = "".join(row(r) for r in range(1, 301))
    tracemalloc.start()
    try:
        r = read_ratings(_with_sheet_data(rows), filename="f.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(r.groups) == 299 and [a.key for a in r.axes] == ["finansiera"] and peak < PEAK_LIMIT


def test_excel_cells_without_reference_past_the_sheet_are_refused():
    cells = "<c/>" * 300_000
    data = _with_sheet_data('<row r="1"><c t="inlineStr"><is><t>grupp</t></is></c><c t="inlineStr"><is><t>F</t></is>'
                            f'</c></row><row r="2">{cells}</row>')
    e = _refused_within_memory(data, "f.xlsx")
    assert (e.code, e.row) == ("bad_excel", 2)


def test_too_many_excel_group_rows_are_refused_where_the_limit_is_passed():
    limit = importer.MAX_GROUPS
    data = _xlsx([["grupp", "Finansiera"]] + [[f"G{i}", 3] for i in range(limit + 50)])
    e = _refused_within_memory(data, "betyg.xlsx")
    assert (e.code, e.row) == ("too_many_rows", limit + 2)


def test_zip_bomb_sheet_is_refused_from_the_zip_directory():
    parts = _parts(_xlsx([["grupp", "Finansiera"], ["A", 3]]))
    sheet = parts[SHEET].decode()
    parts[SHEET] = sheet.replace("<sheetData>", "<sheetData>" + " " * (200 * 2**20), 1).encode()
    data = _zip(parts)
    assert len(data) < 2 * 2**20
    e = _refused_within_memory(data, "bomb.xlsx")
    assert e.code == "zip_part_too_large"
    assert str(e) == ("bomb.xlsx: delen 'xl/worksheets/sheet1.xml' packas upp till mer än 4 MB "
                      "och är ingen vanlig betygsfil")


def test_zip_bomb_shared_strings_are_refused():
    parts = _parts(_xlsx([["grupp", "Finansiera"], ["A", 3]]))
    parts["xl/sharedStrings.xml"] = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                     + b"<si><t>x</t></si>" * 2_000_000 + b"</sst>")
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId9" Target="sharedStrings.xml" Type="http://schemas.openxml'
                             b'formats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>')
    sheet = parts[SHEET].decode()
    parts[SHEET] = sheet.replace('<c r="A2" t="inlineStr"><is><t>A</t></is></c>', '<c r="A2" t="s"><v>1999999</v></c>').encode()
    assert b't="s"' in parts[SHEET]
    e = _refused_within_memory(_zip(parts), "bomb.xlsx")
    assert e.code == "zip_part_too_large" and "xl/sharedStrings.xml" in str(e)


def test_zip_with_thousands_of_entries_is_refused():
    parts = _parts(_xlsx([["grupp", "Finansiera"], ["A", 3]]))
    parts.update({f"customXml/item{i}.xml": b"<x/>" for i in range(5000)})
    e = _refused_within_memory(_zip(parts), "betyg.xlsx")
    assert e.code == "zip_entries" and str(e) == "betyg.xlsx: filen består av fler än 200 delar och är ingen vanlig betygsfil"


def test_zip_that_lies_about_its_sizes_is_not_trusted():
    parts = _parts(_xlsx([["grupp", "Finansiera"], ["A", 3]]))
    parts[SHEET] = parts[SHEET].replace(b"<sheetData>", b"<sheetData>" + b" " * (50 * 2**20), 1)
    data = bytearray(_zip(parts))
    big = (len(parts[SHEET])).to_bytes(4, "little")
    while (i := data.find(big)) >= 0:  # claim 100 bytes in the local header and the central directory
        data[i:i + 4] = (100).to_bytes(4, "little")
    e = _refused_within_memory(bytes(data), "betyg.xlsx")
    assert e.code == "bad_excel"


def test_xml_entities_are_refused():
    data = _xlsx([["grupp", "Finansiera"], ["A", 3]])
    parts = _parts(data)
    sheet = parts[SHEET].decode()
    body = sheet[sheet.index("<worksheet"):].replace("<t>A</t>", "<t>&a;</t>")
    parts[SHEET] = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "Grupp 1">]>' + body).encode()
    e = _refused_within_memory(_zip(parts), "betyg.xlsx")
    assert e.code == "bad_excel"


# Formulas: a value Excel never saved must not be read as "skipped" (it would overwrite a stored rating).
def test_formula_without_saved_value_is_refused_with_its_place():
    data = _xlsx([["grupp", "Finansiera", "Mötesplats"], ["A", 4, 3], ["B", 5, "=1+2"]])
    with pytest.raises(RatingsFileError) as e:
        read_ratings(data, filename="betyg.xlsx")
    assert (e.value.code, e.value.row, e.value.column) == ("formula", 3, 2)
    assert str(e.value) == ("betyg.xlsx: rad 3, kolumn C (Mötesplats): cellen är en formel utan sparat värde – "
                            "öppna filen i Excel och spara den igen")
    assert e.value.message("en") == ("betyg.xlsx: row 3, column C (Mötesplats): the cell is a formula without a "
                                     "saved value – open the file in Excel and save it again")


def test_formula_with_saved_value_is_read_as_its_value():
    data = _xlsx([["grupp", "Finansiera", "Mötesplats"], ["A", 4, 3], ["B", 5, "=1+2"]])
    parts = _parts(data)
    parts[SHEET] = parts[SHEET].replace(b"<f>1+2</f><v></v>", b"<f>1+2</f><v>3</v>")
    assert b"<v>3</v>" in parts[SHEET]
    r = read_ratings(_zip(parts), filename="betyg.xlsx")
    assert r.values[1].tolist() == [5.0, 3.0]


# Encodings: one row pasted from a Windows-1252 file into a UTF-8 file is refused, not turned into mojibake.
def test_one_windows_1252_row_in_a_utf8_file_is_refused_by_row():
    data = "grupp;Finansiera;Mötesplats\nA;4;3\nB;5;2\n".encode() + "Åsa;3;3\n".encode("cp1252")
    with pytest.raises(RatingsFileError) as e:
        read_ratings(data, filename="betyg.csv")
    assert (e.value.code, e.value.row) == ("mixed_encoding", 4)
    assert str(e.value) == ("betyg.csv: rad 4: raden är inte sparad som UTF-8 som resten av filen "
                            "(spara hela filen som CSV UTF-8)")
    assert e.value.message("en").startswith("betyg.csv: row 4: the row is not saved as UTF-8 like the rest")


def test_one_utf8_row_in_a_windows_1252_file_is_refused_by_row():
    data = "grupp;Finansiera;Mötesplats\nÅsa;4;3\nÖrjan;5;2\n".encode("cp1252") + "Gävle;3;3\n".encode()
    with pytest.raises(RatingsFileError) as e:
        read_ratings(data, filename="betyg.csv")
    assert (e.value.code, e.value.row) == ("mixed_encoding_utf8", 4)


def test_a_pure_windows_1252_file_still_imports():
    data = "grupp;Finansiera;Mötesplats\r\nÅsa;4;3\r\nÖrjan;5;2\r\n".encode("cp1252")
    r = read_ratings(data, filename="betyg.csv")
    assert r.groups == ("Åsa", "Örjan") and r.axes[1].key == "motesplats"


# Names: one rule for "the same name" (analysis.names); invisible control characters are refused.
@pytest.mark.parametrize("other", ["grupp  1", "Grupp\u200b 1", " Grupp\u00a01", "ＧＲＵＰＰ 1", "Grupp\t1"])
def test_group_names_that_look_the_same_are_one_group(other):
    data = f"grupp;Finansiera\nGrupp 1;3\n{other};4\n".encode()
    with pytest.raises(RatingsFileError) as e:
        read_ratings(data, filename="betyg.csv")
    assert (e.value.code, e.value.row, e.value.column) == ("duplicate_group", 3, 0)
    assert "finns redan på rad 2" in str(e.value)


def test_composed_and_decomposed_group_names_are_one_group():
    data = "grupp;Finansiera\nVårdcentral;3\nVa\u030ardcentral;4\n".encode()
    with pytest.raises(RatingsFileError) as e:
        read_ratings(data)
    assert (e.value.code, e.value.row) == ("duplicate_group", 3)


def test_group_names_are_stored_clean():
    r = read_ratings("grupp;Finansiera\n Grupp\u00a0 1\u200b ;3\nVa\u030ard;4\n".encode())
    assert r.groups == ("Grupp 1", "Vård")


@pytest.mark.parametrize("second", ["Trygg\u200bhet", "Trygghet\u00ad", "TRYGGHET ", "Trygg\u00adhet", "ＴＲＹＧＧＨＥＴ"])
def test_axis_headers_that_look_the_same_are_one_axis(second):
    data = f"grupp;Trygghet;{second}\nA;3;3\n".encode()
    with pytest.raises(RatingsFileError) as e:
        read_ratings(data, filename="betyg.csv")
    assert (e.value.code, e.value.row, e.value.column) == ("duplicate_axis", 1, 2)
    assert "finns redan i kolumn B" in str(e.value)


def test_the_group_header_is_recognised_by_the_same_rule():
    r = read_ratings("Grupp\u200b;Finansiera\nA;3\n".encode())
    assert r.groups == ("A",)


@pytest.mark.parametrize("data,row,column,char", [
    ("grupp;Finansiera\nGrupp \u202e1;3\n", 2, 0, "U+202E"),
    ("grupp;Möte\u2066splats\nA;3\n", 1, 1, "U+2066"),
    ("grupp;Finansiera\nA\x1b[31m;3\n", 2, 0, "U+001B"),
    ("grupp\u200f;Finansiera\nA;3\n", 1, 0, "U+200F"),
])
def test_names_with_invisible_control_characters_are_refused(data, row, column, char):
    with pytest.raises(RatingsFileError) as e:
        read_ratings(data.encode(), filename="betyg.csv")
    assert (e.value.code, e.value.row, e.value.column) == ("unsafe_name", row, column)
    assert str(e.value).endswith(f"namnet innehåller ett osynligt styrtecken ({char})")
    assert e.value.message("en").endswith(f"the name contains an invisible control character ({char})")
    assert "\u202e" not in str(e.value) and "\x1b" not in str(e.value)


def test_excel_names_follow_the_same_rules():
    data = _xlsx([["grupp", "Finansiera"], ["Grupp 1", 3], ["grupp\u200b 1", 4]])
    with pytest.raises(RatingsFileError) as e:
        read_ratings(data, filename="betyg.xlsx")
    assert (e.value.code, e.value.row) == ("duplicate_group", 3)


# Every error is one line naming the file and place, whatever text the file quotes back.
def test_messages_are_one_line_even_when_the_file_quotes_line_breaks():
    with pytest.raises(RatingsFileError) as e:
        read_ratings('grupp;Finansiera\nA;"4\n\u2028x"\n'.encode(), filename="betyg.csv")
    assert str(e.value) == "betyg.csv: rad 2, kolumn B (Finansiera): '4 \ufffdx' är inte ett tal"
    with pytest.raises(RatingsFileError) as e:
        read_ratings(b"grupp;Finansiera\nA;3\n", filename="rad\nbrytning.xlsx")
    assert "\n" not in str(e.value)


def test_too_many_fields_names_the_first_extra_column():
    with pytest.raises(RatingsFileError) as e:
        read_ratings("grupp;Finansiera;Uppföljning\nA;4;3;;5\n".encode(), filename="betyg.csv")
    assert str(e.value) == "betyg.csv: rad 2, kolumn E: raden har 5 fält men rubriken har 3"


_MAIN = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _excel_style_book(rows_xml: str, date1904: bool = False) -> bytes:
    """What Excel writes and openpyxl does not: shared strings with rich text and phonetic runs, styles with
    date formats, cells without references, a second sheet listed first in the relations."""
    strings = ["<t>grupp</t>", "<r><rPr><b/></rPr><t>Finan</t></r><r><t>siera</t></r>",
               '<t xml:space="preserve">Mötesplats </t><rPh sb="0" eb="1"><t>x</t></rPh>', "<t>Grupp 1</t>",
               "<t>Grupp &amp; 2</t>"]
    rels = [("rId3", "worksheet", "worksheets/sheet2.xml"), ("rId1", "worksheet", "worksheets/sheet1.xml"),
            ("rId4", "sharedStrings", "sharedStrings.xml"), ("rId5", "styles", "styles.xml")]
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    types = [("/xl/workbook.xml", "sheet.main"), ("/xl/worksheets/sheet1.xml", "worksheet"),
             ("/xl/worksheets/sheet2.xml", "worksheet"), ("/xl/sharedStrings.xml", "sharedStrings"),
             ("/xl/styles.xml", "styles")]
    return _zip({
        "[Content_Types].xml": ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                                'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                                + "".join(f'<Override PartName="{n}" ContentType="{main}.{t}+xml"/>' for n, t in types)
                                + "</Types>").encode(),
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="xl/workbook.xml"/>'
                       f'</Relationships>'.encode(),
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook {_MAIN}>'
                           f'<workbookPr{" date1904=" + chr(34) + "1" + chr(34) if date1904 else ""}/><sheets>'
                           f'<sheet name="Betyg" sheetId="1" r:id="rId1"/><sheet name="Annat" sheetId="2" r:id="rId3"/>'
                           f'</sheets></workbook>'.encode(),
        "xl/_rels/workbook.xml.rels": ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                       + "".join(f'<Relationship Id="{i}" Type="{_REL}{t}" Target="{p}"/>' for i, t, p in rels)
                                       + "</Relationships>").encode(),
        "xl/styles.xml": f'<styleSheet {_MAIN}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>'
                         f'</numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
                         f'<xf numFmtId="2"/></cellXfs></styleSheet>'.encode(),
        "xl/sharedStrings.xml": (f'<sst {_MAIN}>' + "".join(f"<si>{s}</si>" for s in strings) + "</sst>").encode(),
        SHEET: f'<worksheet {_MAIN}><dimension ref="A1:XFD1048576"/><sheetData>{rows_xml}</sheetData></worksheet>'.encode(),
        "xl/worksheets/sheet2.xml": f'<worksheet {_MAIN}><sheetData/></worksheet>'.encode(),
    })


_EXCEL_ROWS = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
               '<row r="3"><c t="s"><v>3</v></c><c s="3"><v>4.5</v></c><c><f>1+1</f><v>2</v></c></row>'
               '<row r="4"><c r="A4" t="s"><v>4</v></c><c r="B4" t="str"><f>""</f><v></v></c><c r="C4" s="3"><v>1</v></c>'
               '</row>')


def test_excel_style_workbook_reads_shared_strings_styles_and_saved_formulas():
    r = read_ratings(_excel_style_book(_EXCEL_ROWS), filename="betyg.xlsx")
    assert r.groups == ("Grupp 1", "Grupp & 2") and [a.key for a in r.axes] == ["finansiera", "motesplats"]
    assert r.values[0].tolist() == [4.5, 2.0] and math.isnan(r.values[1, 0]) and r.values[1, 1] == 1.0


@pytest.mark.parametrize("style,date1904,shown", [(1, False, "1900-01-01"), (2, False, "1900-01-01"),
                                                  (2, True, "1904-01-02")])
def test_excel_date_cell_is_shown_as_a_date(style, date1904, shown):
    rows = _EXCEL_ROWS.replace('<c r="C4" s="3">', f'<c r="C4" s="{style}">')
    with pytest.raises(RatingsFileError) as e:
        read_ratings(_excel_style_book(rows, date1904), filename="betyg.xlsx")
    assert str(e.value) == f"betyg.xlsx: rad 4, kolumn C (Mötesplats): '{shown} 00:00:00' är inte ett tal"
