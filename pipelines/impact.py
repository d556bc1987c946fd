"""Does manager coaching work? Difference-in-differences on the monthly flag counts.

The coaching register (``pipelines/config/coaching_register.csv``) lists which
directorate started a coaching cohort in which month. For each coached
directorate and each negative label, :func:`coaching_impact` compares the change
in the label's rate from before to after the start month with the change in the
uncoached directorates over the same months.

Pure functions over :func:`pipelines.trends.count_flags` output: counts in,
numbers out, never comment text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

from data_contracts.columns import TREND_KEY
from models.taxonomy import NEGATIVE_LABELS
from pipelines.directorates import match_key
from pipelines.periods import parse_period
from pipelines.trends import COUNT_COLUMNS, TREND_SOURCES

REGISTER_COLUMNS: Final[tuple[str, ...]] = ("directorate", "cohort", "start_period")
"""Columns of the coaching register, in order."""

IMPACT_COLUMNS: Final[tuple[str, ...]] = (
    "directorate",
    "cohort",
    "start_period",
    "source",
    "label",
    "estimate",
    "ci_low",
    "ci_high",
    "p_value",
    "significant",
    "std_error",
    "between_sd",
    "n_comments_treated_pre",
    "n_comments_treated_post",
    "n_comments_control",
    "n_control_directorates",
    "pre_periods",
    "post_periods",
)
"""Columns of :func:`coaching_impact`, in order."""

MIN_PLACEBOS: Final[int] = 3
"""Fewest control directorates with months on both sides of the start for ``between_sd``."""

_CELL_COLUMNS: Final[list[str]] = ["period", "directorate", "n_comments", "n_flagged"]


def _fix_hint(path: Path) -> str:
    return f"fix {path} (header: {','.join(REGISTER_COLUMNS)}; one row per cohort)"


def _directorate_problem(value: str, directorates: Sequence[str]) -> str | None:
    if not value:
        return f"directorate is blank; write one of {list(directorates)}"
    if value in directorates:
        return None
    close = [name for name in directorates if match_key(name) == match_key(value)]
    hint = f"did you mean {close[0]!r}?" if close else f"use one of {list(directorates)}"
    return f"directorate {value!r} is not a known directorate name; {hint}"


def load_register(path: Path, directorates: Sequence[str]) -> pd.DataFrame:
    """Read and check the coaching register CSV.

    Each row is one coaching cohort: the ``directorate`` whose managers are
    coached (a canonical name from ``directorates``), the ``cohort`` name and
    ``start_period``, the first month of coaching (``YYYY-MM``). Extra columns
    (notes, say) are allowed and dropped. Every problem in the file is reported
    at once, by CSV line number (the header is line 1).

    Args:
        path: The register CSV (UTF-8, with or without a byte-order mark).
        directorates: Canonical directorate names (e.g. ``reference.names``).

    Returns:
        Columns ``directorate, cohort, start_period`` (strings, whitespace
        stripped), one row per cohort in file order; empty if the file has
        only its header.

    Raises:
        FileNotFoundError: If ``path`` does not exist.
        ValueError: Naming the file, the line and the fix, for a missing
            column, a blank or unknown directorate, a blank cohort, a
            ``start_period`` that is not ``YYYY-MM``, or a cohort listed twice.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"coaching register {path} not found; {_fix_hint(path)}")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise ValueError(f"coaching register {path} is empty; {_fix_hint(path)}") from None
    raw.columns = [str(c).strip() for c in raw.columns]
    missing = [c for c in REGISTER_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(
            f"coaching register {path} lacks column(s) {missing} (found {list(raw.columns)}); "
            f"{_fix_hint(path)}"
        )
    register = pd.DataFrame({c: raw[c].astype(str).str.strip() for c in REGISTER_COLUMNS})
    problems: list[str] = []
    first_line: dict[tuple[str, str], int] = {}
    for i, row in enumerate(register.itertuples(index=False)):
        line = i + 2
        directorate, cohort, start = str(row[0]), str(row[1]), str(row[2])
        where = f"line {line}"
        problem = _directorate_problem(directorate, directorates)
        if problem:
            problems.append(f"{where}: {problem}")
        if not cohort:
            problems.append(f"{where}: cohort is blank; give the cohort a name")
        try:
            parse_period(start)
        except ValueError:
            problems.append(
                f"{where}: start_period {start!r} is not YYYY-MM; write the first month of "
                "coaching, e.g. 2025-11"
            )
        seen = first_line.setdefault((directorate, cohort), line)
        if seen != line:
            problems.append(
                f"{where}: cohort {cohort!r} of {directorate!r} is already on line {seen}; "
                "keep one row per cohort"
            )
    if problems:
        listed = "\n  ".join(problems)
        raise ValueError(f"coaching register {path} has problems:\n  {listed}\n{_fix_hint(path)}")
    return register.reset_index(drop=True)


@dataclass(frozen=True)
class _Fit:
    """The treated x post coefficient of one regression."""

    estimate: float
    variance: float
    df_resid: float


def _dummies(values: pd.Series) -> np.ndarray:
    """0/1 columns for each value but the first in sorted order.

    The matrix of ``pd.get_dummies(values, drop_first=True, dtype=float)``,
    without building a frame (this runs for every fit).
    """
    codes, uniques = pd.factorize(values, sort=True)
    flags: np.ndarray = np.asarray(codes)[:, None] == np.arange(1, len(uniques))
    return flags.astype(float)


def _fit_did(cells: pd.DataFrame, treated: str, start: str) -> _Fit:
    """Weighted two-way fixed-effects regression of cell rates on treated x post.

    ``rate ~ directorate FE + period FE + 1[treated and period >= start]``,
    weighted by comments (the comment-level linear probability model). The
    variance of the coefficient is the larger of the quasi-binomial one
    (binomial variance at the fitted rates times the Pearson dispersion,
    floored at 1) and the HC1 sandwich.
    """
    post = (cells["directorate"] == treated) & (cells["period"] >= start)
    design = np.column_stack(
        [
            np.ones(len(cells)),
            _dummies(cells["directorate"]),
            _dummies(cells["period"]),
            post.to_numpy(dtype=float),
        ]
    )
    n = cells["n_comments"].to_numpy(dtype=float)
    rate = cells["n_flagged"].to_numpy(dtype=float) / n
    result = sm.WLS(rate, design, weights=n).fit(cov_type="HC1")
    robust = float(np.asarray(result.cov_params(), dtype=float)[-1, -1])
    fitted = np.clip(np.asarray(result.fittedvalues, dtype=float), 0.5 / n, 1.0 - 0.5 / n)
    binomial = fitted * (1.0 - fitted)
    df_resid = float(result.df_resid)
    pearson = float(np.sum(n * (rate - fitted) ** 2 / binomial))
    dispersion = max(1.0, pearson / df_resid) if df_resid > 0 else 1.0
    bread = np.asarray(result.normalized_cov_params, dtype=float)
    model = dispersion * (bread @ (design.T * (n * binomial)) @ design @ bread)
    return _Fit(float(result.params[-1]), max(robust, float(model[-1, -1])), df_resid)


def _both_sides(cells: pd.DataFrame, start: str) -> list[str]:
    """Directorates with comments before and from ``start``, sorted."""
    pre = set(cells.loc[cells["period"] < start, "directorate"])
    post = set(cells.loc[cells["period"] >= start, "directorate"])
    return sorted(pre & post)


def _between_variance(controls: pd.DataFrame, start: str) -> float:
    """Variance of directorates' own pre/post changes beyond sampling noise.

    Every control directorate in turn is treated as if coached at ``start``
    against the others (a placebo); the DerSimonian-Laird estimator turns
    the spread of these placebo estimates, beyond what their sampling
    variances explain, into tau^2 (0 when the placebos agree). NaN when fewer
    than :data:`MIN_PLACEBOS` placebos can be fitted.
    """
    fits = [_fit_did(controls, name, start) for name in _both_sides(controls, start)]
    fits = [f for f in fits if math.isfinite(f.variance) and f.variance > 0]
    if len(fits) < MIN_PLACEBOS:
        return math.nan
    theta = np.array([f.estimate for f in fits])
    weight = 1.0 / np.array([f.variance for f in fits])
    mean = float(np.sum(weight * theta) / np.sum(weight))
    q = float(np.sum(weight * (theta - mean) ** 2))
    scale = float(np.sum(weight) - np.sum(weight**2) / np.sum(weight))
    return max(0.0, (q - (len(fits) - 1)) / scale)


def _estimate(
    cells: pd.DataFrame, treated: str, start: str, alpha: float
) -> dict[str, float | bool]:
    """Estimate, interval and test for one coached directorate and one label."""
    blank: dict[str, float | bool] = {
        "estimate": math.nan,
        "ci_low": math.nan,
        "ci_high": math.nan,
        "p_value": math.nan,
        "significant": False,
        "std_error": math.nan,
        "between_sd": math.nan,
    }
    controls = cells[cells["directorate"] != treated]
    if treated not in _both_sides(cells, start) or not _both_sides(controls, start):
        return blank
    fit = _fit_did(cells, treated, start)
    tau2 = _between_variance(controls, start)
    share = controls.groupby("directorate")["n_comments"].sum()
    share = share / share.sum()
    extra = 0.0 if math.isnan(tau2) else tau2 * (1.0 + float((share**2).sum()))
    se = math.sqrt(fit.variance + extra)
    out = {**blank, "estimate": fit.estimate, "std_error": se, "between_sd": math.sqrt(tau2)}
    if not se > 0 or not math.isfinite(se):
        return out
    t_crit = float(stats.t.ppf(1.0 - alpha / 2.0, fit.df_resid))
    p_value = float(2.0 * stats.t.sf(abs(fit.estimate) / se, fit.df_resid))
    return {
        **out,
        "ci_low": fit.estimate - t_crit * se,
        "ci_high": fit.estimate + t_crit * se,
        "p_value": p_value,
        "significant": p_value < alpha,
    }


def _check_inputs(counts: pd.DataFrame, register: pd.DataFrame, source: str, alpha: float) -> None:
    missing = [c for c in COUNT_COLUMNS if c not in counts.columns]
    if missing:
        raise ValueError(f"counts frame lacks columns {missing}; pass count_flags output")
    missing = [c for c in REGISTER_COLUMNS if c not in register.columns]
    if missing:
        raise ValueError(f"register frame lacks columns {missing}; pass load_register output")
    if source not in TREND_SOURCES:
        raise ValueError(f"unknown source {source!r}; valid sources are {TREND_SOURCES}")
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    for start in register["start_period"]:
        parse_period(str(start))
    if counts.duplicated(list(TREND_KEY)).any():
        raise ValueError(f"counts has duplicated cells on {list(TREND_KEY)}")


def coaching_impact(
    counts: pd.DataFrame,
    register: pd.DataFrame,
    *,
    source: str = "survey",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Difference-in-differences estimate of coaching's effect on each negative theme.

    For every register row (coached directorate, cohort, start month) and each
    of the 9 negative labels, the cells of ``source`` are the coached
    directorate and the control directorates (every directorate in ``counts``
    that is not in the register at all) over all months in ``counts``; post
    means ``period >= start_period``, pre means before it.

    Model: a linear probability model fitted by weighted least squares on the
    cell rates ``n_flagged / n_comments`` with weights ``n_comments`` (the same
    point estimate as a comment-level regression), with directorate and
    period fixed effects and the treated x post indicator, whose coefficient is
    the estimate. Period effects absorb organisation-wide changes; directorate
    effects absorb stable differences in level.

    Standard errors: the variance of the estimate is the larger of two, plus
    a between-directorate term.

    - Quasi-binomial: the binomial variance of each cell at its fitted rate,
      times the Pearson dispersion of the fit (floored at 1), through the
      regression's sandwich. Exact for independent comments, and it needs no
      estimate of noise from the coached directorate's few pre months.
    - HC1 (heteroskedasticity-robust) sandwich at cell level, which takes
      over when cell noise is not proportional to the binomial variance.
      On its own HC1 is too small here: with one coached directorate and a
      handful of pre months, a nominal 95% interval missed the true effect
      about 9% of the time in simulation.
    - Not clustered by directorate: there is a single coached directorate, and
      cluster-robust errors with one treated cluster come out far too small.
    - Between directorates: sampling noise does not cover a directorate
      changing on its own in the same months (in the demo, Housing's
      pressure:neg doubling would otherwise read as an effect of coaching in
      any coached directorate, against Housing as a control). So every control
      directorate is also fitted as a placebo "coached" at the same month
      against the other controls, and the spread of those placebo estimates
      beyond their own standard errors (DerSimonian-Laird tau^2, reported as
      ``between_sd``) is added: ``se^2 = var + tau^2 * (1 + sum of squared
      control comment shares)``. With fewer than :data:`MIN_PLACEBOS`
      placebos, tau^2 cannot be estimated: ``between_sd`` is NaN and the
      term is left out.

    Intervals and p-values use Student's t with the regression's residual
    degrees of freedom.

    ``significant`` is ``p_value < alpha`` for each label on its own; it is not
    corrected for testing 9 labels, so about one in twenty null labels is
    expected to come out significant by chance.

    Args:
        counts: :func:`pipelines.trends.count_flags` output over all periods
            and directorates.
        register: :func:`load_register` output.
        source: ``"survey"``, ``"complaint"`` or ``"all"``.
        alpha: Two-sided level: ``1 - alpha`` intervals, significance at ``alpha``.

    Returns:
        The columns of :data:`IMPACT_COLUMNS`, one row per register row and
        negative label (register order, then codebook order). ``estimate``,
        ``ci_low``, ``ci_high`` and ``std_error`` are in rate points, the units
        of the trend table's ``rate`` (-0.05 = five percentage points fewer
        comments with the theme than without coaching). They are NaN, with
        ``significant`` False, when the coached directorate lacks comments
        before or after the start, or no control directorate has both.
        ``n_comments_control`` counts every control comment in the model;
        ``pre_periods``/``post_periods`` count the coached directorate's months
        with comments before/from the start.

    Raises:
        ValueError: Missing columns, duplicated cells, an unknown source,
            ``alpha`` out of range or a malformed ``start_period``.
    """
    _check_inputs(counts, register, source, alpha)
    coached = set(register["directorate"].astype(str))
    in_source = counts[counts["source"] == source]
    rows: list[dict[str, object]] = []
    for entry in register.itertuples(index=False):
        treated, start = str(entry.directorate), str(entry.start_period)
        keep = in_source["directorate"].eq(treated) | ~in_source["directorate"].isin(coached)
        sample = in_source[keep]
        for label in NEGATIVE_LABELS:
            cells = sample.loc[sample["label"] == label, _CELL_COLUMNS].reset_index(drop=True)
            cells = cells[cells["n_comments"] > 0]
            mine = cells[cells["directorate"] == treated]
            control = cells[cells["directorate"] != treated]
            rows.append(
                {
                    "directorate": treated,
                    "cohort": str(entry.cohort),
                    "start_period": start,
                    "source": source,
                    "label": label,
                    **_estimate(cells, treated, start, alpha),
                    "n_comments_treated_pre": int(
                        mine.loc[mine["period"] < start, "n_comments"].sum()
                    ),
                    "n_comments_treated_post": int(
                        mine.loc[mine["period"] >= start, "n_comments"].sum()
                    ),
                    "n_comments_control": int(control["n_comments"].sum()),
                    "n_control_directorates": int(control["directorate"].nunique()),
                    "pre_periods": int(mine.loc[mine["period"] < start, "period"].nunique()),
                    "post_periods": int(mine.loc[mine["period"] >= start, "period"].nunique()),
                }
            )
    out = pd.DataFrame(rows, columns=list(IMPACT_COLUMNS))
    return out.astype({"significant": bool}).reset_index(drop=True)
