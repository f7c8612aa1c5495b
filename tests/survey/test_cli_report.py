"""`python -m survey report` from a file as a secretary runs it: real files, exit codes, one-line errors."""

from __future__ import annotations

import io
import subprocess

import pytest

from tests.conftest import SAMPLE_CSV, run_cli, run_process

MAGIC = {
    "docx": b"PK\x03\x04",
    "xlsx": b"PK\x03\x04",
    "pdf": b"%PDF-",
    "png": b"\x89PNG",
    "svg": b"<?xml",
    "csv": b"\xef\xbb\xbfAxel;",
    "md": "# Medlemssamråd 2026".encode(),
}


run = run_cli  # in-process; the few tests of a real process's exit status and stderr use run_process


def assert_one_line_error(out: subprocess.CompletedProcess, *needles: str) -> None:
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize("fmt", sorted(MAGIC))
def test_every_suffix(fmt, tmp_path):
    target = tmp_path / f"bilaga.{fmt}"
    out = run("report", str(SAMPLE_CSV), "-o", str(target), "--title", "Medlemssamråd 2026", "--date", "2026-02-27",
              "--place", "Vrigstad")
    assert out.returncode == 0, out.stderr
    assert out.stdout == "" and out.stderr == ""
    assert target.read_bytes().startswith(MAGIC[fmt])


def test_docx_in_english_with_a_title(tmp_path):
    import docx

    target = tmp_path / "appendix.docx"
    out = run("report", str(SAMPLE_CSV), "-o", str(target), "--lang", "en", "--title", "Member consultation")
    assert out.returncode == 0, out.stderr
    document = docx.Document(io.BytesIO(target.read_bytes()))
    assert document.paragraphs[0].text == "Member consultation"
    header = [c.text for c in document.tables[1].rows[0].cells]
    assert header == ["Axis", "Values", "Mean", "Spread", "Interpretation"]


def test_pdf_reads_back(tmp_path):
    from pypdf import PdfReader

    target = tmp_path / "bilaga.pdf"
    assert run("report", str(SAMPLE_CSV), "-o", str(target)).returncode == 0
    text = "\n".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "Sammanställning av gruppernas skattningar" in text and "3,2 *" in text


def test_edited_narrative_and_override(tmp_path):
    narrative = tmp_path / "text.md"
    narrative.write_text("## Vår tolkning\n\n- **Finansiera** är kärnan\n", encoding="utf-8")
    target = tmp_path / "bilaga.md"
    out = run("report", str(SAMPLE_CSV), "-o", str(target), "--narrative", str(narrative),
              "--override", "Förvalta=Låg-medel", "--override", "motesplats=high")
    assert out.returncode == 0, out.stderr
    md = target.read_text(encoding="utf-8")
    assert "### Vår tolkning" in md and "- **Finansiera** är kärnan" in md
    assert "Tydlig samsyn och höga skattningar" not in md
    assert "| Förvalta | 3; 1,5; 2; 1 | 1,9 | Medel | Låg-medel (justerad) |" in md
    assert "| Mötesplats | 2,5; 5; 2 | 3,2 \\* | Hög | Högt (justerad) |" in md


def test_scale(tmp_path):
    ratings = tmp_path / "tio.csv"
    ratings.write_text("grupp;Finansiera;Förvalta\nA;10;2\nB;9;3\nC;10;1\n", encoding="utf-8")
    target = tmp_path / "bilaga.md"
    out = run("report", str(ratings), "-o", str(target), "--scale", "1:10:1")
    assert out.returncode == 0, out.stderr
    assert "1–10 i steg om 1" in target.read_text(encoding="utf-8")


def test_unknown_suffix(tmp_path):
    out = run_process("report", str(SAMPLE_CSV), "-o", str(tmp_path / "bilaga.txt"))
    assert_one_line_error(out, "bilaga.txt", "'.txt'", ".docx")
    assert not (tmp_path / "bilaga.txt").exists()
    out = run_process("report", str(SAMPLE_CSV), "-o", str(tmp_path / "bilaga"), "--lang", "en")
    assert_one_line_error(out, "unknown file type")


def test_import_error_names_file_row_and_column(tmp_path):
    bad = tmp_path / "trasig.csv"
    bad.write_text("grupp;Finansiera;Förvalta\nGrupp 1;4;3\nGrupp 2;fem;2\n", encoding="utf-8")
    out = run("report", str(bad), "-o", str(tmp_path / "bilaga.docx"))
    assert_one_line_error(out, "trasig.csv", "rad 3", "kolumn B (Finansiera)", "'fem'")
    out = run("report", str(bad), "-o", str(tmp_path / "bilaga.docx"), "--lang", "en")
    assert_one_line_error(out, "row 3", "column B")


def test_missing_input_and_bad_scale(tmp_path):
    assert_one_line_error(run("report", str(tmp_path / "saknas.csv"), "-o", str(tmp_path / "b.pdf")), "saknas.csv")
    assert_one_line_error(run("report", str(SAMPLE_CSV), "-o", str(tmp_path / "b.pdf"), "--scale", "5:1"), "--scale")


def test_bad_override(tmp_path):
    target = str(tmp_path / "b.md")
    assert_one_line_error(run("report", str(SAMPLE_CSV), "-o", target, "--override", "Förvalta"), "AXEL=TOLKNING")
    assert_one_line_error(run("report", str(SAMPLE_CSV), "-o", target, "--override", "Okänd=Högt"), "'Okänd'")
    assert_one_line_error(run("report", str(SAMPLE_CSV), "-o", target, "--override", "Förvalta=Superbra"),
                          "'Superbra'", "Stark samsyn")


def test_unwritable_output_and_unreadable_narrative(tmp_path):
    out = run("report", str(SAMPLE_CSV), "-o", str(tmp_path / "finns-inte" / "b.pdf"))
    assert_one_line_error(out, "b.pdf", "kan inte skrivas")
    out = run("report", str(SAMPLE_CSV), "-o", str(tmp_path / "b.pdf"), "--narrative", str(tmp_path / "ingen.md"))
    assert_one_line_error(out, "ingen.md")


def test_output_is_required():
    out = run_process("report", str(SAMPLE_CSV))
    assert out.returncode == 2 and "Traceback" not in out.stderr and "-o" in out.stderr


def test_summarize_is_unchanged():
    out = run("summarize", str(SAMPLE_CSV))
    assert out.returncode == 0
    assert "Mötesplats             2,5; 5; 2     3,2 *  Hög         Polariserat" in out.stdout


# ---------------------------------------------------------------------------------------------- from the database

def test_report_from_the_database_and_its_refusals(tmp_path, pg_url):
    """`--workshop ID` reads the database; every way it can go wrong is one Swedish line and exit 2."""
    from survey.store import Store

    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    store = Store(url)
    workshop_id = store.ensure_sample_workshop(SAMPLE_CSV).id
    store.dispose()
    target = tmp_path / "bilaga.md"
    assert run("report", "--db", url, "--workshop", workshop_id, "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8").startswith("# Medlemssamråd 2026 – förbundsprofil\n")
    listed = run("workshops", "--db", url)
    assert listed.returncode == 0 and listed.stdout.startswith(f"{workshop_id}\t2026-02-27\t")
    assert_one_line_error(run("report", "--db", url, "--workshop", "saknas", "-o", str(target)), "'saknas'", "workshops")
    assert_one_line_error(run("report", "--db", f"sqlite:///{tmp_path / 'stavfel.db'}", "--workshop", "x", "-o",
                              str(target)), "stavfel.db", "finns inte")
    assert not (tmp_path / "stavfel.db").exists()  # a typo does not leave an empty database behind
    assert_one_line_error(run("report", "--db", "nonsense", "--workshop", "x", "-o", str(target)),
                          "'nonsense'", "ingen databasadress")
    down = pg_url.rsplit("@", 1)[0] + "@127.0.0.1:1/spindeln"  # the test server's user, a port nobody listens on
    assert_one_line_error(run("report", "--db", down, "--workshop", "x", "-o", str(target)), "går inte att nå")
    assert_one_line_error(run("report", str(SAMPLE_CSV), "--workshop", workshop_id, "--db", url, "-o", str(target)),
                          "antingen en fil")
    assert_one_line_error(run("report", "--db", url, "--workshop", workshop_id, "--title", "X", "-o", str(target)),
                          "--title", "bara en fil")


def test_report_refuses_a_workshop_in_the_bin_and_a_file_that_is_no_database(tmp_path):
    from survey.store import Store

    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    store = Store(url)
    w = store.ensure_sample_workshop(SAMPLE_CSV)
    store.delete_workshop(w.id)
    store.dispose()
    target = tmp_path / "bilaga.md"
    assert_one_line_error(run("report", "--db", url, "--workshop", w.id, "-o", str(target)), "papperskorgen")
    not_a_db = tmp_path / "inte.db"
    not_a_db.write_text("hej\n" * 100)
    assert_one_line_error(run("workshops", "--db", f"sqlite:///{not_a_db}"), "inte.db")
    assert_one_line_error(run("report", "--db", "http://example.com/x", "--workshop", "x", "-o", str(target)),
                          "ingen databasadress")
    assert_one_line_error(run("report", str(SAMPLE_CSV), "--db", url, "-o", str(target)), "--db gäller bara --workshop")
    assert_one_line_error(run("report", str(SAMPLE_CSV), "--override", "Okänd=Högt", "-o", str(target)), "i filen")
    assert not target.exists()


def test_a_workshop_id_that_starts_with_a_dash_is_still_an_id(tmp_path, monkeypatch):
    """Found by CI: `secrets.token_urlsafe` ids may start with "-", and `--workshop -n63…` was read as an option.
    New ids never start with one; old ones still work."""
    import survey.store.store as store_module
    from survey.store import Store

    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    store = Store(url)
    monkeypatch.setattr(store_module, "_new_workshop_id", lambda: "-n63XMsaZpuc")  # as an older Spindeln made them
    w = store.create_workshop("Streckad", "2026-03-01")
    monkeypatch.undo()
    store.dispose()
    assert w.id == "-n63XMsaZpuc"
    target = tmp_path / "bilaga.md"
    out = run("report", "--db", url, "--workshop", "-n63XMsaZpuc", "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert target.read_text(encoding="utf-8").startswith("# Streckad")
    assert not any(store_module._new_workshop_id().startswith("-") for _ in range(2000))
