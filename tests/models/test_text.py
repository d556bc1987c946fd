"""Text normalisation shared by every classifier (models.text)."""

from __future__ import annotations

import math

import pytest

from models.text import (
    MAX_CHARS,
    NEGATION_CUES,
    clean_text,
    model_input,
    negation_marked,
    question_token,
)


@pytest.mark.parametrize("value", [None, math.nan, float("nan"), 3, 2.5, b"bytes", ["a list"]])
def test_clean_text_of_non_string_is_empty(value):
    assert clean_text(value) == ""


@pytest.mark.parametrize("value", ["", " ", "   \n\t  ", "\r\n", "\u00a0\u2003"])
def test_clean_text_of_empty_or_whitespace_is_empty(value):
    assert clean_text(value) == ""


def test_clean_text_collapses_whitespace_and_strips():
    assert clean_text("  My   manager\n\nnever\tlistens.  ") == "My manager never listens."


def test_clean_text_removes_html_tags():
    assert clean_text("<p>My manager <b>never</b> listens.</p><br/>") == "My manager never listens."


def test_clean_text_unescapes_html_entities():
    assert clean_text("Pay &amp; parking are &lt;poor&gt;") == "Pay & parking are <poor>"
    assert clean_text("Tom&#39;s team") == "Tom's team"


def test_clean_text_html_only_is_empty():
    assert clean_text("<div><br></div>") == ""


def test_clean_text_repairs_mojibake_from_excel_round_trips():
    assert clean_text("My manager doesnâ€™t listen") == "My manager doesn't listen"
    assert clean_text("cafÃ© is closed") == "café is closed"


def test_clean_text_keeps_ordinary_unicode():
    assert clean_text("Zespół jest super 👍") == "Zespół jest super 👍"


def test_clean_text_cuts_100000_characters_to_max_chars():
    long = "My manager never listens. " * 4000  # 104,000 characters
    assert len(long) > 100_000
    out = clean_text(long)
    assert len(out) == MAX_CHARS
    assert out.startswith("My manager never listens.")


def test_clean_text_of_100000_character_single_word_is_max_chars():
    assert clean_text("a" * 100_000) == "a" * MAX_CHARS


def test_clean_text_cut_result_has_no_trailing_space():
    out = clean_text("abc " * 30_000)  # character 4000 is a space
    assert out == out.strip()


def test_clean_text_short_text_is_not_cut():
    text = "x" * (MAX_CHARS - 1)
    assert clean_text(text) == text


def test_clean_text_is_idempotent():
    raw = "<p>She  doesnâ€™t   listen &amp; shouts</p>"
    once = clean_text(raw)
    assert clean_text(once) == once


def test_negation_marked_prefixes_words_after_negation():
    assert negation_marked("He never listens") == "he never neg_listens"


def test_negation_marked_scope_ends_at_comma():
    assert negation_marked("He never listens, but is kind") == "he never neg_listens , but is kind"


@pytest.mark.parametrize("brk", [".", ";", ":", "!", "?", "but", "however", "although", "and"])
def test_negation_marked_scope_ends_at_clause_break(brk):
    out = negation_marked(f"she does not listen {brk} praises us").split()
    assert out[3] == "neg_listen"
    assert "praises" in out
    assert "neg_praises" not in out


def test_negation_marked_scope_is_at_most_four_words():
    out = negation_marked("never one two three four five six")
    assert out == "never neg_one neg_two neg_three neg_four five six"


def test_negation_marked_handles_contractions():
    assert negation_marked("She doesn't listen") == "she doesnt neg_listen"
    assert negation_marked("She doesn’t listen") == "she doesnt neg_listen"
    assert negation_marked("He isn't listening. She listens") == (
        "he isnt neg_listening . she listens"
    )


def test_negation_marked_no_recognition():
    assert (
        negation_marked("No recognition; praise is rare") == "no neg_recognition ; praise is rare"
    )


def test_negation_marked_without_negation_only_lowercases_and_tokenises():
    assert negation_marked("My Manager LISTENS!") == "my manager listens !"


def test_negation_cues_include_common_forms():
    assert {"not", "no", "never", "dont", "doesnt", "without", "lack"} <= NEGATION_CUES


def test_question_token_names_the_kind():
    assert question_token("What could be improved?") == "qqimprove"
    assert question_token("What does your manager do well?") == "qqgood"
    assert question_token(None) == "qqother"


def test_model_input_prepends_question_token():
    assert model_input("listens", "What is good about working here?") == "qqgood listens"
