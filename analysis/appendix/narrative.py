"""A first draft of the text an analyst writes under the table, from the labels and the means.

The draft is a starting point for the secretary, who may rewrite it; `parse_narrative` reads the edited
text back (`## ` headings, `- ` bullets, blank lines between paragraphs). Axis names are marked `**like
this**`; every renderer turns that one piece of markup into bold (or leaves it as is in Markdown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from analysis.formatting import format_mean, format_value
from analysis.statistics.labels import Interpretation, Spread
from analysis.statistics.summary import AxisSummary, ProfileSummary


@dataclass(frozen=True)
class Block:
    """A paragraph, or one bullet point when `bullet` is set."""

    text: str
    bullet: bool = False


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


HIGH = (Interpretation.HIGH, Interpretation.MOSTLY_HIGH, Interpretation.FAIRLY_HIGH)
MIDDLE = (Interpretation.MEDIUM, Interpretation.MEDIUM_LOWER)
LOW = (Interpretation.LOW_MEDIUM, Interpretation.CLEARLY_LOW)
SPLIT = (Interpretation.POLARISED, Interpretation.DISAGREEMENT)

_NUMBER_WORDS = {
    "sv": ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
}

# Every sentence the draft can contain, in both languages; {placeholders} are filled per workshop.
TEXT: dict[str, dict[str, str]] = {
    "sv": {
        "h_agree_high": "Tydlig samsyn och höga skattningar",
        "h_agree": "Tydlig samsyn",
        "h_high": "Högt skattade axlar",
        "h_middle": "Mellannivå",
        "h_low": "Lägst skattat",
        "h_split": "Delade meningar",
        "h_overall": "Samlad bild",
        "agree_high": "Grupperna är påfallande eniga om {list}: skattningarna ligger tätt samlade på en hög nivå.",
        "agree_mid": "Grupperna är påfallande eniga om {list}: skattningarna ligger tätt samlade kring mitten av skalan.",
        "agree_low": "Grupperna är påfallande eniga om {list}: skattningarna ligger tätt samlade på en låg nivå.",
        "agree_high_one": "Det är den del av profilen som grupperna tydligast står bakom.",
        "agree_high_many": "Det är de delar av profilen som grupperna tydligast står bakom.",
        "high_all": "{also}{list} får höga skattningar.",
        "high_some": "{also}{list} ligger relativt högt.",
        "also": "Även ",
        "high_share": "På {name} ger {k} av {n} grupper minst {value}.",
        "high_follow": "De ses alltså som viktiga, men inte lika entydigt.",
        "high_follow_one": "Den ses alltså som viktig, men inte lika entydigt.",
        "middle": "{list} hamnar kring mitten av skalan.",
        "middle_lower": "{list} hamnar något under mitten av skalan.",
        "middle_follow": "Grupperna ser en viss roll här, men ingen tyngdpunkt.",
        "low_one": "Lägst hamnar {first}.",
        "low_many": "Lägst hamnar {first}, följt av {rest}.",
        "low_follow": "Det tyder på en återhållsamhet: det här är inte vad grupperna i första hand vill se.",
        "wide": "Skattningarna för {name} varierar dock mycket, från {lo} till {hi}.",
        "polarised": "På {name} delar sig grupperna i två läger: {side_a} och {side_b}. Medelvärdet {mean} "
                     "beskriver därför ingen av dem väl och bör läsas med försiktighet.",
        "side": "{count} vid {values}",
        "disagreement": "{name} har stor spridning: skattningarna sträcker sig från {lo} till {hi} utan att samlas "
                        "kring någon nivå. Grupperna tycks ha olika bilder av vad axeln ska innebära.",
        "split_follow": "Här kan det vara värt att fortsätta samtalet.",
        "group_one": "en grupp",
        "group_many": "{n} grupper",
        "mean": "medel {mean}",
        "based_on": "svar från {n} av {total} grupper",
        "and": "och",
        "overall_count": "{groups} har skattat {axes}.",
        "overall_none": "Ingen grupp har skattat något än.",
        "groups_word_one": "En grupp",
        "groups_word": "{n} grupper",
        "axes_word_one": "en axel",
        "axes_word": "{n} axlar",
        "overall_profile": "Helheten pekar mot en profil där {top} väger tyngst, medan {bottom} väger lättast.",
        "overall_top": "Helheten pekar mot en profil där {top} väger tyngst.",
        "overall_bottom": "Helheten pekar mot en profil där {bottom} väger lättast.",
        "overall_flat": "Ingen axel sticker ut åt något håll; skattningarna ligger i huvudsak kring mitten av skalan.",
        "b_top": "Väger tyngst: {list}",
        "b_bottom": "Väger lättast: {list}",
        "b_split": "Delade meningar: {list}",
        "too_few": "För {list} finns för få svar för att dra slutsatser (minst {min_n} behövs).",
        "too_few_all": "Underlaget räcker inte för en samlad bild: ingen axel har fått minst {min_n} svar.",
        "tally_both": "Skattningarna visar stark samsyn på {agree} av {total} axlar och delade meningar på {split}.",
        "tally_agree": "Skattningarna visar stark samsyn på {agree} av {total} axlar.",
        "tally_split": "Skattningarna visar delade meningar på {split} av {total} axlar.",
    },
    "en": {
        "h_agree_high": "Clear agreement and high ratings",
        "h_agree": "Clear agreement",
        "h_high": "Highly rated axes",
        "h_middle": "Middle ground",
        "h_low": "Rated lowest",
        "h_split": "Divided views",
        "h_overall": "Overall picture",
        "agree_high": "The groups are strikingly united on {list}: the ratings sit close together at a high level.",
        "agree_mid": "The groups are strikingly united on {list}: the ratings sit close together around the middle "
                     "of the scale.",
        "agree_low": "The groups are strikingly united on {list}: the ratings sit close together at a low level.",
        "agree_high_one": "This is the part of the profile the groups stand behind most clearly.",
        "agree_high_many": "These are the parts of the profile the groups stand behind most clearly.",
        "high_all": "High ratings {also}go to {list}.",
        "high_some": "Fairly high ratings {also}go to {list}.",
        "also": "also ",
        "high_share": "On {name}, {k} of {n} groups give at least {value}.",
        "high_follow": "They are seen as important, though less unanimously.",
        "high_follow_one": "It is seen as important, though less unanimously.",
        "middle": "The ratings for {list} land around the middle of the scale.",
        "middle_lower": "The ratings for {list} land somewhat below the middle of the scale.",
        "middle_follow": "The groups see some role here, but not a main emphasis.",
        "low_one": "Lowest of all is {first}.",
        "low_many": "Lowest of all is {first}, followed by {rest}.",
        "low_follow": "This suggests restraint: these are not what the groups primarily want to see.",
        "low_follow_one": "This suggests restraint: it is not what the groups primarily want to see.",
        "wide": "The ratings for {name} vary a lot, though, from {lo} to {hi}.",
        "polarised": "On {name} the groups fall into two camps: {side_a} and {side_b}. The mean of {mean} "
                     "therefore describes neither well and should be read with care.",
        "side": "{count} at {values}",
        "disagreement": "{name} is widely spread: the ratings run from {lo} to {hi} without gathering around any "
                        "level. The groups seem to picture this axis differently.",
        "split_follow": "These may be worth discussing further.",
        "group_one": "one group",
        "group_many": "{n} groups",
        "mean": "mean {mean}",
        "based_on": "answers from {n} of {total} groups",
        "and": "and",
        "overall_count": "{groups} rated {axes}.",
        "overall_none": "No group has rated anything yet.",
        "groups_word_one": "One group",
        "groups_word": "{n} groups",
        "axes_word_one": "one axis",
        "axes_word": "{n} axes",
        "overall_profile": "Taken together, the profile leans on {top}, while giving the least weight to {bottom}.",
        "overall_top": "Taken together, the profile leans on {top}.",
        "overall_bottom": "Taken together, the profile gives the least weight to {bottom}.",
        "overall_flat": "No axis stands out either way; the ratings mostly sit around the middle of the scale.",
        "b_top": "Weighs most: {list}",
        "b_bottom": "Weighs least: {list}",
        "b_split": "Divided views: {list}",
        "too_few": "{list} received too few answers to draw conclusions (at least {min_n} are needed).",
        "too_few_all": "There is not enough to go on for an overall picture: no axis received at least {min_n} "
                       "answers.",
        "tally_both": "The ratings show strong consensus on {agree} of the {total} axes and divided views on {split}.",
        "tally_agree": "The ratings show strong consensus on {agree} of the {total} axes.",
        "tally_split": "The ratings show divided views on {split} of the {total} axes.",
    },
}


def number_word(n: int, lang: str) -> str:
    words = _NUMBER_WORDS[lang]
    return words[n] if 0 <= n < len(words) else str(n)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def bold(text: str) -> str:
    """Mark `text` bold; stray asterisks pairs in a name are dropped so the markup stays balanced."""
    return f"**{text.replace('**', '')}**"


def join_words(items: Sequence[str], lang: str) -> str:
    """'A', 'A och B', 'A, B och C' (English: 'A, B and C')."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {TEXT[lang]['and']} " + items[-1]


def _mean(a: AxisSummary, lang: str) -> str:
    return format_mean(a.mean_exact if a.mean_exact is not None else a.mean, lang)


def _named(a: AxisSummary, lang: str, with_mean: bool = True) -> str:
    """'**Finansiera** (medel 4,75)', with '3 av 4 grupper' when some groups skipped the axis."""
    t = TEXT[lang]
    name = bold(a.axis.name(lang))
    notes = []
    if with_mean and a.mean is not None:
        notes.append(t["mean"].format(mean=_mean(a, lang)))
    if a.has_missing:
        notes.append(t["based_on"].format(n=number_word(a.n, lang), total=number_word(len(a.group_names), lang)))
    return f"{name} ({', '.join(notes)})" if notes else name


def _groups(n: int, lang: str) -> str:
    t = TEXT[lang]
    return t["group_one"] if n == 1 else t["group_many"].format(n=number_word(n, lang))


def _value_span(values: Sequence[float], lang: str) -> str:
    lo, hi = min(values), max(values)
    return format_value(lo, lang) if lo == hi else f"{format_value(lo, lang)}–{format_value(hi, lang)}"


def polar_sides(a: AxisSummary) -> tuple[list[float], list[float]]:
    """The ratings below and above the largest gap (the most even split among equal gaps)."""
    present = sorted(v for v in a.values if v is not None)
    if len(present) < 2:
        return present, []
    best, best_key = 1, (-1.0, -1)
    for i in range(1, len(present)):
        gap = present[i] - present[i - 1]
        key = (round(gap, 9), min(i, len(present) - i))
        if key > best_key:
            best, best_key = i, key
    return present[:best], present[best:]


def _wide_notes(axes: Iterable[AxisSummary], lang: str) -> list[str]:
    t = TEXT[lang]
    return [
        t["wide"].format(name=bold(a.axis.name(lang)), lo=format_value(a.min, lang), hi=format_value(a.max, lang))
        for a in axes
        if a.spread is Spread.HIGH and a.min is not None and a.max is not None
    ]


def draft_narrative(summary: ProfileSummary, lang: str = "sv") -> list[Section]:
    """Sections an analyst would write: agreement and high, middle, lowest, divided views, overall picture.

    Empty groups are left out; labels come from the summary as shown (so a facilitator's override counts).
    """
    if lang not in TEXT:
        raise ValueError(f"lang must be 'sv' or 'en', got {lang!r}")
    t = TEXT[lang]
    th = summary.thresholds.for_scale(summary.scale)
    axes = list(summary.axes)

    def by_mean(items: Iterable[AxisSummary], reverse: bool = True) -> list[AxisSummary]:
        return sorted(items, key=lambda a: (a.mean if a.mean is not None else 0.0), reverse=reverse)

    agree = by_mean(a for a in axes if a.interpretation is Interpretation.STRONG_CONSENSUS)
    high = by_mean(a for a in axes if a.interpretation in HIGH)
    middle = by_mean(a for a in axes if a.interpretation in MIDDLE)
    low = by_mean((a for a in axes if a.interpretation in LOW), reverse=False)
    split = [a for a in axes if a.interpretation in SPLIT]
    too_few = [a for a in axes if a.interpretation is Interpretation.TOO_FEW]

    def level(a: AxisSummary) -> str:
        m = a.mean if a.mean is not None else th.medium
        return "high" if m >= th.fairly_high - 1e-9 else "low" if m < th.medium_lower - 1e-9 else "mid"

    sections: list[Section] = []

    # Agreement and the high ones.
    blocks: list[Block] = []
    for lvl in ("high", "mid", "low"):
        group = [a for a in agree if level(a) == lvl]
        if group:
            sentence = t[f"agree_{lvl}"].format(list=join_words([_named(a, lang) for a in group], lang))
            if lvl == "high":
                sentence += " " + t["agree_high_one" if len(group) == 1 else "agree_high_many"]
            blocks.append(Block(sentence))
    if high:
        key = "high_all" if all(a.interpretation is Interpretation.HIGH for a in high) else "high_some"
        sentence = _cap(t[key].format(also=t["also"] if agree else "",
                                      list=join_words([_named(a, lang) for a in high], lang)))
        mostly = [a for a in high if a.interpretation is Interpretation.MOSTLY_HIGH and a.share_high is not None]
        for a in mostly:
            k = round(a.share_high * a.n)
            sentence += " " + t["high_share"].format(
                name=bold(a.axis.name(lang)), k=number_word(k, lang), n=number_word(a.n, lang),
                value=format_value(th.high, lang))
        if agree:
            sentence += " " + t["high_follow_one" if len(high) == 1 else "high_follow"]
        sentence = " ".join([sentence, *_wide_notes(high, lang)])
        blocks.append(Block(sentence))
    if blocks:
        heading = t["h_agree_high"] if agree and high else t["h_agree"] if agree else t["h_high"]
        sections.append(Section(heading, tuple(blocks)))

    # The middle.
    if middle:
        parts = []
        around = [a for a in middle if a.interpretation is Interpretation.MEDIUM]
        below = [a for a in middle if a.interpretation is Interpretation.MEDIUM_LOWER]
        for key, group in (("middle", around), ("middle_lower", below)):
            if group:
                parts.append(_cap(t[key].format(list=join_words([_named(a, lang) for a in group], lang))))
        parts.append(t["middle_follow"])
        parts.extend(_wide_notes(middle, lang))
        sections.append(Section(t["h_middle"], (Block(" ".join(parts)),)))

    # The lowest.
    if low:
        first = _named(low[0], lang)
        if len(low) == 1:
            sentence = t["low_one"].format(first=first)
        else:
            sentence = t["low_many"].format(first=first, rest=join_words([_named(a, lang) for a in low[1:]], lang))
        parts = [sentence, t.get("low_follow_one" if len(low) == 1 else "low_follow", t["low_follow"]),
                 *_wide_notes(low, lang)]
        sections.append(Section(t["h_low"], (Block(" ".join(parts)),)))

    # Divided views.
    if split:
        blocks = []
        for a in split:
            if a.interpretation is Interpretation.POLARISED:
                lower, upper = polar_sides(a)
                sides = [t["side"].format(count=_groups(len(s), lang), values=_value_span(s, lang))
                         for s in (upper, lower) if s]
                if len(sides) < 2:
                    sides.append("–")
                blocks.append(Block(t["polarised"].format(
                    name=_named(a, lang, with_mean=False), side_a=sides[0], side_b=sides[1], mean=_mean(a, lang))))
            else:
                blocks.append(Block(_cap(t["disagreement"].format(
                    name=_named(a, lang, with_mean=False), lo=format_value(a.min, lang),
                    hi=format_value(a.max, lang)))))
        blocks.append(Block(t["split_follow"]))
        sections.append(Section(t["h_split"], tuple(blocks)))

    # The overall picture.
    blocks = []
    n_groups, n_axes = len(summary.groups), len(axes)
    groups_word = t["groups_word_one"] if n_groups == 1 else _cap(t["groups_word"].format(n=number_word(n_groups, lang)))
    axes_word = t["axes_word_one"] if n_axes == 1 else t["axes_word"].format(n=number_word(n_axes, lang))
    count_sentence = t["overall_count"].format(groups=groups_word, axes=axes_word) if n_groups else t["overall_none"]
    if too_few and len(too_few) == n_axes:
        blocks.append(Block(count_sentence + " " + t["too_few_all"].format(min_n=number_word(th.min_n, lang))))
        sections.append(Section(t["h_overall"], tuple(blocks)))
        return sections
    top = by_mean([a for a in agree if level(a) == "high"] + high)
    bottom = by_mean(low + [a for a in agree if level(a) == "low"], reverse=False)
    names = lambda items: join_words([bold(a.axis.name(lang)) for a in items], lang)  # noqa: E731
    if top and bottom:
        picture = t["overall_profile"].format(top=names(top), bottom=names(bottom))
    elif top:
        picture = t["overall_top"].format(top=names(top))
    elif bottom:
        picture = t["overall_bottom"].format(bottom=names(bottom))
    else:
        picture = t["overall_flat"]
    rated = n_axes - len(too_few)
    tally_key = "tally_both" if agree and split else "tally_agree" if agree else "tally_split" if split else ""
    tally = t[tally_key].format(agree=number_word(len(agree), lang), split=number_word(len(split), lang),
                                total=number_word(rated, lang)) if tally_key and rated > 1 else ""
    blocks.append(Block(" ".join(p for p in (count_sentence, picture, tally) if p)))
    if top:
        blocks.append(Block(t["b_top"].format(list=names(top)), bullet=True))
    if bottom:
        blocks.append(Block(t["b_bottom"].format(list=names(bottom)), bullet=True))
    if split:
        blocks.append(Block(t["b_split"].format(list=names(split)), bullet=True))
    if too_few:
        blocks.append(Block(_cap(t["too_few"].format(list=join_words([_named(a, lang) for a in too_few], lang),
                                                     min_n=number_word(th.min_n, lang)))))
    sections.append(Section(t["h_overall"], tuple(blocks)))
    return sections


# --- The secretary's edited text ----------------------------------------------------------------

_BULLET = re.compile(r"^\s*[-*•]\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")


def parse_narrative(text: str) -> list[Section]:
    """Sections from plain text: `## ` starts a section, `- ` a bullet, a blank line ends a paragraph.

    Text before the first heading becomes a section without a heading.
    """
    sections: list[Section] = []
    heading: str | None = None
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append(Block(" ".join(paragraph)))
            paragraph.clear()

    def flush_section() -> None:
        flush_paragraph()
        if heading is not None or blocks:
            sections.append(Section(heading or "", tuple(blocks)))

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush_paragraph()
        elif _HEADING.match(line) and not line.startswith("#" * 7):
            flush_section()
            heading, blocks = _HEADING.sub("", line).strip(), []
        elif _BULLET.match(line) and not line.startswith("**"):
            flush_paragraph()
            blocks.append(Block(_BULLET.sub("", line).strip(), bullet=True))
        elif blocks and blocks[-1].bullet and not paragraph and raw[:1] in (" ", "\t"):
            blocks[-1] = Block(blocks[-1].text + " " + line, bullet=True)  # a bullet continued on the next line
        else:
            paragraph.append(line)
    flush_section()
    return sections


def narrative_text(sections: Sequence[Section] | Any) -> str:
    """The sections (or an appendix's narrative) as the plain text `parse_narrative` reads, for editing."""
    if hasattr(sections, "narrative"):
        sections = sections.narrative
    out: list[str] = []
    for s in sections:
        if s.heading:
            out.append(f"## {s.heading}")
            out.append("")
        previous_bullet = False
        for b in s.blocks:
            if b.bullet:
                out.append(f"- {b.text}")
            else:
                if previous_bullet:
                    out.append("")
                out.append(b.text)
                out.append("")
            previous_bullet = b.bullet
        if previous_bullet:
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n" if out else ""


def spans(text: str) -> list[tuple[str, bool]]:
    """Split `**bold**` markup into (text, is_bold) runs; an unmatched `**` is kept as text."""
    parts = text.split("**")
    if len(parts) % 2 == 0:  # odd number of markers: the last one has no partner
        parts = parts[:-2] + [parts[-2] + "**" + parts[-1]]
    runs = [(p, i % 2 == 1) for i, p in enumerate(parts) if p]
    return runs


def plain(text: str) -> str:
    """The text without the bold markup."""
    return "".join(p for p, _ in spans(text))


def summary_blocks(text: str) -> list[Block]:
    """A facilitator's summary (plain text, `- ` bullets, `**bold**`) as blocks, headings kept as paragraphs."""
    blocks: list[Block] = []
    for section in parse_narrative(text):
        if section.heading:
            blocks.append(Block(f"**{section.heading}**"))
        blocks.extend(section.blocks)
    return blocks
