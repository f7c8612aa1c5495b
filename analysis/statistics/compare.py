"""Comparing summaries: several workshops on their shared axes, the member parties, and two rounds.

All comparisons match axes by key, never by position, so a workshop that skipped or added an axis is
compared on what it shares with the others, and the left-out axes are named rather than silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping, Sequence

import numpy as np

from analysis.formatting import format_mean, format_number
from analysis.statistics.tables import YES_NO
from analysis.statistics.labels import Interpretation
from analysis.model import DEFAULT_THRESHOLDS, Axis, Ratings, Thresholds
from analysis.statistics.summary import AxisSummary, ProfileSummary, summarize

Profiles = Sequence[tuple[str, ProfileSummary]]

#: The member parties of a coordination federation (samordningsförbund), in the order of the law.
PARTIES: tuple[str, ...] = ("kommun", "region", "forsakringskassan", "arbetsformedlingen")
PARTY_NAMES = {
    "sv": {"kommun": "Kommun", "region": "Region", "forsakringskassan": "Försäkringskassan",
           "arbetsformedlingen": "Arbetsförmedlingen"},
    "en": {"kommun": "Municipality", "region": "Region", "forsakringskassan": "Social Insurance Agency",
           "arbetsformedlingen": "Public Employment Service"},
}

def party_name(party: str, lang: str = "sv") -> str:
    return PARTY_NAMES[lang][party]


def check_comparable(profiles: Profiles) -> None:
    if not profiles:
        raise ValueError("nothing to compare: no profiles given")
    names = [name for name, _ in profiles]
    if len(set(names)) != len(names):
        raise ValueError(f"workshop names must be unique, got {names}")
    scales = {p.scale for _, p in profiles}
    if len(scales) > 1:
        specs = ", ".join(sorted(s.spec for s in scales))
        raise ValueError(f"means on different scales ({specs}) cannot be compared")


def shared_axes(profiles: Profiles, lang: str = "sv") -> tuple[list[str], dict[str, list[str]]]:
    """Keys of the axes every profile has, in the first profile's order, and what each profile loses.

    The second item maps a workshop's name to the names of its axes outside the shared set; workshops
    that lose nothing are not in it, so an empty dict means every axis is compared.
    """
    if not profiles:
        return [], {}
    keysets = [{a.axis.key for a in p.axes} for _, p in profiles]
    common = set.intersection(*keysets)
    shared = [a.axis.key for a in profiles[0][1].axes if a.axis.key in common]
    left_out = {
        name: [a.axis.name(lang) for a in p.axes if a.axis.key not in common] for name, p in profiles
    }
    return shared, {name: axes for name, axes in left_out.items() if axes}


def _diff(a: AxisSummary, b: AxisSummary) -> Fraction | None:
    """b − a on exact means, so 3,6 − 3,6 is zero and not 4e-16."""
    if a.mean_exact is None or b.mean_exact is None:
        return None
    return b.mean_exact - a.mean_exact


def format_difference(x: Fraction | float | None, lang: str = "sv") -> str:
    """A signed difference: +0,25 · -0,50 · 0,00."""
    if x is None:
        return "–"
    text = format_number(float(x), 2, lang)
    return "+" + text if x > 0 and text.strip("0,.") else text


@dataclass(frozen=True)
class ComparisonRow:
    """One shared axis across the workshops, in the order they were given."""

    axis: Axis
    cells: tuple[AxisSummary, ...]
    difference: Fraction | None          # last − first, on exact means
    steps: tuple[Fraction | None, ...]   # second − first, third − second, …
    label_changed: bool

    @property
    def means(self) -> tuple[float | None, ...]:
        return tuple(c.mean for c in self.cells)

    @property
    def ns(self) -> tuple[int, ...]:
        return tuple(c.n for c in self.cells)

    @property
    def labels(self) -> tuple[Interpretation, ...]:
        return tuple(c.interpretation for c in self.cells)


@dataclass(frozen=True)
class Comparison:
    names: tuple[str, ...]
    rows: tuple[ComparisonRow, ...]
    left_out_axes: dict[str, tuple[Axis, ...]]  # only workshops that lose an axis
    lang: str = "sv"

    @property
    def left_out(self) -> dict[str, list[str]]:
        """Workshop name → names of its axes outside the comparison, in the comparison's language."""
        return {name: [a.name(self.lang) for a in axes] for name, axes in self.left_out_axes.items()}

    def notes(self, lang: str | None = None) -> list[str]:
        """One plain sentence per workshop whose axes were left out of the comparison."""
        lang = lang or self.lang
        out = []
        for name, axes in self.left_out_axes.items():
            listed = ", ".join(a.name(lang) for a in axes)
            if lang == "en":
                out.append(f"Left out of the comparison for {name} (not rated in every workshop): {listed}.")
            else:
                out.append(f"Utelämnat ur jämförelsen för {name} (bedömdes inte i alla workshoppar): {listed}.")
        return out

    def headers(self, lang: str | None = None) -> tuple[str, ...]:
        lang = lang or self.lang
        en = lang == "en"
        head = ["Axis" if en else "Axel"]
        for name in self.names:
            head += [f"{name}: {'mean' if en else 'medel'}", f"{name}: n",
                     f"{name}: {'interpretation' if en else 'tolkning'}"]
        if len(self.names) > 2:
            head += [f"{b} − {a}" for a, b in zip(self.names, self.names[1:])]
        if len(self.names) > 1:
            head.append(f"{'Difference' if en else 'Skillnad'} ({self.names[-1]} − {self.names[0]})")
            head.append("Interpretation changed" if en else "Tolkning ändrad")
        return tuple(head)

    def to_rows(self, lang: str | None = None) -> list[tuple[str, ...]]:
        """Header row first, then one row per shared axis, numbers as the minutes write them."""
        headers, rows = self.table(lang)
        return [headers, *rows]

    def table(self, lang: str | None = None) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        """(headers, rows) for a data frame: `pd.DataFrame(rows, columns=headers)`."""
        lang = lang or self.lang
        yes, no = YES_NO[lang]
        rows = []
        for r in self.rows:
            row = [r.axis.name(lang)]
            for c in r.cells:
                row += [format_mean(c.mean_exact, lang), str(c.n), c.interpretation_text(lang)]
            if len(self.names) > 2:
                row += [format_difference(s, lang) for s in r.steps]
            if len(self.names) > 1:
                row += [format_difference(r.difference, lang), yes if r.label_changed else no]
            rows.append(tuple(row))
        return self.headers(lang), rows


def compare_profiles(profiles: Profiles, lang: str = "sv") -> Comparison:
    """Workshops side by side on their shared axes; profiles must share a scale and have unique names."""
    check_comparable(profiles)
    shared, _ = shared_axes(profiles, lang)
    common = set(shared)
    rows = []
    for key in shared:
        cells = tuple(p.axis(key) for _, p in profiles)
        steps = tuple(_diff(a, b) for a, b in zip(cells, cells[1:]))
        labels = {c.interpretation for c in cells}
        rows.append(ComparisonRow(
            axis=cells[0].axis, cells=cells, difference=_diff(cells[0], cells[-1]) if len(cells) > 1 else None,
            steps=steps, label_changed=len(labels) > 1,
        ))
    return Comparison(
        names=tuple(name for name, _ in profiles), rows=tuple(rows), lang=lang,
        left_out_axes={
            name: axes for name, p in profiles
            if (axes := tuple(a.axis for a in p.axes if a.axis.key not in common))
        },
    )


def by_party(
    ratings: Ratings,
    parties: Mapping[str, str | None],
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> dict[str, ProfileSummary]:
    """One summary per member party over its groups, in PARTIES order; parties with no group are absent.

    A group missing from `parties`, or mapped to None, counts in no party (it still counts in the whole).
    """
    unknown = {p for p in parties.values() if p is not None and p not in PARTIES}
    if unknown:
        raise ValueError(f"unknown party {sorted(unknown)}; expected one of {', '.join(PARTIES)}")
    out: dict[str, ProfileSummary] = {}
    for party in PARTIES:
        rows = [i for i, g in enumerate(ratings.groups) if parties.get(g) == party]
        if not rows:
            continue
        subset = Ratings(
            tuple(ratings.groups[i] for i in rows), ratings.axes, np.asarray(ratings.values)[rows], ratings.scale
        )
        out[party] = summarize(subset, thresholds)
    return out


def too_few_per_party(buckets: Mapping[str, ProfileSummary]) -> bool:
    """Whether no party has enough groups on any axis for a mean and a label (the usual four groups, one per
    party): then each party's own values are what there is to show, not a chart of "too few answers"."""
    return all(a.interpretation is Interpretation.TOO_FEW for s in buckets.values() for a in s.axes)


def party_values_table(buckets: Mapping[str, ProfileSummary], lang: str = "sv"
                       ) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Axis, then each party's own ratings (`4; 3,5` for two groups, "–" for none), in PARTIES order."""
    from analysis.formatting import format_values

    parties = [p for p in PARTIES if p in buckets]
    headers = ({"sv": "Axel", "en": "Axis"}[lang], *(party_name(p, lang) for p in parties))
    first = next(iter(buckets.values()))
    rows = [(a.axis.name(lang), *(format_values(buckets[p].axis(a.axis.key).values, lang) or "–" for p in parties))
            for a in first.axes]
    return headers, rows


@dataclass(frozen=True)
class RoundChange:
    """One re-rated axis: where round 1 stood (None for an axis only round 2 has), where round 2 stands."""

    axis: Axis
    round1: AxisSummary | None
    round2: AxisSummary

    @property
    def mean_change(self) -> Fraction | None:
        return None if self.round1 is None else _diff(self.round1, self.round2)

    @property
    def consensus_change(self) -> float | None:
        c1 = None if self.round1 is None else self.round1.consensus
        c2 = self.round2.consensus
        return None if c1 is None or c2 is None else c2 - c1

    @property
    def direction(self) -> str | None:
        """'up', 'down' or 'same' for consensus; 'same' when the change rounds to 0,00 as shown."""
        change = self.consensus_change
        if change is None:
            return None
        if abs(change) < 0.005:
            return "same"
        return "up" if change > 0 else "down"

    @property
    def label_changed(self) -> bool:
        return self.round1 is not None and self.round1.interpretation != self.round2.interpretation

    @staticmethod
    def headers(lang: str = "sv") -> tuple[str, ...]:
        return ROUND_HEADERS[lang]

    def to_row(self, lang: str = "sv") -> tuple[str, ...]:
        """This axis as a table row under `headers(lang)`."""
        r1, r2 = self.round1, self.round2
        return (
            self.axis.name(lang), str(r1.n) if r1 else "–", str(r2.n),
            format_mean(r1.mean_exact if r1 else None, lang), format_mean(r2.mean_exact, lang),
            format_difference(self.mean_change, lang),
            format_number(r1.consensus if r1 else None, 2, lang), format_number(r2.consensus, 2, lang),
            format_difference(self.consensus_change, lang), DIRECTION_TEXT[lang][self.direction],
            r1.interpretation_text(lang) if r1 else "–", r2.interpretation_text(lang),
        )


DIRECTION_TEXT = {
    "sv": {"up": "ökad samsyn", "down": "minskad samsyn", "same": "oförändrad", None: "–"},
    "en": {"up": "more consensus", "down": "less consensus", "same": "unchanged", None: "–"},
}
ROUND_HEADERS = {
    "sv": ("Axel", "n omg. 1", "n omg. 2", "Medel omg. 1", "Medel omg. 2", "Förändring medel",
           "Konsensus omg. 1", "Konsensus omg. 2", "Förändring konsensus", "Samsyn",
           "Tolkning omg. 1", "Tolkning omg. 2"),
    "en": ("Axis", "n round 1", "n round 2", "Mean round 1", "Mean round 2", "Change in mean",
           "Consensus round 1", "Consensus round 2", "Change in consensus", "Consensus trend",
           "Interpretation round 1", "Interpretation round 2"),
}


class RoundChanges(list):
    """The list `compare_rounds` returns, with a table view."""

    def __init__(self, changes: Sequence[RoundChange] = (), lang: str = "sv") -> None:
        super().__init__(changes)
        self.lang = lang

    def to_rows(self, lang: str | None = None) -> list[tuple[str, ...]]:
        """Header row first, then one row per re-rated axis."""
        headers, rows = self.table(lang)
        return [headers, *rows]

    def table(self, lang: str | None = None) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        """(headers, rows) for a data frame: `pd.DataFrame(rows, columns=headers)`."""
        lang = lang or self.lang
        return ROUND_HEADERS[lang], [c.to_row(lang) for c in self]


def compare_rounds(round1: ProfileSummary, round2: ProfileSummary, lang: str = "sv", *,
                   all_of_round2: bool = False) -> RoundChanges:
    """Each axis rated in both rounds, in round 1's order.

    Round 2 usually re-rates only the axes worth another look; an axis that only round 2 has was not
    re-rated and is not listed. With `all_of_round2` (the appendix) every axis of round 2 is, in round 2's
    order, with None for round 1 where it is new.
    """
    check_comparable([("1", round1), ("2", round2)])
    if all_of_round2:
        before = {a.axis.key: a for a in round1.axes}
        return RoundChanges([RoundChange(a.axis, before.get(a.axis.key), a) for a in round2.axes], lang)
    keys2 = {a.axis.key for a in round2.axes}
    return RoundChanges(
        [RoundChange(a.axis, a, round2.axis(a.axis.key)) for a in round1.axes if a.axis.key in keys2], lang)
