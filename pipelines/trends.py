"""Monthly flag counts and the trend table: rates, intervals, changes and coaching priority.

Pure pandas: :func:`count_flags` turns classified comments into one count per
(period, directorate, source, label); :func:`build_trends` adds Wilson
intervals, the organisation rate, the change from last month with an
FDR-controlled test, a 3-month rolling rate, small-cell suppression and a
coaching priority score. Nothing here reads or writes files, and no comment
text reaches the output.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

import numpy as np
import pandas as pd
from scipy.stats import fisher_exact
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from data_contracts.columns import TREND_KEY
from models.taxonomy import LABEL_INDEX, LABEL_SEPARATOR, LABELS, NEGATIVE_LABELS, validate_labels
from pipelines.disclosure import check_min_cell_size, disclosure_plan
from pipelines.periods import parse_period, shift_period
from pipelines.schema import SOURCES

ALL_SOURCE: Final[str] = "all"
TREND_SOURCES: Final[tuple[str, ...]] = (*SOURCES, ALL_SOURCE)
"""Sources of the count and trend tables; ``all`` pools survey and complaint."""

CLASSIFIED_COLUMNS: Final[tuple[str, ...]] = (
    "record_id",
    "period",
    "directorate",
    "source",
    "labels",
)
COUNT_COLUMNS: Final[tuple[str, ...]] = (*TREND_KEY, "n_comments", "n_flagged")
TREND_OUTPUT_COLUMNS: Final[tuple[str, ...]] = (
    *COUNT_COLUMNS,
    "rate",
    "ci_low",
    "ci_high",
    "org_rate",
    "prev_rate",
    "change",
    "p_value",
    "significant",
    "rolling_rate_3m",
    "suppressed",
    "coaching_priority",
    "priority_rank",
    "model_version",
    "run_id",
    "generated_at",
)
"""Columns of :func:`build_trends`, in order (a superset of ``TREND_COLUMNS``)."""

CI_ALPHA: Final[float] = 0.05
"""The Wilson intervals are 95% intervals."""
MIN_EXPECTED: Final[float] = 5.0
"""Below this expected count in any cell of the 2x2 table, use Fisher's exact test."""
ROLLING_MONTHS: Final[int] = 3
_SOURCE_ORDER: Final[dict[str, int]] = {s: i for i, s in enumerate(TREND_SOURCES)}
_CELL: Final[list[str]] = ["period", "directorate", "source"]


def _require(frame: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} frame lacks columns {missing}; expected {list(columns)}")


def _label_list(value: object) -> list[str]:
    """Labels of one comment: a list (or tuple/set/array), a ``;``-joined string, or none."""
    if isinstance(value, str):
        return [lab for lab in value.split(LABEL_SEPARATOR) if lab]
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        return [str(lab) for lab in value]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    raise TypeError(f"labels must be a list of labels, got {type(value).__name__}")


def _sort_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Sort by period, directorate, source (survey, complaint, all), label (codebook order)."""
    keyed = frame.assign(
        _source=frame["source"].map(_SOURCE_ORDER), _label=frame["label"].map(LABEL_INDEX)
    )
    keyed = keyed.sort_values(["period", "directorate", "_source", "_label"], kind="stable")
    return keyed.drop(columns=["_source", "_label"]).reset_index(drop=True)


def _label_key(value: object) -> tuple[str, ...]:
    """A hashable key for one comment's labels (parsed by :func:`_label_list` later)."""
    return tuple(value) if type(value) is list else tuple(_label_list(value))


def _label_sets(labels: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Number each comment's label set, and flag each set's labels.

    Comments share few distinct label sets, so each set is parsed and checked once.

    Returns:
        The set number of each comment, and one row of 0/1 flags over
        :data:`LABELS` per set (the last row is the empty set).

    Raises:
        TypeError: If a comment's labels are neither a list nor a string.
        ValueError: If a label is not in the codebook.
    """
    keys = labels if isinstance(labels.dtype, pd.StringDtype) else labels.map(_label_key)
    codes, uniques = pd.factorize(keys)
    sets = [_label_list(value) for value in uniques]
    validate_labels(sorted({lab for labs in sets for lab in labs}))
    flags = np.zeros((len(sets) + 1, len(LABELS)), dtype=np.int64)
    for row, labs in enumerate(sets):
        flags[row, [LABEL_INDEX[lab] for lab in labs]] = 1
    return np.where(codes < 0, len(sets), codes), flags


def _flagged(cell: np.ndarray, n_cells: int, labels: pd.Series) -> np.ndarray:
    """Comments carrying each label (columns) in each cell (rows); ``cell`` -1 is not counted."""
    codes, flags = _label_sets(labels)
    kept = cell >= 0
    pairs, n = np.unique(cell[kept] * len(flags) + codes[kept], return_counts=True)
    out = np.zeros((n_cells, len(LABELS)), dtype=np.int64)
    np.add.at(out, pairs // len(flags), flags[pairs % len(flags)] * n[:, None])
    return out


def count_flags(classified: pd.DataFrame) -> pd.DataFrame:
    """Count comments and flags per period, directorate, source and label.

    Args:
        classified: One row per comment with ``record_id`` (unique),
            ``period`` (``YYYY-MM``), ``directorate``, ``source``
            (``"survey"`` or ``"complaint"``) and ``labels`` (a list of
            codebook labels; a ``;``-joined string is accepted too).

    Returns:
        Columns ``period, directorate, source, label, n_comments, n_flagged``:
        one row for each of the 18 labels in every (period, directorate,
        source) that has at least one comment, for sources ``survey``,
        ``complaint`` and ``all`` (both pooled). ``n_comments`` is the number
        of comments of that period/directorate/source (the same for every
        label); ``n_flagged`` the number carrying the label, 0 included. The
        rows of a period and directorate depend on its own comments only, so
        the counts of disjoint periods or directorates can be concatenated.

    Raises:
        ValueError: Missing columns, an unknown source or label, a malformed
            period, or a duplicated ``record_id``.
    """
    _require(classified, CLASSIFIED_COLUMNS, "classified")
    comments = classified[["record_id", *_CELL]]
    unknown = sorted(set(comments["source"].dropna().unique()) - set(SOURCES))
    if unknown or comments["source"].isna().any():
        raise ValueError(f"unknown source {unknown or [None]}; valid sources are {SOURCES}")
    for period in comments["period"].unique():
        parse_period(str(period))
    if comments["record_id"].duplicated().any():
        raise ValueError("record_id is duplicated; each comment must be counted once")

    by_cell = comments.groupby(_CELL)  # a comment with a missing key is not counted
    cells = by_cell.size().rename("n_comments").reset_index()
    flagged = _flagged(
        by_cell.ngroup().fillna(-1).to_numpy(dtype=np.int64), len(cells), classified["labels"]
    )
    by_directorate = cells.groupby(["period", "directorate"])
    pooled = by_directorate["n_comments"].sum().reset_index().assign(source=ALL_SOURCE)
    pooled_flagged = np.zeros((len(pooled), len(LABELS)), dtype=np.int64)
    np.add.at(pooled_flagged, by_directorate.ngroup().to_numpy(), flagged)

    out = pd.concat([cells, pooled[cells.columns]], ignore_index=True)
    out = out.loc[out.index.repeat(len(LABELS))].reset_index(drop=True)
    codebook = pd.Series(list(LABELS), name="label")
    out["label"] = codebook.take(np.tile(np.arange(len(LABELS)), len(cells) + len(pooled))).array
    out["n_comments"] = out["n_comments"].astype("int64")
    out["n_flagged"] = np.concatenate([flagged, pooled_flagged]).ravel()
    return _sort_cells(out[list(COUNT_COLUMNS)].astype({c: "str" for c in TREND_KEY}))


def concat_counts(*parts: pd.DataFrame) -> pd.DataFrame:
    """:func:`count_flags` outputs of disjoint periods or directorates as one, sorted alike.

    Equal to :func:`count_flags` of the parts' comments pooled (counts are
    per period and directorate). Empty parts are skipped.

    Args:
        parts: :func:`count_flags` outputs (at least one).

    Returns:
        The columns of :data:`COUNT_COLUMNS`, sorted as :func:`count_flags` sorts.
    """
    kept = [part[list(COUNT_COLUMNS)] for part in parts if len(part)]
    if not kept:
        return parts[-1][list(COUNT_COLUMNS)].reset_index(drop=True)
    return _sort_cells(pd.concat(kept, ignore_index=True))


def two_period_p_value(flagged: int, n: int, prev_flagged: int, prev_n: int) -> float:
    """Two-sided p-value for "this month's rate differs from last month's".

    Uses the pooled two-proportion z-test (``proportions_ztest``), or Fisher's
    exact test when any expected count of the 2x2 table is below 5.

    Args:
        flagged: Flagged comments this month.
        n: Comments this month.
        prev_flagged: Flagged comments last month.
        prev_n: Comments last month.

    Returns:
        The p-value.
    """
    pooled = (flagged + prev_flagged) / (n + prev_n)
    expected = min(n, prev_n) * min(pooled, 1.0 - pooled)
    if expected < MIN_EXPECTED:
        table = [[flagged, n - flagged], [prev_flagged, prev_n - prev_flagged]]
        return float(fisher_exact(table).pvalue)
    _, p_value = proportions_ztest([flagged, prev_flagged], [n, prev_n])
    return float(p_value)


def _shifted(cells: pd.DataFrame, months: int, columns: Sequence[str]) -> pd.DataFrame:
    """Cells moved ``months`` later, so a merge on the key lines up month t-k with t."""
    moved = {p: shift_period(str(p), months) for p in cells["period"].unique()}
    period = cells["period"].map(moved).astype(cells["period"].dtype)
    return cells[[*TREND_KEY, *columns]].assign(period=period)


def _with_history(cells: pd.DataFrame, min_cell_size: int) -> pd.DataFrame:
    """Add org rate, previous month's counts and the 3-month rolling sums.

    The organisation rate pools every cell (its denominator is the published
    intake total, and complementary suppression leaves at least two hidden
    cells in each of its sums); only published (non-suppressed) cells enter the
    previous month and the rolling window. The organisation rates that
    disclosure control leaves blank (``org_rate_hidden``: a small organisation
    total, or a label whose rate would pin a hidden flag count; see
    :func:`pipelines.disclosure.disclosure_plan`) are NaN.
    """
    shown = cells[~cells["suppressed"]]
    by_org = cells.groupby(["period", "source", "label"])
    org = by_org[["n_comments", "n_flagged"]].sum()
    blank = by_org["org_rate_hidden"].any()
    rates = (org["n_flagged"] / org["n_comments"]).mask(blank)
    org_rate = rates.rename("org_rate").reset_index()
    prev = _shifted(cells, 1, ["n_comments", "n_flagged", "suppressed"]).rename(
        columns={"n_comments": "prev_n", "n_flagged": "prev_flagged", "suppressed": "prev_sup"}
    )
    window = pd.concat(
        [_shifted(shown, k, ["n_comments", "n_flagged"]) for k in range(ROLLING_MONTHS)]
    )
    rolling = window.groupby(list(TREND_KEY))[["n_comments", "n_flagged"]].sum()
    rolling_rate = (rolling["n_flagged"] / rolling["n_comments"]).rename("rolling_rate_3m")
    out = cells.merge(org_rate, how="left", on=["period", "source", "label"])
    out = out.merge(prev, how="left", on=list(TREND_KEY))
    return out.merge(rolling_rate.reset_index(), how="left", on=list(TREND_KEY))


def _with_pattern(cells: pd.DataFrame, min_cell_size: int, complementary: bool) -> pd.DataFrame:
    """Add ``suppressed``, ``org_rate_hidden`` and the hidden padding cells (disclosure control)."""
    plan = disclosure_plan(cells, min_cell_size, complementary=complementary)
    pattern = plan.pattern
    pads = pattern.loc[pattern["padding"], _CELL]
    labels = pd.DataFrame({"label": cells["label"].drop_duplicates()})
    padded = pads.merge(labels, how="cross").assign(n_comments=0, n_flagged=0)
    out = pd.concat([cells, padded], ignore_index=True)
    out = out.merge(pattern[[*_CELL, "suppressed"]], how="left", on=_CELL)
    out = out.merge(plan.org_rates, how="left", on=["period", "source", "label"])
    return out.assign(
        suppressed=out["suppressed"].fillna(True).astype(bool),
        org_rate_hidden=out["org_rate_hidden"].fillna(False).astype(bool),
    )


def _significance(out: pd.DataFrame, alpha: float) -> pd.DataFrame:
    """Add ``p_value`` and BH-FDR ``significant`` (family: one period and one source)."""
    tested = (~out["suppressed"] & out["prev_rate"].notna()).to_numpy()
    counts = out[["n_flagged", "n_comments", "prev_flagged", "prev_n"]].to_numpy()
    p_values = np.full(len(out), np.nan)
    for i in np.flatnonzero(tested):
        x, n, x0, n0 = (int(v) for v in counts[i])
        p_values[i] = two_period_p_value(x, n, x0, n0)
    significant = np.zeros(len(out), dtype=bool)
    family = out.assign(p_value=p_values)[tested]
    for _, group in family.groupby(["period", "source"]):
        reject = multipletests(group["p_value"].to_numpy(), alpha=alpha, method="fdr_bh")[0]
        significant[group.index.to_numpy()] = reject
    return out.assign(p_value=p_values, significant=significant)


def _priority(out: pd.DataFrame) -> pd.DataFrame:
    """Add ``coaching_priority`` and its rank (see :func:`build_trends`)."""
    scored = out["label"].isin(NEGATIVE_LABELS) & ~out["suppressed"]
    trend = out["change"].where(out["significant"], 0.0)
    # where disclosure control withholds the organisation rate, compare with the pooled
    # rate of the published cells instead: derivable from the table, so it reveals nothing
    key = ["period", "source", "label"]
    shown = out.loc[~out["suppressed"], [*key, "n_flagged", "n_comments"]]
    pooled = shown.astype({"n_flagged": float, "n_comments": float}).groupby(key).sum()
    published_rate = (pooled["n_flagged"] / pooled["n_comments"]).rename("published_rate")
    fallback = out[key].merge(published_rate, how="left", left_on=key, right_index=True)
    reference = out["org_rate"].fillna(pd.Series(fallback["published_rate"].to_numpy(), out.index))
    priority = (100.0 * (out["ci_low"] - reference + trend)).where(scored)
    rank = priority.groupby([out[c] for c in _CELL]).rank(method="min", ascending=False)
    return out.assign(coaching_priority=priority, priority_rank=rank.astype("Int64"))


def build_trends(
    counts: pd.DataFrame,
    periods: Sequence[str],
    *,
    min_cell_size: int = 10,
    alpha: float = 0.05,
    complementary: bool = True,
    model_version: str,
    run_id: str,
    generated_at: pd.Timestamp,
) -> pd.DataFrame:
    """Build the trend table for ``periods`` from counts that include earlier months.

    Per cell (period, directorate, source, label): ``rate`` = flagged /
    comments with a Wilson 95% interval; ``org_rate`` pools all directorates
    (suppressed cells included; NaN when they hold fewer than
    ``min_cell_size`` comments) for the same period, source and label;
    ``prev_rate`` and ``change`` compare with the previous calendar month
    (NaN when that cell has no comments or is suppressed); ``p_value`` tests
    this month against last month (:func:`two_period_p_value`);
    ``rolling_rate_3m`` pools this month and the two calendar months before it,
    over the months whose cell is published.

    ``significant`` applies Benjamini-Hochberg at ``alpha`` to one family per
    (period, source): every non-suppressed cell with a p-value in that month
    and source, across all directorates and all 18 labels.

    Disclosure control (:mod:`pipelines.disclosure`): a cell with fewer than
    ``min_cell_size`` comments is ``suppressed``, and so are the partner cells
    (other sources of the directorate, the smallest other directorates of the
    source, an empty padding cell when there is no other) needed so that no
    suppressed count follows from the published ones and the organisation
    totals. A suppressed row has NA ``n_comments`` and ``n_flagged``, NaN rate,
    interval, change, p-value, rolling rate and priority (never 0), and
    ``significant`` False. Padding rows (a source with no comments, hidden to
    protect another cell) appear only as suppressed rows.

    Coaching priority (negative labels, non-suppressed cells; in percentage
    points, higher = more need)::

        coaching_priority = 100 * [(ci_low - org_rate) + (change if significant else 0)]

    - level: ``ci_low - org_rate`` (the pooled rate of published cells where the
      organisation rate is withheld) is how far the rate is above the
      organisation's *at least*, with 95% confidence; negative when the
      directorate is not clearly above the organisation.
    - reliability: the lower bound falls as the interval widens, so a rate
      built on few comments scores less than the same rate on many.
    - trend: a significant rise adds its size, a significant fall subtracts it;
      a change that is not significant adds nothing.

    ``priority_rank`` ranks the scored labels within period x directorate x
    source (1 = most need; ties share the lower rank).

    Args:
        counts: :func:`count_flags` output for ``periods`` and earlier
            months, for all directorates (the org rate needs every one).
        periods: ``YYYY-MM`` periods to return.
        min_cell_size: Smallest number of comments for a cell to be reported
            (at least 5).
        alpha: False discovery rate of the month-on-month tests.
        complementary: Complementary suppression; switch off only to show
            what it protects against.
        model_version: Version of the classifier that produced the labels.
        run_id: Identifier of the pipeline run.
        generated_at: When the table was built.

    Returns:
        The columns of :data:`TREND_OUTPUT_COLUMNS`, one row per cell of
        ``periods``, sorted by period, directorate, source and label. The
        frame's ``attrs["min_cell_size"]`` records the threshold used.

    Raises:
        ValueError: Missing columns, duplicated cells, a malformed period,
            ``min_cell_size`` below 5 or ``alpha`` out of (0, 1).
    """
    _require(counts, COUNT_COLUMNS, "counts")
    for period in periods:
        parse_period(period)
    check_min_cell_size(min_cell_size)
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"need 0 < alpha < 1, got {alpha}")
    cells = counts[list(COUNT_COLUMNS)].reset_index(drop=True)
    if cells.duplicated(list(TREND_KEY)).any():
        raise ValueError(f"counts has duplicated cells on {list(TREND_KEY)}")
    cells = _with_pattern(cells, min_cell_size, complementary)
    cells = cells.assign(
        rate=cells["n_flagged"] / cells["n_comments"].where(cells["n_comments"] > 0)
    )
    out = _with_history(cells, min_cell_size)
    out = _sort_cells(out[out["period"].isin(list(periods))])
    prev_ok = out["prev_sup"].eq(False)
    out["prev_rate"] = (out["prev_flagged"] / out["prev_n"]).where(prev_ok)
    out["change"] = out["rate"] - out["prev_rate"]
    low, high = proportion_confint(
        out["n_flagged"].to_numpy(),
        out["n_comments"].clip(lower=1).to_numpy(),
        alpha=CI_ALPHA,
        method="wilson",
    )
    rate = out["rate"].to_numpy(dtype=float)
    out["ci_low"] = np.clip(np.minimum(np.asarray(low, dtype=float), rate), 0.0, 1.0)
    out["ci_high"] = np.clip(np.maximum(np.asarray(high, dtype=float), rate), 0.0, 1.0)
    hidden = out["suppressed"]
    for col in ("rate", "ci_low", "ci_high", "prev_rate", "change", "rolling_rate_3m"):
        out[col] = out[col].astype(float).mask(hidden)
    out = _priority(_significance(out, alpha))
    for col in ("n_comments", "n_flagged"):
        out[col] = out[col].astype("Int64").mask(hidden)
    out = out.assign(model_version=model_version, run_id=run_id, generated_at=generated_at)
    result = out[list(TREND_OUTPUT_COLUMNS)].reset_index(drop=True)
    result.attrs["min_cell_size"] = min_cell_size
    return result
