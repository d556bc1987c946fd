"""Registry of the expectation suites, one per pipeline boundary."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

import great_expectations as gx

from data_contracts.output_suites import classified_suite, trend_suite
from data_contracts.suites import raw_complaint_suite, raw_survey_suite, records_suite

_BUILDERS: Final[dict[str, Callable[[], gx.ExpectationSuite]]] = {
    "raw_survey": raw_survey_suite,
    "raw_complaint": raw_complaint_suite,
    "classified": classified_suite,
    "trend": trend_suite,
}

SUITE_NAMES: Final[tuple[str, ...]] = (
    "raw_survey",
    "raw_complaint",
    "records",
    "classified",
    "trend",
)
"""Valid suite names, in pipeline order."""


def get_suite(name: str, *, directorates: Sequence[str] | None = None) -> gx.ExpectationSuite:
    """Build the expectation suite of one boundary.

    Args:
        name: One of :data:`SUITE_NAMES`.
        directorates: Canonical directorate names of the reference list;
            required for ``"records"``, ignored otherwise.

    Returns:
        A new, unsaved suite named ``name``.

    Raises:
        KeyError: ``name`` is not a known suite; the message lists the valid names.
        ValueError: ``"records"`` was asked for without ``directorates``.
    """
    if name == "records":
        if not directorates:
            raise ValueError(
                "suite 'records' needs directorates=: the canonical names of "
                "pipelines/config/directorates.yaml"
            )
        return records_suite(directorates)
    try:
        builder = _BUILDERS[name]
    except KeyError:
        raise KeyError(
            f"unknown suite {name!r}; valid names are {', '.join(SUITE_NAMES)}"
        ) from None
    return builder()
