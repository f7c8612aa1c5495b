"""The appendix as an Excel workbook: the minutes table with every statistic, the raw ratings, the settings.

Numbers are stored as numbers with a two-decimal format; Excel shows them with the reader's decimal
separator (a comma in Swedish Excel), so the file needs no locale of its own. Any text a spreadsheet would
run as a formula (`=`, `+`, `-`, `@` first) is stored as a string with the quote-prefix style: it shows as
typed and never runs.
"""

from __future__ import annotations

import io
from dataclasses import fields

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from analysis.appendix.model import Appendix
from analysis.statistics.labels import Interpretation, Spread
from analysis.model import Thresholds
from analysis.statistics.tables import DETAIL_HEADERS, HEADERS, YES_NO

NUMBER_FORMAT = "0.00"
HEADER_FONT = Font(bold=True, color="1F3A5F")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
HEADER_BORDER = Border(bottom=Side(style="thin", color="A6B8CC"))
FORMULA_START = ("=", "+", "-", "@")


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def put(ws, row: int, column: int, value, number_format: str | None = None):
    """Write one cell; text that looks like a formula stays text (data type 's' with a quote prefix)."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = _text(value)
        cell.value = value
        if value.startswith(FORMULA_START) or cell.data_type == "f":
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
        if number_format and value is not None and not isinstance(value, bool):
            cell.number_format = number_format
    return cell


def _header(ws, row: int, values) -> None:
    for c, v in enumerate(values, start=1):
        cell = put(ws, row, c, v)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def _widths(ws, widths) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


THRESHOLD_TEXT = {
    "sv": {
        "spread_very_low": "Spridning {very_low} när medelabsolutavvikelsen är under",
        "spread_low": "Spridning {low_medium} när medelabsolutavvikelsen är under",
        "spread_medium": "Spridning {medium} när medelabsolutavvikelsen är högst (annars {high})",
        "polar_gap": "{polarised}: största lucka mellan sorterade värden, minst (skalsteg)",
        "polar_share": "{polarised}: andel svar på den mindre sidan av luckan, minst",
        "disagreement_range": "{disagreement}: spridning {high} och variationsbredd minst",
        "min_n": "{too_few} när antalet svar är under",
        "high": "{i_high} när medelvärdet är minst",
        "fairly_high": "{fairly_high} när medelvärdet är minst",
        "mostly_high_share": "{mostly_high} när andelen svar på minst {i_high}-gränsen är minst",
        "medium": "{i_medium} när medelvärdet är minst",
        "medium_lower": "{medium_lower} när medelvärdet är minst",
        "low_medium": "{i_low_medium} när medelvärdet är minst (annars {clearly_low})",
        "reference_min": "Referensskalans minimum (gränserna gäller skalan 1–5 och räknas om linjärt)",
        "reference_span": "Referensskalans bredd",
        "scaled_column": "På denna skala",
    },
    "en": {
        "spread_very_low": "Spread {very_low} when the mean absolute deviation is below",
        "spread_low": "Spread {low_medium} when the mean absolute deviation is below",
        "spread_medium": "Spread {medium} when the mean absolute deviation is at most (else {high})",
        "polar_gap": "{polarised}: largest gap between sorted values, at least (scale points)",
        "polar_share": "{polarised}: share of answers on the smaller side of the gap, at least",
        "disagreement_range": "{disagreement}: spread {high} and range at least",
        "min_n": "{too_few} when the number of answers is below",
        "high": "{i_high} when the mean is at least",
        "fairly_high": "{fairly_high} when the mean is at least",
        "mostly_high_share": "{mostly_high} when the share of answers at or above the {i_high} limit is at least",
        "medium": "{i_medium} when the mean is at least",
        "medium_lower": "{medium_lower} when the mean is at least",
        "low_medium": "{i_low_medium} when the mean is at least (else {clearly_low})",
        "reference_min": "Reference scale minimum (the limits are written for 1–5 and mapped linearly)",
        "reference_span": "Reference scale span",
        "scaled_column": "On this scale",
    },
}


def _threshold_rows(appendix: Appendix) -> list[tuple[str, float, float | None]]:
    lang = appendix.lang
    words = {
        "very_low": Spread.VERY_LOW.text(lang), "low_medium": Spread.LOW_MEDIUM.text(lang),
        "medium": Spread.MEDIUM.text(lang), "high": Spread.HIGH.text(lang),
        "polarised": Interpretation.POLARISED.text(lang), "disagreement": Interpretation.DISAGREEMENT.text(lang),
        "too_few": Interpretation.TOO_FEW.text(lang), "i_high": Interpretation.HIGH.text(lang),
        "fairly_high": Interpretation.FAIRLY_HIGH.text(lang), "mostly_high": Interpretation.MOSTLY_HIGH.text(lang),
        "i_medium": Interpretation.MEDIUM.text(lang), "medium_lower": Interpretation.MEDIUM_LOWER.text(lang),
        "i_low_medium": Interpretation.LOW_MEDIUM.text(lang), "clearly_low": Interpretation.CLEARLY_LOW.text(lang),
    }
    th: Thresholds = appendix.thresholds
    scaled = th.for_scale(appendix.summary.scale)
    rows = []
    for f in fields(th):
        value = getattr(th, f.name)
        on_scale = getattr(scaled, f.name, None)
        rows.append((THRESHOLD_TEXT[lang][f.name].format(**words), value, on_scale))
    return rows


def to_xlsx(appendix: Appendix) -> bytes:
    a, lang = appendix, appendix.lang
    wb = Workbook()

    # Summary: the minutes table, then every statistic as a number.
    ws = wb.active
    ws.title = a.t("sheet_summary")
    d = DETAIL_HEADERS[lang]
    header = [*HEADERS[lang], d[1], d[2], a.t("mean_number"), *d[4:-2], a.t("rule_label")]
    _header(ws, 1, header)
    yes, no = YES_NO[lang]
    for r, (row, s) in enumerate(zip(a.table_rows(), a.summary.axes), start=2):
        for c, v in enumerate(row, start=1):
            put(ws, r, c, v)
        stats = [s.mean, s.median, s.sd, s.min, s.max, s.mean_abs_dev, s.consensus, s.agreement, s.leik,
                 s.ci95[0] if s.ci95 else None, s.ci95[1] if s.ci95 else None]
        put(ws, r, 6, s.n, "0")
        put(ws, r, 7, ", ".join(s.missing))
        for c, v in enumerate(stats, start=8):
            put(ws, r, c, v, NUMBER_FORMAT)
        put(ws, r, 8 + len(stats), yes if s.polarised else no)
        rule = s.rule_interpretation if s.overridden and s.rule_interpretation else s.interpretation
        put(ws, r, 9 + len(stats), rule.text(lang))
        ws.cell(row=r, column=2).alignment = Alignment(horizontal="left")
        ws.cell(row=r, column=3).alignment = Alignment(horizontal="right")
    r = len(a.summary.axes) + 3
    for note in a.footnotes():
        cell = put(ws, r, 1, note)
        cell.font = Font(italic=True, color="555F6B")
        r += 1
    ws.freeze_panes = "B2"
    _widths(ws, [24, 16, 9, 13, 22, 6, 14] + [12] * 11 + [11, 22])
    ws.row_dimensions[1].height = 32

    # Raw ratings: groups × axes, empty where a group skipped an axis.
    raw = wb.create_sheet(a.t("sheet_ratings"))
    _header(raw, 1, [a.t("group"), *(ax.name(lang) for ax in a.ratings.axes)])
    for r, group in enumerate(a.ratings.groups, start=2):
        put(raw, r, 1, group)
        for c in range(len(a.ratings.axes)):
            v = a.ratings.values[r - 2, c]
            if v == v:  # not NaN
                put(raw, r, c + 2, float(v), "0.0#")
    raw.freeze_panes = "B2"
    _widths(raw, [20] + [16] * len(a.ratings.axes))

    # Settings: the workshop, the scale and every threshold the labels used.
    st = wb.create_sheet(a.t("sheet_settings"))
    tt = THRESHOLD_TEXT[lang]
    _header(st, 1, [a.t("setting"), a.t("value"), tt["scaled_column"]])
    scale = a.summary.scale
    rows: list[tuple[str, object, object]] = [
        (a.t("title"), a.title, None),
        (a.t("date"), a.date, None),
        (a.t("place"), a.place, None),
        (a.t("federation"), a.federation, None),
        (a.t("groups"), a.n_groups, None),
        (a.t("scale_min"), scale.min, None),
        (a.t("scale_max"), scale.max, None),
        (a.t("scale_step"), scale.step, None),
    ]
    rows += _threshold_rows(a)
    for s in a.summary.axes:
        if s.overridden:
            rule = (s.rule_interpretation or s.interpretation).text(lang)
            rows.append((f"{a.t('override', axis=s.axis.name(lang))} ({a.t('rule_label')}: {rule})",
                         s.interpretation.text(lang), None))
    for r, (key, value, scaled) in enumerate(rows, start=2):
        put(st, r, 1, key)
        fmt = "0" if isinstance(value, int) else "0.0##"
        put(st, r, 2, value, fmt)
        if scaled is not None:
            put(st, r, 3, scaled, "0" if isinstance(scaled, int) else "0.0##")
    _widths(st, [72, 36, 16])

    for sheet in (ws, raw, st):
        sheet.sheet_view.zoomScale = 110
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
