"""One period's table under attack: the attacker's linear programme and the table's lines.

The unknowns are the hidden comment counts ``n`` and, for every label, the
hidden flag counts ``f`` of the same cells. What a reader of the published
table knows about them, as linear relations:

- source margin, per directorate: ``survey + complaint - all = 0`` for the
  comments and for the flags of every label;
- organisation margin, per source: the hidden comments of a source add up to
  its published intake total minus its published cells; the hidden flags of a
  label add up to ``org_rate x intake`` minus the published cells' flags,
  wherever that organisation rate is published;
- ``0 <= f <= n`` in every cell, and every count is non-negative (a hidden
  cell may be an empty padding cell).

Rates, intervals, changes and rolling rates of published cells are functions
of published counts, and suppressed cells publish none of them, so they add
no relation. The attacker's interval for an unknown is its minimum and
maximum over these relations (``scipy.optimize.linprog`` with HiGHS). The
policy that uses these intervals is :func:`pipelines.disclosure.protect_table`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

ROW_SIGN: Final[np.ndarray] = np.array([1.0, 1.0, -1.0])
"""``survey + complaint - all = 0`` for every directorate (``CELL_SOURCES`` order)."""
WITNESS_PROGRAMMES: Final[int] = 4
"""Programmes with random objectives solved first: their solutions settle most wide unknowns."""
_TOL: Final[float] = 1e-6
_Row = tuple[np.ndarray, np.ndarray, float]  # variable indices, coefficients, right-hand side


@dataclass(frozen=True)
class Intervals:
    """The attacker's bounds on the hidden counts of one period's table.

    Exact wherever the interval is narrower than the width asked for; wider
    intervals may be reported by an inner estimate (the range over feasible
    points found), which is enough to know they are wide enough. Visible
    cells hold NaN.

    Attributes:
        n_lo: Lower bounds of the comment counts, shape (directorates, 3).
        n_hi: Upper bounds of the comment counts, same shape.
        f_lo: Lower bounds of the flag counts, shape (labels, directorates, 3).
        f_hi: Upper bounds of the flag counts, same shape.
    """

    n_lo: np.ndarray
    n_hi: np.ndarray
    f_lo: np.ndarray
    f_hi: np.ndarray


def _margin_rows(
    values: np.ndarray, cells: list[tuple[int, int]], offset: int, columns: np.ndarray
) -> list[_Row]:
    """Source-margin rows (where ``values`` add up) and the organisation rows of ``columns``."""
    rows: list[_Row] = []
    index = np.arange(len(cells)) + offset
    row_of = np.array([d for d, _ in cells])
    col_of = np.array([j for _, j in cells])
    for d in np.unique(row_of):
        if abs(float(values[d] @ ROW_SIGN)) < _TOL:  # hand-made counts may not add up
            mask = row_of == d
            coefs = ROW_SIGN[col_of[mask]]
            rows.append((index[mask], coefs, float(coefs @ values[d, col_of[mask]])))
    for j in np.unique(col_of):
        if columns[j]:
            mask = col_of == j
            rows.append(
                (index[mask], np.ones(int(mask.sum())), float(values[row_of[mask], j].sum()))
            )
    return rows


def _presolve(rows: list[_Row]) -> dict[int, float]:
    """Unknowns every solution fixes: alone in a relation, or summing to 0 with one sign."""
    fixed: dict[int, float] = {}
    changed = True
    while changed:
        changed = False
        for idx, coefs, rhs in rows:
            free = [k for k, v in enumerate(idx) if int(v) not in fixed]
            if not free:
                continue
            rest = rhs - sum(
                float(coefs[k]) * fixed[int(idx[k])] for k in range(len(idx)) if k not in free
            )
            signs = {np.sign(coefs[k]) for k in free}
            if len(free) == 1:
                fixed[int(idx[free[0]])] = rest / float(coefs[free[0]])
            elif abs(rest) < _TOL and len(signs) == 1:
                fixed.update({int(idx[k]): 0.0 for k in free})
            else:
                continue
            changed = True
    return fixed


def attacker_intervals(
    n: np.ndarray,
    flags: np.ndarray,
    hidden: np.ndarray,
    rate_shown: np.ndarray,
    *,
    n_width: float = np.inf,
    f_width: float = np.inf,
) -> Intervals:
    """Bound every hidden count the way an attacker with a linear programme would.

    Unknowns pinned by the relations alone are found without a programme
    (presolve); the solutions of the programmes double as feasible points, so
    an unknown already seen to range over ``n_width`` (comments) or
    ``f_width`` (flags) needs no programme of its own.

    Args:
        n: Comment counts, shape (directorates, 3); 0 where a cell is absent.
        flags: Flag counts, shape (labels, directorates, 3); labels may be 0.
        hidden: Suppressed cells, shape (directorates, 3).
        rate_shown: Whether the organisation rate of each (label, source) is
            published, shape (labels, 3).
        n_width: Comment intervals at least this wide need not be exact.
        f_width: Flag intervals at least this wide need not be exact.

    Returns:
        The :class:`Intervals`.

    Raises:
        ValueError: When the programme fails (counts that contradict
            themselves, e.g. more flags than comments).
    """
    n_labels = flags.shape[0]
    cells = [(int(d), int(j)) for d, j in np.argwhere(hidden)]
    h = len(cells)
    size = h * (1 + n_labels)
    at = tuple(np.array(c) for c in zip(*cells, strict=True)) if cells else (np.array([], int),) * 2
    truth = np.concatenate([n[at], *(flags[lab][at] for lab in range(n_labels))]).astype(float)
    rows = _margin_rows(n.astype(float), cells, 0, np.ones(3, dtype=bool))
    for lab in range(n_labels):
        rows += _margin_rows(flags[lab].astype(float), cells, h * (1 + lab), rate_shown[lab])
    fixed = _presolve(rows)

    a_eq = sp.csr_matrix(
        (
            np.concatenate([c for _, c, _ in rows] or [np.zeros(0)]),
            (
                np.repeat(np.arange(len(rows)), [len(i) for i, _, _ in rows]),
                np.concatenate([i for i, _, _ in rows] or [np.zeros(0, int)]),
            ),
        ),
        shape=(len(rows), size),
    )
    b_eq = np.array([r for _, _, r in rows])
    k = np.arange(h * n_labels)
    a_ub = sp.csr_matrix(  # f - n <= 0
        (np.r_[np.ones(len(k)), -np.ones(len(k))], (np.r_[k, k], np.r_[k + h, k % max(h, 1)])),
        shape=(len(k), size),
    )
    bounds = [(fixed[v], fixed[v]) if v in fixed else (0.0, None) for v in range(size)]

    def solve(cost: np.ndarray) -> np.ndarray | None:
        res = linprog(
            cost,
            A_ub=a_ub if len(k) else None,
            b_ub=np.zeros(len(k)) if len(k) else None,
            A_eq=a_eq if rows else None,
            b_eq=b_eq if rows else None,
            bounds=bounds,
            method="highs",
        )
        if res.status == 3:
            return None  # unbounded
        if res.status != 0:
            raise ValueError(f"disclosure LP failed: {res.message}")
        return np.asarray(res.x)

    need = np.r_[np.full(h, n_width), np.full(h * n_labels, f_width)]
    lo, hi = truth.copy(), truth.copy()  # the true counts are one feasible point

    def open_(v: int) -> bool:
        return v not in fixed and hi[v] - lo[v] < need[v] - _TOL

    rng = np.random.default_rng(0)  # deterministic: the same table gets the same answer
    for _ in range(WITNESS_PROGRAMMES if any(open_(v) for v in range(size)) else 0):
        x = solve(rng.choice([-1.0, 1.0], size))
        if x is not None:
            lo, hi = np.minimum(lo, x), np.maximum(hi, x)
    for v in range(size):
        for sign in (-1.0, 1.0):  # the maximum, then the minimum
            if not open_(v) or (sign > 0 and lo[v] <= _TOL):
                continue  # wide enough, or the minimum is the bound 0
            cost = np.zeros(size)
            cost[v] = sign
            x = solve(cost)
            if x is None:
                hi[v] = np.inf
                continue
            lo, hi = np.minimum(lo, x), np.maximum(hi, x)

    def spread(values: np.ndarray) -> np.ndarray:
        out = np.full(n.shape, np.nan)
        out[at] = values
        return out

    f_lo = np.full(flags.shape, np.nan)
    f_hi = np.full(flags.shape, np.nan)
    for lab in range(n_labels):
        part = slice(h * (1 + lab), h * (2 + lab))
        f_lo[lab], f_hi[lab] = spread(lo[part]), spread(hi[part])
    return Intervals(spread(lo[:h]), spread(hi[:h]), f_lo, f_hi)


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


def close_lines(n: np.ndarray, exists: np.ndarray, hidden: np.ndarray) -> None:
    """Hide partners until no row or column has exactly one hidden cell (in place).

    Args:
        n: Comment counts, shape (directorates, 3).
        exists: Cells with comments, same shape.
        hidden: Suppressed cells, same shape; updated in place.
    """
    rows = [[(d, j) for j in range(3)] for d in range(n.shape[0])]
    lines = rows + [[(d, j) for d in range(n.shape[0])] for j in range(3)]
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


def hide_partners(
    n: np.ndarray, exists: np.ndarray, hidden: np.ndarray, weak: list[tuple[int, int]]
) -> bool:
    """Hide a partner of each weak cell: in its source if any is left, else in its directorate.

    Args:
        n: Comment counts, shape (directorates, 3).
        exists: Cells with comments, same shape.
        hidden: Suppressed cells, same shape; updated in place.
        weak: Cells whose attacker's interval is too narrow.

    Returns:
        Whether any cell was hidden.
    """
    added = False
    for d, j in weak:
        column = [(i, j) for i in range(n.shape[0])]
        row = [(d, jj) for jj in range(3)]
        partner = _partner(n, exists, hidden, column) or _partner(n, exists, hidden, row)
        if partner is not None:
            hidden[partner] = True
            added = True
    return added


def weak_flags(
    n: np.ndarray,
    flags: np.ndarray,
    hidden: np.ndarray,
    rate_shown: np.ndarray,
    bounds: Intervals,
    *,
    flag_width: float,
    min_group: int,
) -> list[tuple[int, int, int]]:
    """Hidden flag counts the attacker pins to an interval narrower than ``flag_width``.

    Not those pinned at 0 by a published group of at least ``min_group``
    comments with no flag: the directorate's published ``all`` cell, or the
    hidden cells of the cell's source (or of ``all``) together, whose flags the
    published organisation rate puts at 0.

    Args:
        n: Comment counts, shape (directorates, 3).
        flags: Flag counts, shape (labels, directorates, 3).
        hidden: Suppressed cells, shape (directorates, 3).
        rate_shown: Published organisation rates, shape (labels, 3).
        bounds: The attacker's intervals (:func:`attacker_intervals`).
        flag_width: Narrowest acceptable interval.
        min_group: Smallest group whose having no flag may be published.

    Returns:
        (label, directorate, source) of each pinned flag count.
    """
    weak = []
    for lab, d, j in np.argwhere(bounds.f_hi - bounds.f_lo < flag_width - _TOL):
        if bounds.f_hi[lab, d, j] < _TOL:
            if not hidden[d, 2] and n[d, 2] > 0 and flags[lab, d, 2] == 0:
                continue  # the directorate's published total has no flag
            if any(
                rate_shown[lab, g]
                and int(n[hidden[:, g], g].sum()) >= min_group
                and int(flags[lab, hidden[:, g], g].sum()) == 0
                for g in {int(j), 2}
            ):
                continue  # a large hidden group of the source with no flag
        weak.append((int(lab), int(d), int(j)))
    return weak
