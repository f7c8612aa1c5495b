"""The t quantile of the confidence interval (analysis/statistics/t_quantile.py) against SciPy's, which the
server no longer imports (14 MB a process)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import stdtrit

from analysis.statistics.t_quantile import t_quantile_975, t_quantiles_975


@pytest.mark.parametrize("dfs", [range(1, 601), [999, 1000, 4999, 20000, 100001]])
def test_it_is_scipys_t_quantile_to_twelve_digits(dfs):
    ours = np.array([t_quantile_975(df) for df in dfs])
    np.testing.assert_allclose(ours, stdtrit(np.array(list(dfs), dtype=float), 0.975), rtol=1e-11, atol=0)


def test_the_printed_table():
    # Student's t table, two-sided 95 % (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2), to its three decimals
    table = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 10: 2.228, 30: 2.042, 100: 1.984}
    assert {df: round(t_quantile_975(df), 3) for df in table} == table


def test_no_degrees_of_freedom_no_quantile():
    np.testing.assert_array_equal(np.isnan(t_quantiles_975(np.array([0, 1, -1, 3]))), [True, False, True, False])
    for bad in (0, -2, 2.5):
        with pytest.raises(ValueError):
            t_quantile_975(bad)
