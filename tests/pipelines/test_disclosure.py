"""Disclosure control: an attacker's linear-programming audit of what the trend table publishes.

The audit sees only what is published: the trend rows (suppressed rows with
their keys and ``org_rate`` only), the organisation totals per period and
source (``intake_counts.passed``), and that counts are non-negative with
``n_flagged <= n_comments``. It rebuilds every linear relation those values
satisfy (source margins, organisation margins, the pools behind ``org_rate``
(every cell, suppressed ones included, wherever it is published), ``prev_rate``
and ``rolling_rate_3m``) and asks ``linprog`` for the smallest
and largest value of each suppressed count. A suppressed comment count must keep
an interval at least ``PROTECTION_WIDTH`` wide and a suppressed flag count one
at least ``FLAG_PROTECTION_WIDTH`` wide, bar a flag count that is 0 because a
published group of at least k comments has no flag.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import hypothesis.strategies as st
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, find, given, seed, settings
from pydantic import ValidationError
from scipy.optimize import linprog

from pipelines import trends
from pipelines.disclosure import (
    FLAG_PROTECTION_WIDTH,
    PROTECTION_WIDTH,
    DisclosurePlan,
    check_min_cell_size,
    disclosure_plan,
    protect_table,
)
from pipelines.periods import shift_period
from pipelines.settings import Settings
from pipelines.trends import build_trends
from tests.pipelines.test_trends import META, counts_frame

SOURCES = ("survey", "complaint", "all")
HIDDEN_ONLY_ORG = ("period", "directorate", "source", "label", "org_rate", "suppressed")
Key = tuple[str, ...]


class Audit:
    """Linear relations an attacker can write down from the published values."""

    def __init__(self) -> None:
        self.index: dict[Key, int] = {}
        self.eq: list[tuple[dict[int, float], float]] = []
        self.ub: list[tuple[dict[int, float], float]] = []

    def var(self, key: Key) -> int:
        return self.index.setdefault(key, len(self.index))

    def bounds(self) -> dict[Key, tuple[float, float]]:
        size = len(self.index)

        def matrix(rows: list[tuple[dict[int, float], float]]) -> tuple[np.ndarray, np.ndarray]:
            a = np.zeros((len(rows), size))
            for i, (coefs, _) in enumerate(rows):
                for j, c in coefs.items():
                    a[i, j] += c
            return a, np.array([b for _, b in rows])

        a_eq, b_eq = matrix(self.eq)
        a_ub, b_ub = matrix(self.ub) if self.ub else (None, None)
        out = {}
        for key, j in self.index.items():
            ends = []
            for sign in (1.0, -1.0):
                cost = np.zeros(size)
                cost[j] = sign
                res = linprog(
                    cost,
                    A_ub=a_ub,
                    b_ub=b_ub,
                    A_eq=a_eq,
                    b_eq=b_eq,
                    bounds=(0, None),
                    method="highs",
                )
                assert res.status in (0, 3), f"published values are inconsistent: {res.message}"
                ends.append(sign * res.fun if res.status == 0 else -sign * math.inf)
            out[key] = (ends[0], ends[1])
        return out


def audit(published: pd.DataFrame, org_totals: dict[tuple[str, str], int]) -> dict:
    """Attacker's bounds on every suppressed ``n_comments`` and ``n_flagged``.

    Args:
        published: Trend rows exactly as published.
        org_totals: Published organisation totals per (period, source), survey and complaint.

    Returns:
        ``{("n", period, directorate, source) | ("f", ..., label): (min, max)}``.
    """
    pub = published.set_index(["period", "directorate", "source", "label"]).sort_index()
    hidden_rows = pub[pub["suppressed"]]
    shown = [
        c
        for c in pub.columns
        if c not in HIDDEN_ONLY_ORG
        and c not in ("model_version", "run_id", "generated_at", "significant")
    ]
    assert hidden_rows[shown].isna().all().all(), "a suppressed row publishes a number"
    assert not hidden_rows["significant"].any()
    a = Audit()
    rows = {key: row for key, row in zip(pub.index, pub.itertuples(index=False), strict=True)}
    cells = {key[:3]: row for key, row in rows.items()}
    labels = sorted({key[3] for key in rows})
    by_margin: dict[tuple[str, str, str], list[Key]] = defaultdict(list)
    for key in rows:
        by_margin[(key[0], key[2], key[3])].append(key)

    def n_term(p: str, d: str, s: str) -> tuple[dict[int, float], float]:
        if (p, d, s) not in cells:
            return {}, 0.0  # no row: no comments
        if cells[(p, d, s)].suppressed:
            return {a.var(("n", p, d, s)): 1.0}, 0.0
        return {}, float(cells[(p, d, s)].n_comments)

    def f_term(p: str, d: str, s: str, lab: str) -> tuple[dict[int, float], float]:
        if (p, d, s, lab) not in rows:
            return {}, 0.0
        if rows[(p, d, s, lab)].suppressed:
            return {a.var(("f", p, d, s, lab)): 1.0}, 0.0
        return {}, float(rows[(p, d, s, lab)].n_flagged)

    def relation(terms: Iterable[tuple[float, tuple[dict[int, float], float]]], rhs: float) -> None:
        coefs: dict[int, float] = defaultdict(float)
        for weight, (vars_, const) in terms:
            for j, c in vars_.items():
                coefs[j] += weight * c
            rhs -= weight * const
        a.eq.append((dict(coefs), rhs))

    for p in sorted({key[0] for key in rows}):
        names = sorted({d for pp, d, _ in cells if pp == p})
        for d in names:  # source margin: survey + complaint - all = 0
            signs = dict(zip(SOURCES, (1.0, 1.0, -1.0), strict=True))
            relation(((signs[s], n_term(p, d, s)) for s in SOURCES), 0.0)
            for lab in labels:
                relation(((signs[s], f_term(p, d, s, lab)) for s in SOURCES), 0.0)
        totals = {s: org_totals.get((p, s), 0) for s in SOURCES[:2]}
        totals["all"] = totals["survey"] + totals["complaint"]
        for s in SOURCES:  # organisation margin (intake_counts)
            relation(((1.0, n_term(p, d, s)) for d in names), float(totals[s]))
    for key in a.index.copy():  # 0 <= n_flagged <= n_comments
        if key[0] == "f":
            a.ub.append(({a.var(key): 1.0, a.var(("n", *key[1:4])): -1.0}, 0.0))

    def ratio(value: float, pools: list[list[Key]]) -> None:
        """``value`` = flagged/comments over one of ``pools``: use the one it matches."""
        for pool in pools:
            known = [rows[k] for k in pool if k in rows and not rows[k].suppressed]
            if len(known) == len(pool):
                n = sum(float(row.n_comments) for row in known)
                x = sum(float(row.n_flagged) for row in known)
                if n > 0 and math.isclose(x / n, value, rel_tol=1e-9, abs_tol=1e-12):
                    return  # a function of published counts: no new relation
        pool = pools[-1]  # otherwise the widest pool: flagged - value * comments = 0
        relation([(1.0, f_term(*k)) for k in pool] + [(-value, n_term(*k[:3])) for k in pool], 0.0)

    for (p, d, s, lab), row in rows.items():
        if not math.isnan(row.org_rate):  # pools every cell, suppressed ones included
            ratio(float(row.org_rate), [by_margin[(p, s, lab)]])
        if not math.isnan(row.rolling_rate_3m):
            window = [(shift_period(p, -k), d, s, lab) for k in range(3)]
            window = [k for k in window if k in rows]
            shown_w = [k for k in window if not rows[k].suppressed]
            ratio(float(row.rolling_rate_3m), [shown_w, window])
        if not math.isnan(row.prev_rate):
            ratio(float(row.prev_rate), [[(shift_period(p, -1), d, s, lab)]])
        else:
            assert math.isnan(row.p_value)
    return a.bounds()


def _zero_for_a_large_group(
    pub: pd.DataFrame, org_totals: dict[tuple[str, str], int], key: Key, k: int
) -> bool:
    """Is ``key``'s flag count 0 only because a published group of >= k comments has none?

    Either the directorate's total for the label is published with no flag, or
    the suppressed cells of the source (or of all sources) together hold at
    least ``k`` comments (org total minus the published cells) and none of the
    org's flags.
    """
    _, p, d, s, lab = key
    total = (p, d, "all", lab)
    published_total = total in pub.index and not bool(pub.loc[total, "suppressed"])
    if published_total and pub.loc[total, "n_flagged"] == 0:
        return True
    for source in {s, "all"}:  # the cell's comments are in both hidden groups
        column = pub.xs((p, source, lab), level=("period", "source", "label"))
        shown = column[~column["suppressed"]]
        parts = SOURCES[:2] if source == "all" else (source,)
        n_org = sum(org_totals.get((p, x), 0) for x in parts)
        n_hidden = n_org - float(shown["n_comments"].sum())
        rate = float(column["org_rate"].iloc[0])
        f_hidden = rate * n_org - float(shown["n_flagged"].sum())
        if n_hidden >= k and abs(f_hidden) < 1e-6:
            return True
    return False


def leaks(published: pd.DataFrame, org_totals: dict[tuple[str, str], int], k: int = 10) -> list:
    """Suppressed values the attacker pins down (or nearly).

    A suppressed ``n_comments`` must range over at least ``PROTECTION_WIDTH``;
    a suppressed ``n_flagged`` over at least ``FLAG_PROTECTION_WIDTH`` (two
    values), unless it is 0 because a published group of at least ``k``
    comments containing it has no flag (the same as publishing a cell of ``k``
    or more with 0 flagged).
    """
    bad = []
    pub = published.set_index(["period", "directorate", "source", "label"]).sort_index()
    for key, (lo, hi) in audit(published, org_totals).items():
        if key[0] == "n" and hi - lo < PROTECTION_WIDTH - 1e-6:
            bad.append((key, lo, hi))
        if key[0] != "f" or hi - lo >= FLAG_PROTECTION_WIDTH - 1e-6:
            continue
        if not (hi < 1e-6 and _zero_for_a_large_group(pub, org_totals, key, k)):
            bad.append((key, lo, hi))
    return bad


def table(
    cells: dict[tuple[str, str], tuple[int, int]],
    labels: list[str],
    flags: list[list[int]],
    complaint_flags: list[list[int] | None] | None = None,
):
    """Counts (survey and complaint per period/directorate) with their ``all`` rows.

    The flags of label ``li`` cycle through ``flags[li]`` (survey, then complaint one step on)
    or ``complaint_flags[li]`` for complaints where given, capped at the comment count.
    """
    rows = []
    for i, ((p, d), (ns, nc)) in enumerate(sorted(cells.items())):
        for li, lab in enumerate(labels):
            own = (complaint_flags or [None] * len(labels))[li]
            fs = min(flags[li][i % len(flags[li])], ns)
            fc = min(own[i % len(own)] if own else flags[li][(i + 1) % len(flags[li])], nc)
            for s, n, f in (("survey", ns, fs), ("complaint", nc, fc), ("all", ns + nc, fs + fc)):
                if n > 0:
                    rows.append((p, d, s, lab, n, f))
    counts = counts_frame(rows)
    totals = counts.drop_duplicates(["period", "directorate", "source"])
    org = totals.groupby(["period", "source"])["n_comments"].sum()
    return counts, {k: int(v) for k, v in org.items()}


def run(counts: pd.DataFrame, k: int = 10, complementary: bool = True) -> pd.DataFrame:
    periods = sorted(counts["period"].unique())
    return build_trends(counts, periods, min_cell_size=k, complementary=complementary, **META)


size = st.one_of(st.integers(0, 12), st.integers(0, 80))

PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # CI runs the same examples every time
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
"""Shared by the property tests below (with one seed, so they see the same tables)."""
PROPERTY_SEED = 20261127
FIND_SETTINGS = settings(
    max_examples=200, deadline=None, derandomize=True, database=None, phases=[Phase.generate]
)
"""Negative controls: the first failing example will do (no shrinking, which is slow)."""


@st.composite
def count_tables(draw: st.DrawFn):
    n_dir = draw(st.integers(2, 4))
    months = ["2025-05", "2025-06", "2025-07"][: draw(st.integers(1, 3))]
    labels = ["pressure:neg", "support:neg"][: draw(st.integers(1, 2))]
    cells = {}
    for p in months:
        for d in range(n_dir):
            ns, nc = draw(size), draw(st.integers(0, 15))
            if ns + nc > 0:
                cells[(p, f"D{d}")] = (ns, nc)
    if not cells:
        cells[(months[0], "D0")] = (30, 0)
    lists = st.lists(st.integers(0, 12), min_size=1, max_size=5)
    lopsided = st.sampled_from([[0], [99]])  # no comment of a source flagged, or every one
    flags = [draw(st.one_of(lists, lopsided)) for _ in labels]
    complaint = [draw(st.one_of(st.none(), lists, lopsided)) for _ in labels]
    return table(cells, labels, flags, complaint)


def protectable_leaks(
    published: pd.DataFrame, org: dict[tuple[str, str], int], k: int = 10
) -> list:
    """:func:`leaks` outside periods no table pattern can protect.

    Those are periods with a single directorate (its counts are the org
    totals) or a source whose org total is below the protection width (the
    published total itself pins its one comment).
    """
    n_dirs = published.groupby("period")["directorate"].nunique()
    hopeless = set(n_dirs[n_dirs < 2].index)
    hopeless |= {p for (p, _), n in org.items() if 0 < n < PROTECTION_WIDTH}
    return [leak for leak in leaks(published, org, k) if leak[0][1] not in hopeless]


_LEAKS: dict[tuple, list] = {}


def leaks_of(data, k: int) -> list:
    """:func:`protectable_leaks` of a generated table, computed once for both properties."""
    counts, org = data
    key = (tuple(counts.itertuples(index=False)), tuple(sorted(org.items())), k)
    if key not in _LEAKS:
        _LEAKS[key] = protectable_leaks(run(counts, k), org, k)
    return _LEAKS[key]


@PROPERTY_SETTINGS
@seed(PROPERTY_SEED)
@given(count_tables(), st.sampled_from([5, 10]))
def test_no_suppressed_comment_count_can_be_derived(data, k: int) -> None:
    assert not [leak for leak in leaks_of(data, k) if leak[0][0] == "n"]


@PROPERTY_SETTINGS
@seed(PROPERTY_SEED)
@given(count_tables(), st.sampled_from([5, 10]))
def test_no_suppressed_flag_count_can_be_derived(data, k: int) -> None:
    assert not [leak for leak in leaks_of(data, k) if leak[0][0] == "f"]


def test_the_same_generator_finds_leaks_without_complements() -> None:
    """The property above can fail: switch complements off and hypothesis finds a leak."""

    def leaky(data) -> bool:
        counts, org = data
        return bool(protectable_leaks(run(counts, complementary=False), org))

    counts, org = find(count_tables(), leaky, settings=FIND_SETTINGS)
    assert protectable_leaks(run(counts, complementary=False), org)
    assert not protectable_leaks(run(counts), org)


def comment_only_plan(cells: pd.DataFrame, min_cell_size: int, *, complementary: bool = True):
    """The protection before flag counts were protected: comment counts and small org totals."""
    sizes = cells.drop_duplicates(["period", "directorate", "source"])
    sizes = sizes[["period", "directorate", "source", "n_comments"]]
    return DisclosurePlan(
        disclosure_plan(sizes, min_cell_size, complementary=complementary).pattern,
        disclosure_plan(cells, min_cell_size, complementary=False).org_rates,
    )


def test_the_same_generator_finds_flag_leaks_with_comment_counts_protected_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Negative control for the flag relations: protect comment counts only, and a flag leaks."""
    monkeypatch.setattr(trends, "disclosure_plan", comment_only_plan)

    def leaky(data) -> bool:
        counts, org = data
        return any(leak[0][0] == "f" for leak in protectable_leaks(run(counts), org))

    counts, org = find(count_tables(), leaky, settings=FIND_SETTINGS)
    monkeypatch.undo()
    assert not protectable_leaks(run(counts), org)


def test_org_rates_that_would_pin_a_hidden_flag_count_are_blank(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A and B have few complaints: their complaint and survey cells are hidden, their totals
    # published. All of the label's complaint flags are in C's published cell, so the hidden
    # complaint cells have none, and A's hidden survey flags would equal A's published total.
    cells = {("2025-06", "A"): (40, 4), ("2025-06", "B"): (50, 6), ("2025-06", "C"): (60, 12)}
    counts, org = table(cells, ["pressure:neg"], [[5, 0, 0, 3]])
    monkeypatch.setattr(trends, "disclosure_plan", comment_only_plan)
    before = run(counts)
    assert ("f", "2025-06", "A", "survey", "pressure:neg") in {
        leak[0] for leak in leaks(before, org)
    }
    monkeypatch.undo()
    published = run(counts)
    assert (published["suppressed"] == before["suppressed"]).all()  # no cell more is hidden ...
    org_rate = published.groupby("source")["org_rate"].first()
    assert org_rate[["survey", "complaint"]].isna().all()  # ... but two org rates are blank
    assert org_rate["all"] == pytest.approx(8 / 172)  # a sum of published cells
    assert not leaks(published, org)


def test_a_lopsided_org_rate_does_not_pin_hidden_comment_counts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every complaint flagged, no survey comment flagged: A's published flags are its complaints,
    # and with the 100% complaint rate also its number of complaints (flags bound comments).
    cells = {("2025-06", "A"): (40, 4), ("2025-06", "B"): (50, 6), ("2025-06", "C"): (60, 12)}
    counts, org = table(cells, ["pressure:neg"], [[0]], [[99]])
    monkeypatch.setattr(trends, "disclosure_plan", comment_only_plan)
    pinned = {leak[0] for leak in leaks(run(counts), org) if leak[0][0] == "n"}
    assert {("n", "2025-06", "A", "complaint"), ("n", "2025-06", "A", "survey")} <= pinned
    monkeypatch.undo()
    published = run(counts)
    assert published.groupby("source")["org_rate"].first()[["survey", "complaint"]].isna().all()
    assert not leaks(published, org)


def test_audit_detects_disclosure_without_complementary_suppression() -> None:
    # org margin: A's 4 survey comments = org total - B's published 50
    counts, org = table(
        {("2025-06", "A"): (4, 0), ("2025-06", "B"): (50, 0)}, ["pressure:neg"], [[1, 7]]
    )
    assert {leak[0] for leak in leaks(run(counts, complementary=False), org)} >= {
        ("n", "2025-06", "A", "survey"),
        ("n", "2025-06", "A", "all"),
    }
    assert not leaks(run(counts), org)
    # source margin: B's 3 complaints = B's total - B's survey comments
    counts, org = table(
        {("2025-06", "A"): (40, 20), ("2025-06", "B"): (60, 3), ("2025-06", "C"): (50, 30)},
        ["support:neg"],
        [[2, 1, 5]],
    )
    plain = leaks(run(counts, complementary=False), org)
    assert ("n", "2025-06", "B", "complaint") in {leak[0] for leak in plain}
    assert ("f", "2025-06", "B", "complaint", "support:neg") in {leak[0] for leak in plain}
    assert not leaks(run(counts), org)


def test_audit_detects_a_rolling_rate_over_a_suppressed_month() -> None:
    cells = {("2025-05", d): (40, 0) for d in "ABC"} | {("2025-06", d): (40, 0) for d in "ABC"}
    cells[("2025-06", "A")] = (5, 0)
    counts, org = table(cells, ["pressure:neg"], [[3, 9, 2]])
    published = run(counts)
    assert not leaks(published, org)
    before = audit(published, org)
    # publish a July rolling rate that pools A's suppressed June with May ...
    june_a = published[
        published["suppressed"]
        & (published["period"] == "2025-06")
        & (published["directorate"] == "A")
    ]
    by_cell = counts.set_index(["period", "directorate", "source"])
    june, may = by_cell.loc[("2025-06", "A", "all")], by_cell.loc[("2025-05", "A", "all")]
    pooled = (3 + june["n_flagged"] + may["n_flagged"]) / (
        40 + june["n_comments"] + may["n_comments"]
    )
    july = june_a.assign(
        period="2025-07", suppressed=False, n_comments=40, n_flagged=3, rate=3 / 40, org_rate=3 / 40
    )
    july["rolling_rate_3m"] = np.where(july["source"] == "all", pooled, np.nan)
    leaked = pd.concat([published, july], ignore_index=True)
    after = audit(leaked, org | {("2025-07", "survey"): 40})
    # ... and the audit uses it: the attacker's interval for A's June narrows
    narrower = [k for k, (lo, hi) in before.items() if after[k][1] - after[k][0] < hi - lo - 0.5]
    assert ("n", "2025-06", "A", "all") in narrower or (
        "f",
        "2025-06",
        "A",
        "all",
        "pressure:neg",
    ) in narrower


def test_padding_cell_protects_a_lone_complaint_cell() -> None:
    counts, org = table(
        {("2025-06", "A"): (40, 3), ("2025-06", "B"): (60, 0), ("2025-06", "C"): (50, 0)},
        ["support:neg"],
        [[2, 1, 5]],
    )
    published = run(counts)
    complaint = published[published["source"] == "complaint"]
    assert set(complaint["directorate"]) == {"A", "C"}  # C (smallest) gets an empty padding cell
    assert complaint["suppressed"].all() and complaint["n_comments"].isna().all()
    assert not leaks(published, org)


def test_protect_table_closes_every_line() -> None:
    n = np.array([[4, 0, 4], [30, 12, 42], [50, 20, 70]])
    hidden = protect_table(n, (n > 0) & (n < 10)).hidden
    assert hidden[0, 0] and hidden[0, 2]
    for line in [*hidden, *hidden.T]:
        assert line.sum() != 1


def test_protect_table_blanks_the_org_rates_a_lopsided_label_would_pin() -> None:
    # the table of test_org_rates_that_would_pin_a_hidden_flag_count_are_blank, as arrays
    n = np.array([[40, 4, 44], [50, 6, 56], [60, 12, 72]])
    flags = np.array([[[5, 0, 5], [0, 0, 0], [0, 3, 3]]])
    primary = (n > 0) & (n < 10)
    comments_only = protect_table(n, primary, min_group=10)
    kept = protect_table(n, primary, flags=flags, min_group=10)
    assert (kept.hidden == comments_only.hidden).all()
    assert kept.rate_shown.tolist() == [[False, False, True]]  # survey, complaint blank
    counts, _ = table(
        {("2025-06", d): (int(ns), int(nc)) for d, (ns, nc, _) in zip("ABC", n, strict=True)},
        ["pressure:neg"],
        [[5, 0, 0, 3]],
    )
    rates = disclosure_plan(counts, 10).org_rates.set_index("source")["org_rate_hidden"]
    assert rates.to_dict() == {"survey": True, "complaint": True, "all": False}


def test_threshold_below_five_is_refused() -> None:
    assert check_min_cell_size(5) == 5
    with pytest.raises(ValueError, match="at least 5"):
        check_min_cell_size(4)
    with pytest.raises(ValidationError, match="at least 5"):
        Settings(min_cell_size=3)
    assert Settings(min_cell_size=12).min_cell_size == 12
