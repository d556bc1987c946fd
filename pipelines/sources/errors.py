"""Errors a source raises for problems no single row can explain."""

from __future__ import annotations


class BatchError(ValueError):
    """A whole file or table cannot be ingested as delivered.

    The message names the file, the problem and the fix, and never holds
    comment text.

    Attributes:
        file: The file (or table) the problem is in.
        problem: What is wrong with it.
        fix: What the person who supplies the data should do.
    """

    def __init__(self, file: str, problem: str, fix: str) -> None:
        self.file = file
        self.problem = problem
        self.fix = fix
        super().__init__(f"{file}: {problem}. Fix: {fix}")

    def __reduce__(self) -> tuple[type[BatchError], tuple[str, str, str]]:
        return (type(self), (self.file, self.problem, self.fix))


class SourceUnavailableError(RuntimeError):
    """A source could not be reached after retrying.

    Attributes:
        url: The source URL with any password masked.
        attempts: How many attempts were made.
        fix: What to check.
    """

    def __init__(self, url: str, attempts: int, reason: str, fix: str) -> None:
        self.url = url
        self.attempts = attempts
        self.reason = reason
        self.fix = fix
        super().__init__(f"{url} unavailable after {attempts} attempt(s): {reason}. Fix: {fix}")

    def __reduce__(self) -> tuple[type[SourceUnavailableError], tuple[str, int, str, str]]:
        return (type(self), (self.url, self.attempts, self.reason, self.fix))
