"""The reference list of directorates and the matching of raw spellings to it.

A raw value from a source is matched against each directorate's canonical
name and aliases after folding case, whitespace, apostrophes, punctuation
and ``&``/``and``. Anything that does not match exactly is unknown: it is
never guessed or fuzzy-matched (validation quarantines it instead).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`\u00b4]")
_NON_WORD = re.compile(r"[\W_]+")


def match_key(raw: str) -> str:
    """Fold a directorate spelling to the key used for matching.

    Args:
        raw: A spelling as written in a source or in the reference list.

    Returns:
        Lower-case words separated by single spaces, apostrophes removed and
        ``&`` spelt ``and``; e.g. ``"Children's  Services "`` -> ``"childrens services"``.
    """
    text = unicodedata.normalize("NFKC", raw).casefold()
    text = _APOSTROPHES.sub("", text).replace("&", " and ")
    return " ".join(_NON_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class Directorate:
    """One directorate of the reference list.

    Attributes:
        name: Canonical name used in every output.
        aliases: Other spellings that mean the same directorate.
    """

    name: str
    aliases: tuple[str, ...] = ()


class DirectorateReference:
    """The directorates in reference order, with exact (folded) matching."""

    def __init__(self, directorates: Iterable[Directorate]) -> None:
        """Build the lookup.

        Args:
            directorates: Directorates in reference order.

        Raises:
            ValueError: If the list is empty, or one spelling would match two
                different directorates.
        """
        self._directorates = tuple(directorates)
        if not self._directorates:
            raise ValueError("the directorate reference list is empty")
        self._lookup: dict[str, str] = {}
        for directorate in self._directorates:
            for spelling in (directorate.name, *directorate.aliases):
                key = match_key(spelling)
                owner = self._lookup.setdefault(key, directorate.name)
                if owner != directorate.name:
                    raise ValueError(
                        f"spelling {spelling!r} matches both {owner!r} and "
                        f"{directorate.name!r}; make the aliases unambiguous"
                    )

    @property
    def names(self) -> tuple[str, ...]:
        """Canonical names in reference (YAML) order."""
        return tuple(d.name for d in self._directorates)

    @property
    def directorates(self) -> tuple[Directorate, ...]:
        """The directorates with their aliases, in reference order."""
        return self._directorates

    def normalise(self, raw: str | None) -> str | None:
        """Return the canonical name for a raw spelling, or ``None`` if unknown.

        Args:
            raw: The directorate as written in a source; ``None`` or blank allowed.

        Returns:
            The canonical name when ``raw`` matches a name or alias after
            folding (see :func:`match_key`), else ``None``.
        """
        if raw is None or not isinstance(raw, str):
            return None
        key = match_key(raw)
        return self._lookup.get(key) if key else None

    def validate_names(self, requested: Iterable[str]) -> list[str]:
        """Canonical names for directorates an analyst asked for, in reference order.

        Args:
            requested: Names or aliases.

        Returns:
            The canonical names.

        Raises:
            ValueError: Naming every unknown directorate and the valid names.
        """
        wanted = list(requested)
        unknown = [raw for raw in wanted if self.normalise(raw) is None]
        if unknown:
            raise ValueError(
                f"unknown directorate(s) {unknown}; valid names are {list(self.names)} "
                "(aliases in pipelines/config/directorates.yaml)"
            )
        chosen = {self.normalise(raw) for raw in wanted}
        return [name for name in self.names if name in chosen]


def _as_directorate(entry: Any, path: Path) -> Directorate:
    if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
        raise ValueError(f"{path}: every directorate needs a 'name' string, got {entry!r}")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError(f"{path}: aliases of {entry['name']!r} must be a list of strings")
    return Directorate(name=entry["name"].strip(), aliases=tuple(a.strip() for a in aliases))


def load_reference(path: Path) -> DirectorateReference:
    """Read the directorate reference list from YAML.

    Args:
        path: YAML file with a top-level ``directorates`` list of
            ``{name, aliases}`` entries (see ``pipelines/config/directorates.yaml``).

    Returns:
        The reference, in file order.

    Raises:
        FileNotFoundError: If ``path`` does not exist.
        ValueError: If the file does not have the expected structure.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    entries = data.get("directorates") if isinstance(data, Mapping) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a top-level 'directorates' list")
    return DirectorateReference(_as_directorate(entry, path) for entry in entries)
