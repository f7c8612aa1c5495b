"""`python -m survey summarize` as a user runs it: real files, exit codes, one-line errors (in-process, and a real process where the exit status and stderr are the point)."""

from __future__ import annotations

import json
import subprocess

from tests.conftest import SAMPLE_CSV, run_cli, run_process

JSON_KEYS = {"axis", "values", "n", "missing", "mean", "median", "sd", "min", "max", "mean_abs_dev", "consensus",
             "agreement", "leik", "ci95", "polarised", "spread", "interpretation", "mean_text"}


run = run_cli  # in-process; the few tests of a real process's exit status and stderr use run_process


def test_table_is_the_minutes_table():
    out = run("summarize", str(SAMPLE_CSV))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["Axel", "Värden", "Medel", "Spridning", "Tolkning"]
    assert "Mötesplats             2,5; 5; 2     3,2 *  Hög         Polariserat" in out.stdout
    assert lines[-1].startswith("* Mötesplats")


def test_json_contract():
    out = run("summarize", str(SAMPLE_CSV), "--format", "json")
    data = json.loads(out.stdout)
    assert data["groups"] == ["Grupp 1", "Grupp 2", "Grupp 3", "Grupp 4"]
    assert [a["axis"] for a in data["axes"]][0] == "Finansiera"
    for axis in data["axes"]:
        assert JSON_KEYS <= axis.keys()
    motesplats = data["axes"][5]
    assert motesplats["values"] == [2.5, 5.0, 2.0, None]
    assert motesplats["n"] == 3 and motesplats["missing"] == ["Grupp 4"]
    assert motesplats["interpretation"] == "Polariserat" and motesplats["mean_text"] == "3,2 *"
    assert isinstance(motesplats["mean"], float) and motesplats["polarised"] is True
    assert len(data["footnotes"]) == 1


def test_json_english_labels():
    data = json.loads(run("summarize", str(SAMPLE_CSV), "--format", "json", "--lang", "en").stdout)
    assert data["axes"][0]["interpretation"] == "Strong consensus" and data["axes"][0]["axis"] == "Finance"


def test_json_nulls_for_too_few_answers(tmp_path):
    f = tmp_path / "två.csv"
    f.write_text("grupp;Finansiera;Mötesplats\nA;4;\nB;5;\n", encoding="utf-8")
    data = json.loads(run("summarize", str(f), "--format", "json").stdout)
    motesplats = data["axes"][1]
    assert motesplats["n"] == 0 and motesplats["mean"] is None and motesplats["ci95"] is None
    assert motesplats["interpretation"] == "För få svar"
    assert data["axes"][0]["interpretation"] == "För få svar" and data["axes"][0]["mean"] == 4.5


def test_markdown_and_csv():
    md = run("summarize", str(SAMPLE_CSV), "--format", "markdown").stdout
    assert md.startswith("| Axel | Värden | Medel | Spridning | Tolkning |")
    assert "| Finansiera | 5; 5; 4; 5 | 4,75 | Mycket låg | Stark samsyn |" in md
    csv_out = run("summarize", str(SAMPLE_CSV), "--format", "csv").stdout
    assert csv_out.splitlines()[1].startswith('Finansiera;"5; 5; 4; 5";4,75;Mycket låg;Stark samsyn;4;')


def test_other_scale(tmp_path):
    f = tmp_path / "sju.csv"
    f.write_text("grupp;A;B;C\nG1;7;1;4\nG2;7;2;4\nG3;6;7;4\n", encoding="utf-8")
    data = json.loads(run("summarize", str(f), "--scale", "1:7:1", "--format", "json").stdout)
    assert [a["interpretation"] for a in data["axes"]] == ["Stark samsyn", "Polariserat", "Stark samsyn"]


def test_bad_input_exit_2_one_line_no_traceback(tmp_path):
    f = tmp_path / "fel.csv"
    f.write_text("grupp;Finansiera;Mötesplats\nA;4;x\n", encoding="utf-8")
    out = run_process("summarize", str(f))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip() == f"{f}: rad 2, kolumn C (Mötesplats): 'x' är inte ett tal"
    assert "Traceback" not in out.stderr
    out = run_process("summarize", str(tmp_path / "saknas.csv"), "--lang", "en")
    assert out.returncode == 2 and out.stderr.strip().endswith("the file does not exist")
    out = run_process("summarize", str(SAMPLE_CSV), "--scale", "5:1")
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    out = run_process("summarize", str(SAMPLE_CSV), "--scale", "1:4:1")
    assert out.returncode == 2 and "rad 2, kolumn B (Finansiera): 5 ligger inte på skalan 1–4" in out.stderr


def _one_error_line(out: subprocess.CompletedProcess) -> str:
    assert out.returncode == 2 and out.stdout == "" and "Traceback" not in out.stderr
    assert len(out.stderr.splitlines()) == 1
    return out.stderr.strip()


def test_hostile_excel_exit_2_one_line(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["grupp", "Finansiera", "Mötesplats"])
    sheet.append(["A", 4, "=1+2"])
    f = tmp_path / "formel.xlsx"
    book.save(f)
    assert _one_error_line(run("summarize", str(f))).endswith(
        "rad 2, kolumn C (Mötesplats): cellen är en formel utan sparat värde – öppna filen i Excel och spara den igen")
    sheet["C2"] = 3
    sheet.cell(2, 16384, 5)
    book.save(f)
    line = _one_error_line(run("report", str(f), "-o", str(tmp_path / "ut.md")))
    assert line == f"{f}: rad 2, kolumn XFD: filen har fler kolumner än 25 (gruppkolumnen och högst 24 axlar)"


def test_mixed_encodings_exit_2_naming_the_row(tmp_path):
    f = tmp_path / "blandat.csv"
    f.write_bytes("grupp;Finansiera;Mötesplats\nA;4;3\nB;5;2\n".encode() + "Åsa;3;3\n".encode("cp1252"))
    line = _one_error_line(run("summarize", str(f)))
    assert line.startswith(f"{f}: rad 4: raden är inte sparad som UTF-8 som resten av filen")
    for command in (["summarize"], ["report", "-o", str(tmp_path / "ut.md")]):
        out = run(*command, str(f), "--lang", "en")
        assert _one_error_line(out).startswith(f"{f}: row 4: the row is not saved as UTF-8")
    assert not (tmp_path / "ut.md").exists()
