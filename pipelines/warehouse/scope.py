"""What a write replaces: new rows for one table and the scope they own."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Replacement:
    """New rows for one table and the scope they replace.

    Attributes:
        table: Table name (a trusted identifier from this package).
        frame: The new rows; every row must lie inside ``scope``.
        scope: Column -> allowed values: the rows deleted before inserting.
    """

    table: str
    frame: pd.DataFrame
    scope: Mapping[str, Sequence[Any]]


def check_inside(rep: Replacement) -> None:
    """Refuse rows of ``rep.frame`` that lie outside ``rep.scope``.

    Raises:
        ValueError: If any row lies outside the scope (the message holds counts only).
    """
    for column, values in rep.scope.items():
        outside = ~rep.frame[column].isin(list(values))
        if outside.any():
            raise ValueError(
                f"{int(outside.sum())} rows for {rep.table} lie outside the run's {column}"
            )
