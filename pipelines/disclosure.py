"""Disclosure control: which trend cells to suppress so no small group can be recovered.

A *cell* is one (period, directorate, source) with its comment count and, per
label, its flag count; every label of a cell shares its suppression. Within one
period the published counts form a two-way table with margins:

- source margin, per directorate: ``n(all) = n(survey) + n(complaint)``, and
  the same for the flag counts of every label;
- organisation margin, per source: the sum over directorates is the period's
  intake (``intake_counts.passed``, published), and for the flags of a label
  ``org_rate x intake`` wherever that organisation rate is published.

*Primary* suppression hides every cell with fewer than ``min_cell_size``
comments. *Complementary* suppression then hides partners until no hidden
count can be recovered: a line (a directorate's three sources, or one source
across directorates) never has exactly one hidden cell, the hidden cells of a
source hold at least ``min_cell_size`` comments together (where the source has
that many), and an attacker's linear programme (:mod:`pipelines.disclosure_lp`:
every published count, margin and organisation rate, ``0 <= flags <=
comments``) must leave

- each hidden comment count an interval at least ``min_width`` (2) wide, and
- each hidden flag count an interval at least ``flag_width`` (1) wide, so at
  least two values stay possible. The one exception is a flag count pinned at
  0 because a published group of at least ``min_cell_size`` comments that
  contains the cell has no flag: the directorate's published ``all`` cell, or
  the hidden cells of its source together. That says no more than publishing a
  cell of that size with 0 flags.

An organisation rate is a margin too. A label's rate of 0% (or 100%) pins
every hidden flag count of its source at 0 (or at the cell's comment count)
whatever is suppressed, and milder lopsided tables do the same through the
margins: typically the hidden cells of one source carry none of a label's
flags, so a directorate's other hidden source holds all of its published
flags, and flags also bound comment counts from below. As a statistical office
does with a margin that discloses, the first remedy is to suppress it: the
label's organisation rate is left blank for the month for every source with
hidden cells (the rate of a source without hidden cells is a sum of published
cells and stays). That costs one figure per source; hiding cells instead costs
the cells' figures for every label, and on a realistic 20-directorate table it
ends up hiding every cell. A count still too narrow after that gets partner
cells hidden. Everything is iterated to a fixed point.

Where a source has no other cell to hide (one directorate with complaints), an
empty cell (0 comments) is hidden as a *padding* cell so that the reader cannot
tell it from a small one. A period with a single directorate cannot be
protected: its counts are the organisation's.

Pure numpy/pandas/scipy: counts in, a boolean pattern and the organisation
rates to leave blank out.
"""

from __future__ import annotations

from typing import Final, NamedTuple

import numpy as np
import pandas as pd

from pipelines.disclosure_lp import attacker_intervals, close_lines, hide_partners, weak_flags

MIN_ALLOWED_CELL_SIZE: Final[int] = 5
"""Thresholds below this are refused: they would not protect anyone."""
PROTECTION_WIDTH: Final[float] = 2.0
"""Each hidden comment count must range over an interval at least this wide for the attacker."""
FLAG_PROTECTION_WIDTH: Final[float] = 1.0
"""Each hidden flag count must range over at least this (two values), bar large zero groups."""
CELL_SOURCES: Final[tuple[str, ...]] = ("survey", "complaint", "all")
"""Columns of the per-period table; ``all`` is the sum of the other two."""
PATTERN_COLUMNS: Final[tuple[str, ...]] = (
    "period",
    "directorate",
    "source",
    "suppressed",
    "padding",
)
ORG_RATE_COLUMNS: Final[tuple[str, ...]] = ("period", "source", "label", "org_rate_hidden")
_TOL: Final[float] = 1e-6


class Protection(NamedTuple):
    """What one period's table publishes.

    Attributes:
        hidden: Suppressed cells, shape (directorates, 3).
        rate_shown: Published organisation rates, shape (labels, 3).
    """

    hidden: np.ndarray
    rate_shown: np.ndarray


class DisclosurePlan(NamedTuple):
    """What the trend table publishes, for every period.

    Attributes:
        pattern: Columns of :data:`PATTERN_COLUMNS` (see :func:`suppression_pattern`).
        org_rates: Columns of :data:`ORG_RATE_COLUMNS`: one row per period,
            source with comments and label; ``org_rate_hidden`` True where the
            organisation rate must be left blank.
    """

    pattern: pd.DataFrame
    org_rates: pd.DataFrame


def check_min_cell_size(min_cell_size: int) -> int:
    """Refuse thresholds that do not protect anyone.

    Args:
        min_cell_size: Proposed smallest publishable number of comments.

    Returns:
        ``min_cell_size`` unchanged.

    Raises:
        ValueError: When it is below :data:`MIN_ALLOWED_CELL_SIZE`.
    """
    if int(min_cell_size) < MIN_ALLOWED_CELL_SIZE:
        raise ValueError(
            f"min_cell_size must be at least {MIN_ALLOWED_CELL_SIZE} to protect anonymity, "
            f"got {min_cell_size}"
        )
    return int(min_cell_size)


def _protect_comments(
    n: np.ndarray, exists: np.ndarray, hidden: np.ndarray, min_width: float, min_group: int
) -> None:
    """Comment counts alone (a fast first pass): close lines, widen intervals, fill groups."""
    no_labels = np.zeros((0, *n.shape))
    while True:
        close_lines(n, exists, hidden)
        bounds = attacker_intervals(n, no_labels, hidden, np.ones((0, 3), bool), n_width=min_width)
        weak = [
            (int(d), int(j)) for d, j in np.argwhere(bounds.n_hi - bounds.n_lo < min_width - _TOL)
        ]
        for j in range(3):
            in_column = [(int(d), j) for d in np.flatnonzero(hidden[:, j])]
            group = sum(int(n[c]) for c in in_column)
            if in_column and group < min_group <= int(n[:, j].sum()):
                weak.append(in_column[0])
        if not hide_partners(n, exists, hidden, weak):
            return


def protect_table(
    n: np.ndarray,
    primary: np.ndarray,
    *,
    flags: np.ndarray | None = None,
    rate_shown: np.ndarray | None = None,
    min_width: float = PROTECTION_WIDTH,
    flag_width: float = FLAG_PROTECTION_WIDTH,
    min_group: int = 0,
) -> Protection:
    """Complementary suppression for one period's table, to a fixed point.

    Args:
        n: Counts, shape (directorates, 3) in :data:`CELL_SOURCES` order; 0 = absent.
        primary: Cells that must be hidden.
        flags: Flag counts per label, shape (labels, directorates, 3); None
            protects the comment counts only.
        rate_shown: Organisation rates published before protection, shape
            (labels, 3); default all.
        min_width: Smallest acceptable width of the attacker's interval for a
            hidden comment count.
        flag_width: The same for a hidden flag count.
        min_group: The hidden cells of a source must hold at least this many
            comments together (where the source has that many), so the
            organisation's flag totals reveal nothing about a smaller group.

    Returns:
        The :class:`Protection`: hidden cells (a superset of ``primary``) and
        the organisation rates still published (a subset of ``rate_shown``).
    """
    flags = np.zeros((0, *n.shape), np.int64) if flags is None else flags
    shown = np.ones((flags.shape[0], 3), bool) if rate_shown is None else rate_shown.copy()
    exists = n > 0
    hidden = primary.copy()
    while True:
        _protect_comments(n, exists, hidden, min_width, min_group)
        bounds = attacker_intervals(n, flags, hidden, shown, n_width=min_width, f_width=flag_width)
        pinned = weak_flags(
            n, flags, hidden, shown, bounds, flag_width=flag_width, min_group=min_group
        )
        over_hidden = hidden.any(axis=0)
        labels = sorted({lab for lab, _, _ in pinned if (shown[lab] & over_hidden).any()})
        if labels:  # first remedy: leave the label's organisation rates blank
            shown[labels] &= ~over_hidden
            continue
        weak = [
            (int(d), int(j)) for d, j in np.argwhere(bounds.n_hi - bounds.n_lo < min_width - _TOL)
        ]
        weak += [(d, j) for _, d, j in pinned]
        if not hide_partners(n, exists, hidden, weak):  # protected, or nothing left to hide
            return Protection(hidden, shown)


def _small_org_totals(totals: np.ndarray, min_cell_size: int) -> np.ndarray:
    """Which of the organisation's (survey, complaint, all) totals are small cells.

    As ``all = survey + complaint`` holds for the organisation too, hiding one
    of the three forces hiding the smaller of the other two.
    """
    hidden = (totals > 0) & (totals < min_cell_size)
    others = [j for j in range(len(totals)) if totals[j] > 0 and not hidden[j]]
    if int(hidden.sum()) == 1 and others:
        hidden[min(others, key=lambda j: (totals[j], j))] = True
    return np.asarray(hidden)


def hidden_org_totals(totals: pd.Series, min_cell_size: int) -> pd.Series:
    """Which organisation totals (per period and source) must not have a rate published.

    An organisation total below ``min_cell_size`` is itself a small cell (see
    :func:`disclosure_plan` for the rates of single labels).

    Args:
        totals: Comment counts indexed by (period, source), sources as in
            :data:`CELL_SOURCES` (a missing source counts as 0).
        min_cell_size: The suppression threshold.

    Returns:
        Boolean series with the same index: True where the rate is hidden.
    """
    hidden = pd.Series(False, index=totals.index)
    for period in totals.index.get_level_values(0).unique():
        row = totals.loc[period].reindex(list(CELL_SOURCES)).fillna(0)
        small = _small_org_totals(row.to_numpy(dtype=np.int64), min_cell_size)
        for source in row.index[small]:
            if (period, source) in hidden.index:
                hidden.loc[(period, source)] = True
    return hidden


def _period_table(
    group: pd.DataFrame, labels: list[str]
) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """Directorates, comment counts (D, 3) and flag counts (L, D, 3) of one period."""
    sizes = group.drop_duplicates(["directorate", "source"]).pivot_table(
        index="directorate", columns="source", values="n_comments", aggfunc="sum"
    )
    sizes = sizes.reindex(columns=list(CELL_SOURCES)).fillna(0)
    flags = np.zeros((len(labels), len(sizes), 3), np.int64)
    if labels:
        wide = group.pivot_table(
            index=["label", "directorate"], columns="source", values="n_flagged", aggfunc="sum"
        )
        full = pd.MultiIndex.from_product([labels, sizes.index], names=["label", "directorate"])
        wide = wide.reindex(index=full, columns=list(CELL_SOURCES)).fillna(0)
        flags = wide.to_numpy(dtype=np.int64).reshape(len(labels), len(sizes), 3)
    return sizes.index, sizes.to_numpy(dtype=np.int64), flags


def disclosure_plan(
    cells: pd.DataFrame,
    min_cell_size: int,
    *,
    complementary: bool = True,
    min_width: float = PROTECTION_WIDTH,
    flag_width: float = FLAG_PROTECTION_WIDTH,
) -> DisclosurePlan:
    """Decide which cells of every period are suppressed and which organisation rates are blank.

    Args:
        cells: One row per existing (period, directorate, source) with
            ``n_comments`` (>= 1), sources as in :data:`CELL_SOURCES`; or one
            row per (period, directorate, source, label) with ``n_comments``
            and ``n_flagged`` (:func:`pipelines.trends.count_flags`), which
            also protects the flag counts. Without labels only the comment
            counts are protected and ``org_rates`` is empty.
        min_cell_size: Cells with fewer comments are suppressed (>= 5).
        complementary: Also hide partner cells and blank organisation rates
            (switch off only to test the audit).
        min_width: See :func:`protect_table`.
        flag_width: See :func:`protect_table`.

    Returns:
        The :class:`DisclosurePlan`.

    Raises:
        ValueError: ``min_cell_size`` below :data:`MIN_ALLOWED_CELL_SIZE`.
    """
    check_min_cell_size(min_cell_size)
    with_labels = {"label", "n_flagged"} <= set(cells.columns)
    labels = sorted(cells["label"].astype(str).unique()) if with_labels else []
    parts, rates = [], []
    for period, group in cells.groupby("period", sort=True):
        names, n, flags = _period_table(group, labels)
        primary = (n > 0) & (n < min_cell_size)
        small = _small_org_totals(n.sum(axis=0), min_cell_size)
        shown = np.tile(~small, (len(labels), 1))
        hidden = primary
        if complementary:
            kept = protect_table(
                n,
                primary,
                flags=flags,
                rate_shown=shown,
                min_width=min_width,
                flag_width=flag_width,
                min_group=min_cell_size,
            )
            hidden, shown = kept.hidden, kept.rate_shown
        frame = pd.DataFrame(
            {
                "period": period,
                "directorate": np.repeat(names.to_numpy(), 3),
                "source": np.tile(np.array(CELL_SOURCES), len(names)),
                "suppressed": hidden.ravel(),
                "padding": (hidden & (n == 0)).ravel(),
                "_n": n.ravel(),
            }
        )
        parts.append(frame[(frame["_n"] > 0) | frame["padding"]])
        with_comments = np.flatnonzero(n.sum(axis=0) > 0)
        rates.append(
            pd.DataFrame(
                {
                    "period": period,
                    "source": np.tile(np.array(CELL_SOURCES)[with_comments], len(labels)),
                    "label": np.repeat(np.array(labels, dtype=object), len(with_comments)),
                    "org_rate_hidden": ~shown[:, with_comments].ravel(),
                }
            )
        )
    pattern = (
        pd.concat(parts, ignore_index=True)[list(PATTERN_COLUMNS)]
        if parts
        else pd.DataFrame({c: [] for c in PATTERN_COLUMNS})
    )
    org_rates = (
        pd.concat(rates, ignore_index=True)
        if rates
        else pd.DataFrame({c: [] for c in ORG_RATE_COLUMNS})
    )
    return DisclosurePlan(
        pattern.astype({"suppressed": bool, "padding": bool}),
        org_rates.astype({"org_rate_hidden": bool}),
    )


def suppression_pattern(
    cells: pd.DataFrame,
    min_cell_size: int,
    *,
    complementary: bool = True,
    min_width: float = PROTECTION_WIDTH,
) -> pd.DataFrame:
    """Decide which cells of every period are suppressed (the pattern of :func:`disclosure_plan`).

    Args:
        cells: As for :func:`disclosure_plan` (the organisation rates it blanks come with it).
        min_cell_size: Cells with fewer comments are suppressed (>= 5).
        complementary: Also hide partner cells (switch off only to test the audit).
        min_width: See :func:`protect_table`.

    Returns:
        Columns of :data:`PATTERN_COLUMNS`: every input cell, plus the padding
        cells (0 comments, ``padding`` True) that had to be hidden.

    Raises:
        ValueError: ``min_cell_size`` below :data:`MIN_ALLOWED_CELL_SIZE`.
    """
    plan = disclosure_plan(cells, min_cell_size, complementary=complementary, min_width=min_width)
    return plan.pattern
