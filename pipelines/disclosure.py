"""Disclosure control: which trend cells to suppress so no small group can be recovered.

A *cell* is one (period, directorate, source) with its comment count; every
label of a cell shares its suppression. Within one period the published counts
form a two-way table with margins:

- source margin, per directorate: ``n(all) = n(survey) + n(complaint)`` (and
  the same for the flagged counts of every label);
- organisation margin, per source: the sum over directorates is the period's
  intake (``intake_counts.passed``), which is published.

*Primary* suppression hides every cell with fewer than ``min_cell_size``
comments. *Complementary* suppression then hides partners until no hidden
count can be recovered by subtraction: a line (a directorate's three sources,
or one source across directorates) never has exactly one hidden cell, and a
linear-programming check (the attacker's best bounds given every published
count and margin) must leave each hidden count an interval at least
``min_width`` wide; otherwise the smallest visible cell of its source is hidden
as well, iterated to a fixed point. The hidden cells of a source also hold at
least ``min_cell_size`` comments together, so the organisation rate (which
pools every cell) says nothing about a smaller group. Where a source has no other cell to hide
(one directorate with complaints), an empty cell (0 comments) is hidden as a
*padding* cell so that the reader cannot tell it from a small one.

Pure numpy/pandas/scipy; counts in, a boolean pattern out.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd
from scipy.optimize import linprog

MIN_ALLOWED_CELL_SIZE: Final[int] = 5
"""Thresholds below this are refused: they would not protect anyone."""
PROTECTION_WIDTH: Final[float] = 2.0
"""Each hidden count must range over an interval at least this wide for the attacker."""
CELL_SOURCES: Final[tuple[str, ...]] = ("survey", "complaint", "all")
"""Columns of the per-period table; ``all`` is the sum of the other two."""
ROW_SIGN: Final[np.ndarray] = np.array([1.0, 1.0, -1.0])
"""``survey + complaint - all = 0`` for every directorate."""
PATTERN_COLUMNS: Final[tuple[str, ...]] = (
    "period",
    "directorate",
    "source",
    "suppressed",
    "padding",
)


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


def hidden_intervals(n: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    """The attacker's tightest bounds on each hidden count of one period's table.

    The attacker knows every visible count, that absent cells (no row) are 0,
    the organisation total of each source, the source margin of every
    directorate, and that counts are non-negative (a hidden cell may be a
    padding cell with 0 comments).

    Args:
        n: Counts, shape (directorates, 3) in :data:`CELL_SOURCES` order.
        hidden: Which cells are suppressed, same shape.

    Returns:
        Shape (k, 2): min and max of each hidden cell, in row-major order.
    """
    cells = np.argwhere(hidden)
    if len(cells) == 0:
        return np.zeros((0, 2))
    shown = np.where(hidden, 0.0, n.astype(float))
    eq_rows: list[np.ndarray] = []
    rhs: list[float] = []
    for d in np.unique(cells[:, 0]):
        if float(n[d] @ ROW_SIGN) != 0.0:  # not additive (hand-made counts): no such relation
            continue
        eq_rows.append(np.array([ROW_SIGN[j] if i == d else 0.0 for i, j in cells]))
        rhs.append(-float(shown[d] @ ROW_SIGN))
    for j in np.unique(cells[:, 1]):
        eq_rows.append(np.array([1.0 if jj == j else 0.0 for _, jj in cells]))
        rhs.append(float(n[:, j].sum() - shown[:, j].sum()))
    a_eq, b_eq = np.vstack(eq_rows), np.array(rhs)
    out = np.empty((len(cells), 2))
    for k in range(len(cells)):
        for side, sign in enumerate((1.0, -1.0)):
            cost = np.zeros(len(cells))
            cost[k] = sign
            res = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
            if res.status == 3:  # unbounded
                out[k, side] = -sign * np.inf
            elif res.status != 0:
                raise ValueError(f"disclosure audit LP failed: {res.message}")
            else:
                out[k, side] = sign * res.fun
    return out


def _partner(
    n: np.ndarray, exists: np.ndarray, hidden: np.ndarray, line: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The cheapest visible cell of ``line`` to hide, or None when there is none.

    Prefers a cell whose crossing line already has a hidden cell (hiding it then
    closes that line too), then the smallest count; an empty cell of a
    directorate with comments (padding) only when no counted cell is left.
    """
    along_row = len({d for d, _ in line}) == 1

    def cost(c: tuple[int, int]) -> tuple[bool, int, tuple[int, int]]:
        crossing = hidden[:, c[1]] if along_row else hidden[c[0], :]
        return (not bool(crossing.any()), int(n[c]), c)

    visible = [c for c in line if not hidden[c]]
    real = sorted((c for c in visible if exists[c]), key=cost)
    if real:
        return real[0]
    pad = [c for c in visible if exists[c[0], 2]]  # the directorate has comments this period
    return sorted(pad, key=lambda c: (n[c[0], 2], c))[0] if pad else None


def _lines(n_rows: int) -> list[list[tuple[int, int]]]:
    rows = [[(d, j) for j in range(3)] for d in range(n_rows)]
    cols = [[(d, j) for d in range(n_rows)] for j in range(3)]
    return rows + cols


def _close_lines(n: np.ndarray, exists: np.ndarray, hidden: np.ndarray) -> None:
    """Hide partners until no row or column has exactly one hidden cell (in place)."""
    lines = _lines(n.shape[0])
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(bool(hidden[c]) for c in line) != 1:
                continue
            partner = _partner(n, exists, hidden, line)
            if partner is not None:
                hidden[partner] = True
                changed = True


def protect_table(
    n: np.ndarray, primary: np.ndarray, *, min_width: float = PROTECTION_WIDTH, min_group: int = 0
) -> np.ndarray:
    """Complementary suppression for one period's table, to a fixed point.

    Args:
        n: Counts, shape (directorates, 3) in :data:`CELL_SOURCES` order; 0 = absent.
        primary: Cells that must be hidden.
        min_width: Smallest acceptable width of the attacker's interval.
        min_group: The hidden cells of a source must hold at least this many
            comments together (where the source has that many), so the
            organisation's flag totals reveal nothing about a smaller group.

    Returns:
        The hidden cells (a superset of ``primary``).
    """
    exists = n > 0
    hidden = primary.copy()
    while True:
        _close_lines(n, exists, hidden)
        cells = [tuple(c) for c in np.argwhere(hidden)]
        bounds = hidden_intervals(n, hidden)
        weak = [c for c, (lo, hi) in zip(cells, bounds, strict=True) if hi - lo < min_width]
        for j in range(3):
            in_column = [c for c in cells if c[1] == j]
            group = sum(int(n[c]) for c in in_column)
            if in_column and group < min_group <= int(n[:, j].sum()):
                weak.append(in_column[0])
        added = False
        for d, j in weak:
            column = [(i, j) for i in range(n.shape[0])]
            row = [(d, jj) for jj in range(3)]
            partner = _partner(n, exists, hidden, column) or _partner(n, exists, hidden, row)
            if partner is not None:
                hidden[partner] = True
                added = True
        if not added:  # protected, or nothing left to hide (one directorate only)
            return hidden


def hidden_org_totals(totals: pd.Series, min_cell_size: int) -> pd.Series:
    """Which organisation totals (per period and source) must not have a rate published.

    An organisation total below ``min_cell_size`` is itself a small cell; as
    ``all = survey + complaint`` holds for the organisation too, hiding one of
    the three forces hiding the smaller of the other two.

    Args:
        totals: Comment counts indexed by (period, source), sources as in
            :data:`CELL_SOURCES` (a missing source counts as 0).
        min_cell_size: The suppression threshold.

    Returns:
        Boolean series with the same index: True where the rate is hidden.
    """
    hidden = (totals > 0) & (totals < min_cell_size)
    for period in totals.index.get_level_values(0).unique():
        row = totals.loc[period].reindex(list(CELL_SOURCES)).fillna(0)
        flags = hidden.loc[period]
        if int(flags.sum()) == 1:
            others = row[(row > 0) & ~row.index.isin(flags[flags].index)]
            if len(others):
                hidden.loc[(period, str(others.idxmin()))] = True
    return hidden


def suppression_pattern(
    cells: pd.DataFrame,
    min_cell_size: int,
    *,
    complementary: bool = True,
    min_width: float = PROTECTION_WIDTH,
) -> pd.DataFrame:
    """Decide which cells of every period are suppressed.

    Args:
        cells: One row per existing (period, directorate, source) with
            ``n_comments`` (>= 1); sources as in :data:`CELL_SOURCES`.
        min_cell_size: Cells with fewer comments are suppressed (>= 5).
        complementary: Also hide partner cells (switch off only to test the audit).
        min_width: See :func:`protect_table`.

    Returns:
        Columns of :data:`PATTERN_COLUMNS`: every input cell, plus the padding
        cells (0 comments, ``padding`` True) that had to be hidden.

    Raises:
        ValueError: ``min_cell_size`` below :data:`MIN_ALLOWED_CELL_SIZE`.
    """
    check_min_cell_size(min_cell_size)
    parts = []
    for period, group in cells.groupby("period", sort=True):
        table = group.pivot_table(
            index="directorate", columns="source", values="n_comments", aggfunc="sum"
        )
        table = table.reindex(columns=list(CELL_SOURCES)).fillna(0)
        n = table.to_numpy(dtype=np.int64)
        primary = (n > 0) & (n < min_cell_size)
        hidden = (
            protect_table(n, primary, min_width=min_width, min_group=min_cell_size)
            if complementary
            else primary
        )
        frame = pd.DataFrame(
            {
                "period": period,
                "directorate": np.repeat(table.index.to_numpy(), 3),
                "source": np.tile(np.array(CELL_SOURCES), len(table)),
                "suppressed": hidden.ravel(),
                "padding": (hidden & (n == 0)).ravel(),
                "_n": n.ravel(),
            }
        )
        parts.append(frame[(frame["_n"] > 0) | frame["padding"]])
    if not parts:
        return pd.DataFrame({c: [] for c in PATTERN_COLUMNS}).astype(
            {"suppressed": bool, "padding": bool}
        )
    out = pd.concat(parts, ignore_index=True)
    return out[list(PATTERN_COLUMNS)].astype({"suppressed": bool, "padding": bool})
