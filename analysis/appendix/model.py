"""The minutes appendix: one value that every format (Word, PDF, Markdown, Excel, CSV, figure) renders.

Building it decides everything that is the same in every format — labels after the facilitator's
overrides, the narrative (the draft or the secretary's text), the discussion answers, comments and the
round comparison — so the renderers in `analysis.appendix.formats` only lay it out.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from analysis.formatting import format_number, format_value
from analysis.statistics.labels import Interpretation, marks_legend
from analysis.model import DEFAULT_THRESHOLDS, LANGS, Axis, Ratings, Thresholds
from analysis.statistics.compare import RoundChanges, compare_rounds
from analysis.workshop import GroupAnswer, Question
from analysis.appendix.narrative import Section, draft_narrative, number_word, parse_narrative
from analysis.statistics.summary import ProfileSummary, summarize
from analysis.statistics.tables import HEADERS, minutes_rows


TEXT: dict[str, dict[str, str]] = {
    "sv": {
        "default_title": "Sammanställning av gruppernas skattningar",
        "date": "Datum",
        "place": "Plats",
        "federation": "Förbund",
        "groups": "Antal grupper",
        "scale": "Skala",
        "scale_value": "{min}–{max} i steg om {step}",
        "ratings_heading": "Gruppernas skattningar",
        "intro_none": "Ingen grupp har skattat axlarna än.",
        "intro_one": "En grupp har skattat axlarna i spindeldiagrammet.",
        "intro": "{n} grupper har var för sig skattat axlarna i spindeldiagrammet.",
        "chart_alt": "Spindeldiagram över gruppernas skattningar",
        "chart_caption": "Spindeldiagram: varje grupp med egen färg, linjetyp och punktform, medelvärdet som tjock "
                         "svart linje med romber och spannet mellan lägsta och högsta skattning skuggat. Saknas en bit "
                         "av en grupps linje vid en axel har gruppen inte skattat den axeln.",
        "reading": "Värden listar skattningarna i gruppordning. Medel är medelvärdet av de svar som finns. "
                   "Spridning bygger på hur långt svaren i snitt ligger från medelvärdet, och Tolkning följer samma "
                   "regler för alla axlar.",
        "narrative_heading": "Analys",
        "questions_heading": "Gruppdiskussion",
        "summary": "Sammanfattning",
        "comments_heading": "Kommentarer per axel",
        "round2_heading": "Omskattning (omgång 2)",
        "round2_intro_one": "Efter diskussionen skattades en axel om.",
        "round2_intro": "Efter diskussionen skattades {n} axlar om.",
        "round2_table": "Omgång 2",
        "comparison_heading": "Jämförelse mellan omgångarna",
        "cmp_axis": "Axel",
        "cmp_mean": "Medel (omgång 1 → 2)",
        "cmp_consensus": "Konsensus (omgång 1 → 2)",
        "cmp_label_1": "Tolkning omgång 1",
        "cmp_label_2": "Tolkning omgång 2",
        "cmp_note": "Konsensus är Tastle och Wiermans mått: 1 när alla grupper ger samma värde, 0 när de "
                    "delar sig jämnt mellan skalans ändar.",
        "footer": "Skapad med Spindeln",
        "page": "Sida {n}",
        "marks": "Tecken i diagrammet",
        # xlsx / csv
        "sheet_summary": "Sammanställning",
        "sheet_ratings": "Skattningar",
        "sheet_settings": "Inställningar",
        "group": "Grupp",
        "setting": "Inställning",
        "value": "Värde",
        "title": "Titel",
        "mean_number": "Medelvärde",
        "rule_label": "Regelns tolkning",
        "scale_min": "Skalans minimum",
        "scale_max": "Skalans maximum",
        "scale_step": "Skalans steg",
        "override": "Tolkning ändrad av processledaren: {axis}",
        "footnotes": "Fotnoter",
    },
    "en": {
        "default_title": "Summary of the groups' ratings",
        "date": "Date",
        "place": "Place",
        "federation": "Federation",
        "groups": "Number of groups",
        "scale": "Scale",
        "scale_value": "{min}–{max} in steps of {step}",
        "ratings_heading": "The groups' ratings",
        "intro_none": "No group has rated the axes yet.",
        "intro_one": "One group rated the axes of the spider diagram.",
        "intro": "{n} groups each rated the axes of the spider diagram.",
        "chart_alt": "Spider diagram of the groups' ratings",
        "chart_caption": "Spider diagram: each group with its own colour, line style and marker, the mean as a thick "
                         "black line with diamonds and the span between the lowest and highest rating shaded. A gap in "
                         "a group's line at an axis means the group did not rate that axis.",
        "reading": "Values lists the ratings in group order. Mean is the average of the answers given. Spread "
                   "reflects how far the answers lie from the mean on average, and Interpretation follows the same "
                   "rules for every axis.",
        "narrative_heading": "Analysis",
        "questions_heading": "Group discussion",
        "summary": "Summary",
        "comments_heading": "Comments per axis",
        "round2_heading": "Re-rating (round 2)",
        "round2_intro_one": "After the discussion, one axis was rated again.",
        "round2_intro": "After the discussion, {n} axes were rated again.",
        "round2_table": "Round 2",
        "comparison_heading": "Comparison of the rounds",
        "cmp_axis": "Axis",
        "cmp_mean": "Mean (round 1 → 2)",
        "cmp_consensus": "Consensus (round 1 → 2)",
        "cmp_label_1": "Interpretation round 1",
        "cmp_label_2": "Interpretation round 2",
        "cmp_note": "Consensus is Tastle and Wierman's measure: 1 when every group gives the same value, 0 when they "
                    "split evenly between the ends of the scale.",
        "footer": "Created with Spindeln",
        "page": "Page {n}",
        "marks": "Marks in the diagram",
        "sheet_summary": "Summary",
        "sheet_ratings": "Ratings",
        "sheet_settings": "Settings",
        "group": "Group",
        "setting": "Setting",
        "value": "Value",
        "title": "Title",
        "mean_number": "Mean (number)",
        "rule_label": "Interpretation by the rules",
        "scale_min": "Scale minimum",
        "scale_max": "Scale maximum",
        "scale_step": "Scale step",
        "override": "Interpretation changed by the facilitator: {axis}",
        "footnotes": "Footnotes",
    },
}


@dataclass(frozen=True)
class AxisComments:
    name: str                       # the axis name in the appendix's language
    comments: tuple[tuple[str, str], ...]  # (group, text)
    axis: Axis | None = None


@dataclass(frozen=True, eq=False)
class Round:
    ratings: Ratings
    summary: ProfileSummary
    changes: RoundChanges


@dataclass(frozen=True, eq=False)
class Appendix:
    title: str
    date: str
    place: str
    federation: str
    lang: str
    ratings: Ratings
    summary: ProfileSummary
    narrative: tuple[Section, ...] = ()
    questions: tuple[Question, ...] = ()
    comments: tuple[AxisComments, ...] = ()
    round2: Round | None = None
    narrative_edited: bool = False
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def n_groups(self) -> int:
        return len(self.ratings.groups)

    @property
    def thresholds(self) -> Thresholds:
        return self.summary.thresholds

    def t(self, key: str, **params: Any) -> str:
        text = TEXT[self.lang][key]
        return text.format(**params) if params else text

    def number(self, x: float | None, decimals: int = 2) -> str:
        return format_number(x, decimals, self.lang)

    def meta(self) -> list[tuple[str, str]]:
        """The header lines of the appendix: date, place, federation, groups, scale (empty ones left out)."""
        scale = self.summary.scale
        rows = [
            (self.t("date"), self.date),
            (self.t("place"), self.place),
            (self.t("federation"), self.federation),
            (self.t("groups"), str(self.n_groups)),
            (self.t("scale"), self.t("scale_value", min=format_value(scale.min, self.lang),
                                     max=format_value(scale.max, self.lang),
                                     step=format_value(scale.step, self.lang))),
        ]
        return [(k, v) for k, v in rows if v]

    def intro(self) -> str:
        if self.n_groups == 0:
            return self.t("intro_none")
        if self.n_groups == 1:
            return self.t("intro_one")
        return self.t("intro", n=_cap(number_word(self.n_groups, self.lang)))

    def table_header(self) -> tuple[str, ...]:
        return HEADERS[self.lang]

    def table_rows(self) -> list[tuple[str, str, str, str, str]]:
        return minutes_rows(self.summary, self.lang)

    def footnotes(self) -> list[str]:
        return self.summary.footnotes(self.lang)

    def marks_legend(self) -> str:
        """'✔ Stark samsyn · ⇄ Polariserat': the marks the diagram's axis labels carry, when any do."""
        return marks_legend([a.interpretation for a in self.summary.axes], self.lang)

    def comparison_header(self) -> tuple[str, ...]:
        return tuple(self.t(k) for k in ("cmp_axis", "cmp_mean", "cmp_consensus", "cmp_label_1", "cmp_label_2"))

    def comparison_rows(self) -> list[tuple[str, str, str, str, str]]:
        if self.round2 is None:
            return []
        rows = []
        for c in self.round2.changes:
            b, a = c.round1, c.round2
            rows.append((
                c.axis.name(self.lang),
                f"{b.mean_text(self.lang) if b else '–'} → {a.mean_text(self.lang)}",
                f"{self.number(b.consensus) if b else '–'} → {self.number(a.consensus)}",
                b.interpretation_text(self.lang) if b else "–",
                a.interpretation_text(self.lang),
            ))
        return rows

    def round2_intro(self) -> str:
        if self.round2 is None:
            return ""
        n = len(self.round2.summary.axes)
        return self.t("round2_intro_one") if n == 1 else self.t("round2_intro", n=number_word(n, self.lang))

    def chart_png(self, dpi: int = 200) -> bytes:
        """The radar as PNG, drawn once per appendix and shared by the Word and PDF files."""
        key = ("png", dpi)
        if key not in self._cache:
            from analysis.figures.print_chart import radar_png

            self._cache[key] = radar_png(self.summary, self.ratings, self.lang, dpi=dpi)
        return self._cache[key]

    def chart_svg(self) -> bytes:
        if "svg" not in self._cache:
            from analysis.figures.print_chart import radar_svg

            self._cache["svg"] = radar_svg(self.summary, self.ratings, self.lang)
        return self._cache["svg"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _points(value: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        lines = [line.strip() for line in value.splitlines()]
        return tuple(line[2:].strip() if line[:2] in ("- ", "* ", "• ") else line for line in lines if line)
    return tuple(str(p).strip() for p in value if str(p).strip())


def _question(q: Question | Mapping[str, Any] | Sequence[Any]) -> Question:
    if isinstance(q, Question):
        text, answers, summary, description = q.text, q.answers, q.summary, q.description
    elif isinstance(q, Mapping):
        text, answers = q.get("text", ""), q.get("answers", ())
        summary, description = q.get("summary", "") or "", q.get("description", "") or ""
    else:
        items = list(q)
        text = items[0] if items else ""
        answers = items[1] if len(items) > 1 else ()
        summary = items[2] if len(items) > 2 else ""
        description = items[3] if len(items) > 3 else ""
    if isinstance(answers, Mapping):
        answers = list(answers.items())
    out = []
    for a in answers or ():
        group, points = (a.group, a.points) if isinstance(a, GroupAnswer) else a
        pts = _points(points)
        if pts:
            out.append(GroupAnswer(str(group), pts))
    return Question(str(text).strip(), tuple(out), str(summary or "").strip(), str(description or "").strip())


def find_axis(axes: Sequence[Axis], key: str) -> Axis | None:
    folded = key.strip().casefold()
    for a in axes:
        if folded in (a.key.casefold(), a.name_sv.casefold(), a.name_en.casefold()):
            return a
    return None


def _comments(comments: Mapping[str, Sequence[tuple[str, str]]] | None, axes: Sequence[Axis], lang: str
              ) -> tuple[AxisComments, ...]:
    if not comments:
        return ()
    found: dict[str, AxisComments] = {}
    unknown: list[AxisComments] = []
    for key, items in comments.items():
        pairs = tuple((str(g).strip(), str(t).strip()) for g, t in items if str(t).strip())
        if not pairs:
            continue
        axis = find_axis(axes, key)
        if axis is None:
            unknown.append(AxisComments(str(key), pairs))
        elif axis.key in found:
            prev = found[axis.key]
            found[axis.key] = AxisComments(prev.name, prev.comments + pairs, axis)
        else:
            found[axis.key] = AxisComments(axis.name(lang), pairs, axis)
    return tuple(found[a.key] for a in axes if a.key in found) + tuple(unknown)


def _round2(round1: ProfileSummary, ratings: Ratings, thresholds: Thresholds,
            overrides: Mapping[str, Interpretation | str] | None) -> Round:
    summary = summarize(ratings, thresholds)
    if overrides:
        summary = summary.with_overrides(overrides)
    return Round(ratings, summary, compare_rounds(round1, summary, all_of_round2=True))


def build_appendix(
    ratings: Ratings,
    *,
    title: str,
    date: str | _dt.date = "",
    place: str = "",
    federation: str = "",
    lang: str = "sv",
    overrides: Mapping[str, Interpretation | str] | None = None,
    narrative: str | Sequence[Section] | None = None,
    questions: Sequence[Question | Mapping[str, Any] | Sequence[Any]] = (),
    comments: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    round2: Ratings | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    summary: ProfileSummary | None = None,
    round2_overrides: Mapping[str, Interpretation | str] | None = None,
) -> Appendix:
    """Everything the appendix shows, in one language.

    `narrative` is the secretary's edited text (plain text with `## ` headings and `- ` bullets, or
    sections); None means the draft from the labels; an empty string means no narrative at all.
    `summary` may be passed when the caller already has it (overrides are applied on top).
    `comments` maps an axis key or name to (group, text) pairs.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    if summary is None:
        summary = summarize(ratings, thresholds)
    if overrides:
        summary = summary.with_overrides(overrides)
    if narrative is None:
        sections, edited = tuple(draft_narrative(summary, lang)), False
    elif isinstance(narrative, str):
        sections, edited = tuple(parse_narrative(narrative)), True
    else:
        sections, edited = tuple(narrative), True
    if isinstance(date, (_dt.date, _dt.datetime)):
        date = date.isoformat()
    return Appendix(
        title=(title or "").strip() or TEXT[lang]["default_title"],
        date=str(date or "").strip(),
        place=(place or "").strip(),
        federation=(federation or "").strip(),
        lang=lang,
        ratings=ratings,
        summary=summary,
        narrative=sections,
        questions=tuple(q for q in (_question(q) for q in questions) if q.text or q.answers or q.summary),
        comments=_comments(comments, ratings.axes, lang),
        round2=_round2(summary, round2, summary.thresholds, round2_overrides) if round2 is not None else None,
        narrative_edited=edited,
    )
