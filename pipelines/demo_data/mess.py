"""The realistic mess planted in demo data: spellings and leaked personal data."""

from __future__ import annotations

from typing import Final

import numpy as np

from pipelines.directorates import DirectorateReference

UNKNOWN_DIRECTORATES: Final[tuple[str, ...]] = (
    "Corporate Misc",
    "Dept 14",
    "Chief Executive's Office",
    "Commercial Services",
    "Other",
)
"""Spellings that match no directorate: validation must quarantine them."""

PLATFORM_SPELLINGS: Final[dict[str, str]] = {"Children's Services": "Childrens Services"}
"""How the XLSX platform always spells some directorates (an alias)."""

PERSONAL_DATA: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "name": (
        ("Sharon Whitfield", "{value} in payroll still hasn't sorted my overtime claim"),
        ("Gareth Pennington", "I've already told {value} about the broken printer twice"),
        ("Mandeep Sandhu", "{value} from the rota team is the only one who answers emails"),
    ),
    "email": (
        ("jo.brannigan77@example.com", "happy to talk more, email me at {value}"),
        ("d.okafor@example.org", "contact me on {value} if anyone actually reads these"),
    ),
    "phone": (
        ("07700 900417", "ring me on {value} if you want to know more"),
        ("01632 960123", "my extension is {value} if anyone wants details"),
    ),
}
"""Invented personal data the anonymisation missed (reserved example numbers/domains)."""

CASE_PERSONAL_DATA: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "name": (("Sharon Whitfield", "A witness statement from {value} is attached."),),
    "email": (("k.hollis@example.net", "The complainant asked to be contacted at {value}."),),
    "phone": (("07700 900982", "The complainant can be reached on {value}."),),
}
PERSONAL_KINDS: Final[tuple[str, ...]] = ("name", "email", "phone")


def spelling_variants(name: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    """Return spellings of a directorate that must still match it.

    Args:
        name: Canonical name.
        aliases: Its aliases from the reference list.

    Returns:
        Aliases plus case, whitespace, apostrophe and ``&`` variants.
    """
    variants = [
        *aliases,
        name.upper(),
        name.lower(),
        f"{name} ",
        f" {name}",
        name.replace("'", "\u2019"),
        name.replace("'", ""),
        name.replace(" and ", " & "),
    ]
    return tuple(v for v in dict.fromkeys(variants) if v != name)


def checked_variants(reference: DirectorateReference) -> dict[str, tuple[str, ...]]:
    """Variants per directorate, each verified to normalise back to it.

    Args:
        reference: The directorate reference.

    Returns:
        Canonical name -> variant spellings.

    Raises:
        ValueError: If a variant does not match, or an unknown spelling does.
    """
    out = {d.name: spelling_variants(d.name, d.aliases) for d in reference.directorates}
    for name, variants in out.items():
        bad = [v for v in variants if reference.normalise(v) != name]
        if bad:
            raise ValueError(f"variants {bad} do not normalise to {name!r}")
    known = [u for u in UNKNOWN_DIRECTORATES if reference.normalise(u) is not None]
    if known:
        raise ValueError(f"'unknown' directorate spellings {known} match the reference")
    return out


def personal_data(
    rng: np.random.Generator, kind: str, table: dict[str, tuple[tuple[str, str], ...]]
) -> tuple[str, str]:
    """Pick a leaked value of ``kind`` and the sentence that leaks it.

    Returns:
        The value and the sentence containing it.
    """
    options = table[kind]
    value, template = options[int(rng.integers(0, len(options)))]
    return value, template.format(value=value)
