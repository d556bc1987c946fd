"""GX Data Contexts: in-memory for tests and checks, file-backed for persisted results.

A file-backed context lives under the folder the caller passes (the pipeline
passes ``Settings().validation_dir``): ``<folder>/gx/`` holds the suites, the
sanitised validation results and the local Data Docs site.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import unquote, urlparse

import great_expectations as gx
from great_expectations.data_context.types.base import ProgressBarsConfig

from data_contracts._gx import AbstractDataContext, FileDataContext

DATA_DOCS_SITE = "local_site"


def _quiet(context: AbstractDataContext) -> None:
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.enable_analytics(False)


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
    context = gx.get_context(mode="file", project_root_dir=validation_dir)
    _quiet(context)
    return context


def build_data_docs(context: AbstractDataContext) -> Path | None:
    """Rebuild the local Data Docs site from the stored suites and results.

    The stored results hold counts and row positions only (see
    :mod:`data_contracts.sanitize`), so the pages never show comment text.

    Args:
        context: A file-backed context from :func:`file_context`.

    Returns:
        Path of the site's ``index.html`` for analysts to open, or ``None``
        when the context has no file-system site (an ephemeral context).
    """
    urls = context.build_data_docs()
    url = urls.get(DATA_DOCS_SITE) or next(iter(urls.values()), None)
    if not url:
        return None
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    return Path(unquote(parsed.path))
