"""Time `summarize` on the seed workshop and on a 10,000-group × 50-axis table.

The baseline is a vectorised NumPy pass (nanmean and nanstd) over the same table in the same run, so the
ratio holds on any machine. Targets: ≤ 5 ms for the seed workshop, ≤ 5× NumPy at 10,000 × 50.

    .venv/bin/python -m benchmarks.analysis_bench
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import Axis, Ratings, Scale, summarize  # noqa: E402
from benchmarks.timing import best_and_median  # noqa: E402
from survey.importer import read_ratings  # noqa: E402


def big_table(groups: int = 10_000, axes: int = 50, seed: int = 2026) -> Ratings:
    rng = np.random.default_rng(seed)
    scale = Scale()
    values = rng.integers(0, scale.n_categories, size=(groups, axes)) * scale.step + scale.min
    values[rng.random((groups, axes)) < 0.05] = np.nan
    names = tuple(f"Grupp {i + 1}" for i in range(groups))
    return Ratings(names, tuple(Axis(f"a{j}", f"Axel {j}") for j in range(axes)), values, scale)


def main() -> None:
    seed = read_ratings(Path(__file__).resolve().parent.parent / "sample_data" / "medlemssamrad-2026.csv")
    summarize(seed)
    seed_best, seed_median = best_and_median(lambda: summarize(seed), 200)

    big = big_table()
    v = big.values

    def numpy_pass():
        np.nanmean(v, axis=0)
        np.nanstd(v, axis=0, ddof=1)

    numpy_pass()
    summarize(big)
    np_best, np_median = best_and_median(numpy_pass, 30)
    big_best, big_median = best_and_median(lambda: summarize(big), 30)

    print("Spindeln analysis benchmark (best and median of repeated runs)")
    print(f"{'case':<44}{'best ms':>10}{'median ms':>11}")
    print(f"{'summarize seed workshop (4 × 8)':<44}{seed_best * 1e3:>10.2f}{seed_median * 1e3:>11.2f}")
    print(f"{'numpy nanmean+nanstd 10,000 × 50':<44}{np_best * 1e3:>10.2f}{np_median * 1e3:>11.2f}")
    print(f"{'summarize 10,000 × 50':<44}{big_best * 1e3:>10.2f}{big_median * 1e3:>11.2f}")
    ratio = big_best / np_best
    print(f"ratio summarize / numpy at 10,000 × 50: {ratio:.2f}× (target ≤ 5×)")
    print(f"seed workshop target ≤ 5 ms: {'met' if seed_best <= 0.005 else 'NOT met'}; "
          f"10,000 × 50 target: {'met' if ratio <= 5 else 'NOT met'}")


if __name__ == "__main__":
    main()
