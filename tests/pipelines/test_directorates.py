from pathlib import Path

import pytest

import pipelines
from pipelines.directorates import (
    Directorate,
    DirectorateReference,
    load_reference,
    match_key,
)

CONFIG = Path(pipelines.__file__).parent / "config" / "directorates.yaml"


@pytest.fixture(scope="module")
def reference() -> DirectorateReference:
    return load_reference(CONFIG)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("Childrens Services", "Children's Services"),
        ("children's services ", "Children's Services"),
        ("Children\u2019s  Services", "Children's Services"),
        ("CHILDREN AND FAMILIES", "Children's Services"),
        ("ASC", "Adult Social Care"),
        ("asc", "Adult Social Care"),
        ("  Adult Social Care", "Adult Social Care"),
        ("Highways & Transport", "Highways and Transport"),
        ("Legal & Democratic Services", "Legal and Democratic Services"),
        ("HR & OD", "Human Resources"),
        ("Housing", "Housing"),
    ],
)
def test_aliases_and_spelling_variants_map_to_the_canonical_name(
    reference: DirectorateReference, raw: str, canonical: str
) -> None:
    assert reference.normalise(raw) == canonical


@pytest.mark.parametrize(
    "raw", ["Corporate Misc", "Dept 14", "Housng", "Adult Social", "Children", "", "   ", None]
)
def test_unknown_spellings_are_not_guessed(
    reference: DirectorateReference, raw: str | None
) -> None:
    assert reference.normalise(raw) is None


def test_names_keep_yaml_order(reference: DirectorateReference) -> None:
    assert reference.names[:3] == ("Adult Social Care", "Children's Services", "Housing")
    assert len(reference.names) == 12


def test_match_key_folds_case_space_apostrophes_and_ampersand() -> None:
    assert match_key("  Children\u2019s   Services ") == "childrens services"
    assert match_key("Housing & Homelessness") == "housing and homelessness"


def test_an_alias_claimed_by_two_directorates_is_rejected() -> None:
    with pytest.raises(ValueError, match="matches both"):
        DirectorateReference(
            [Directorate("Housing", ("Homes",)), Directorate("Regeneration", ("homes",))]
        )


def test_load_reference_reads_a_small_yaml(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(
        "directorates:\n  - name: Housing\n    aliases: [Homes]\n  - name: Finance\n",
        encoding="utf-8",
    )
    reference = load_reference(path)
    assert reference.names == ("Housing", "Finance")
    assert reference.normalise("homes") == "Housing"


def test_load_reference_rejects_a_malformed_file(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("directorates:\n  - aliases: [Homes]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="name"):
        load_reference(path)
