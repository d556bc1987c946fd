"""GX Data Contexts: in-memory for tests and checks, file-backed for persisted results.

A file-backed context lives under the folder the caller passes (the pipeline
passes ``Settings().validation_dir``): ``<folder>/gx/`` holds the suites, the
sanitised validation results (the latest :data:`RESULTS_KEPT_PER_SUITE` of
each suite) and the local Data Docs site.
"""

from __future__ import annotations

import contextlib
import functools
from collections import defaultdict
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urlparse

import great_expectations as gx
from filelock import FileLock
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.data_context.types.resource_identifiers import (
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)

from data_contracts._gx import AbstractDataContext, FileDataContext

DATA_DOCS_SITE: Final[str] = "local_site"
LOCK_TIMEOUT_SECONDS: Final[float] = 300.0
"""How long a process waits for another to finish writing the GX project."""
RESULTS_KEPT_PER_SUITE: Final[int] = 6
"""Validation results kept (and shown in Data Docs) per suite: the latest runs."""


def _quiet(context: AbstractDataContext) -> None:
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.enable_analytics(False)


def _lock(project_dir: Path) -> FileLock:
    return FileLock(str(project_dir / "gx.lock"), timeout=LOCK_TIMEOUT_SECONDS)


def project_lock(context: AbstractDataContext) -> contextlib.AbstractContextManager[Any]:
    """An inter-process lock on a file-backed context's project (a no-op in memory).

    GX rewrites ``great_expectations.yml`` whole when a data source, asset or
    suite is added; another flow process opening or changing the same project
    meanwhile could read it half-written. Hold this lock around such writes.

    Args:
        context: Any context.

    Returns:
        A context manager.
    """
    root = getattr(context, "root_directory", None)
    return _lock(Path(root).parent) if root else contextlib.nullcontext()


def ephemeral_context() -> AbstractDataContext:
    """Create a new in-memory context (nothing is written to disk).

    Returns:
        An ephemeral context with progress bars and analytics off.
    """
    context = gx.get_context(mode="ephemeral")
    _quiet(context)
    return context


@functools.cache
def default_context() -> AbstractDataContext:
    """Return the process-wide in-memory context used when none is passed."""
    return ephemeral_context()


def file_context(validation_dir: Path) -> FileDataContext:
    """Open (creating if needed) the file-backed GX project under a folder.

    Args:
        validation_dir: Project folder, normally ``Settings().validation_dir``.

    Returns:
        The file-backed context rooted at ``validation_dir / "gx"``.
    """
    validation_dir.mkdir(parents=True, exist_ok=True)
    with _lock(validation_dir):  # another flow process may be writing the project
        context = gx.get_context(mode="file", project_root_dir=validation_dir)
        _quiet(context)
    return context


def prune_results(context: AbstractDataContext, keep: int = RESULTS_KEPT_PER_SUITE) -> int:
    """Delete all but the latest ``keep`` stored validation results of each suite.

    Args:
        context: A file-backed context from :func:`file_context`.
        keep: Results kept per suite (at least 1), newest by run time.

    Returns:
        How many results were deleted.
    """
    store = context.validation_results_store
    by_suite: dict[str, list[ValidationResultIdentifier]] = defaultdict(list)
    for key in store.list_keys():
        if isinstance(key, ValidationResultIdentifier):
            by_suite[str(key.expectation_suite_identifier.name)].append(key)
    removed = 0
    for keys in by_suite.values():
        keys.sort(key=_run_order)
        for key in keys[: -max(keep, 1)]:
            store.remove_key(key)  # type: ignore[no-untyped-call]
            removed += 1
    return removed


def _run_order(key: ValidationResultIdentifier) -> tuple[str, str]:
    run_time = key.run_id.run_time
    return (run_time.isoformat() if run_time else "", str(key.run_id.run_name or ""))


def _unrendered(context: AbstractDataContext) -> list[ValidationResultIdentifier]:
    """Stored results that have no page in the local site yet."""
    site_config = (context.variables.data_docs_sites or {})[DATA_DOCS_SITE]
    # one site builder for every key (the public get_docs_sites_urls builds one per call)
    site = context._load_site_builder_from_site_config(site_config)
    return [
        key
        for key in context.validation_results_store.list_keys()
        if isinstance(key, ValidationResultIdentifier)
        and not site.get_resource_url(resource_identifier=key, only_if_exists=True)
    ]


def build_data_docs(
    context: AbstractDataContext, *, keep: int = RESULTS_KEPT_PER_SUITE
) -> Path | None:
    """Update the local Data Docs site: the suites and the latest results of each.

    Only the latest ``keep`` results of each suite are kept (older results
    and their pages are deleted), and only results without a page yet are
    rendered, so a build costs the same however many runs came before. The
    stored results hold counts and row positions only (see
    :mod:`data_contracts.sanitize`), so the pages never show comment text.

    Args:
        context: A file-backed context from :func:`file_context`.
        keep: Results kept and shown per suite.

    Returns:
        Path of the site's ``index.html`` for analysts to open, or ``None``
        when the context has no file-system site (an ephemeral context).
    """
    with project_lock(context):
        if DATA_DOCS_SITE not in (context.variables.data_docs_sites or {}):
            urls = context.build_data_docs()
        else:
            prune_results(context, keep)
            suites = [ExpectationSuiteIdentifier(name=s.name) for s in context.suites.all()]
            todo: list[Any] = [*suites, *_unrendered(context)]
            urls = context.build_data_docs(
                site_names=[DATA_DOCS_SITE], resource_identifiers=todo or None
            )
    url = urls.get(DATA_DOCS_SITE) or next(iter(urls.values()), None)
    if not url:
        return None
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    return Path(unquote(parsed.path))
