"""Flag counts kept beside ``classified_comments``, so reading history costs cells, not comments.

``flag_counts`` holds :func:`pipelines.trends.count_flags` of the stored
comments: one row per (period, directorate, source, label) with
``n_comments`` and ``n_flagged``, and the ``run_id`` that wrote it. Counts of
one period and directorate depend on that scope's comments only, so a run
replaces its scope of ``flag_counts`` in the same replacement (one
transaction) as its scope of ``classified_comments``: both tables always
describe the same comments, a rerun replaces exactly its cells, and a failed
or killed write leaves both as they were.

A warehouse written before ``flag_counts`` existed gets the table filled in
from the stored comments by its next write (:func:`backfill`, called under
the writers' lock); until then :func:`stored_counts` counts the comments
themselves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import pandas as pd

from data_contracts.columns import TREND_KEY
from pipelines.trends import CLASSIFIED_COLUMNS, COUNT_COLUMNS, concat_counts, count_flags
from pipelines.warehouse import Replacement, Warehouse

FLAG_COUNTS: Final[str] = "flag_counts"
"""The counts table."""
COMMENTS: Final[str] = "classified_comments"
"""The table it counts."""
_COUNT_TYPES: Final[dict[str, str]] = {
    **{c: "str" for c in TREND_KEY},
    "n_comments": "int64",
    "n_flagged": "int64",
}
"""Column types of :func:`pipelines.trends.count_flags` output."""


def stored_counts(store: Warehouse, where: str, params: Sequence[Any]) -> pd.DataFrame:
    """Flag counts of the stored comments matching ``where``.

    Args:
        store: The warehouse.
        where: A condition on ``period`` and/or ``directorate`` (``?`` placeholders).
        params: Its values.

    Returns:
        :func:`pipelines.trends.count_flags` output (no rows if nothing is stored).
    """
    counts = store.read_table(FLAG_COUNTS, where, params, columns=COUNT_COLUMNS)
    if len(counts.columns):  # a frame without columns: the table does not exist yet
        return concat_counts(counts.astype(_COUNT_TYPES))  # sorted as count_flags sorts
    comments = store.read_table(COMMENTS, where, params, columns=CLASSIFIED_COLUMNS)
    return count_flags(comments.reindex(columns=list(CLASSIFIED_COLUMNS)))


def scope_counts(comments: pd.DataFrame, run_id: str) -> pd.DataFrame:
    """The ``flag_counts`` rows of a scope's comments (``labels`` lists or ``;``-joined)."""
    return count_flags(comments).assign(run_id=run_id)


def backfill(store: Warehouse, key: Mapping[str, Sequence[Any]], run_id: str) -> list[Replacement]:
    """Counts of every stored comment outside ``key``, if ``flag_counts`` does not exist yet.

    Call it holding the writers' lock and commit its replacement with the
    run's own, so no other writer changes the comments in between.

    Args:
        store: The warehouse.
        key: The run's scope (``period`` and ``directorate`` values), counted by the run.
        run_id: The run filling the table in.

    Returns:
        One replacement filling ``flag_counts``, or none when the table
        exists already or there are no other comments.
    """
    if store.has_table(FLAG_COUNTS) or not store.has_table(COMMENTS):
        return []
    comments = store.read_table(COMMENTS, columns=CLASSIFIED_COLUMNS)
    inside = comments["period"].isin(list(key["period"])) & comments["directorate"].isin(
        list(key["directorate"])
    )
    counts = scope_counts(comments[~inside], run_id)
    if counts.empty:
        return []
    scope = {c: sorted(counts[c].unique()) for c in ("period", "directorate")}
    return [Replacement(FLAG_COUNTS, counts, scope)]
