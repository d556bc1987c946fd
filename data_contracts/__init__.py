"""Data contracts: one GX expectation suite per pipeline boundary, and a runner.

Boundaries (suite names): ``raw_survey``, ``raw_complaint``, ``records``,
``classified``, ``trend``. Build one with :func:`get_suite`, validate a pandas
frame with :func:`run_suite` and, with a file-backed context from
:func:`file_context`, publish the results with :func:`build_data_docs`.
Results never hold cell content (see :mod:`data_contracts.sanitize`).

Great Expectations takes seconds to import, so the names below are loaded on
first use; :mod:`data_contracts.columns` and :mod:`data_contracts.rules` never
import it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from data_contracts.contexts import build_data_docs, ephemeral_context, file_context
    from data_contracts.registry import SUITE_NAMES, get_suite
    from data_contracts.runner import ExpectationOutcome, SuiteResult, run_suite

__all__ = [
    "SUITE_NAMES",
    "ExpectationOutcome",
    "SuiteResult",
    "build_data_docs",
    "ephemeral_context",
    "file_context",
    "get_suite",
    "run_suite",
]

_HOMES = {
    "build_data_docs": "data_contracts.contexts",
    "ephemeral_context": "data_contracts.contexts",
    "file_context": "data_contracts.contexts",
    "SUITE_NAMES": "data_contracts.registry",
    "get_suite": "data_contracts.registry",
    "ExpectationOutcome": "data_contracts.runner",
    "SuiteResult": "data_contracts.runner",
    "run_suite": "data_contracts.runner",
}


def __getattr__(name: str) -> Any:
    """Import the public names lazily, on first access."""
    try:
        module = _HOMES[name]
    except KeyError:
        raise AttributeError(f"module 'data_contracts' has no attribute {name!r}") from None
    return getattr(importlib.import_module(module), name)
