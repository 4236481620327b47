"""Roster search: any word prefix of the name, case- and accent-insensitive."""

from __future__ import annotations

import pytest
from carethread.services.roster import name_matches, search_words


def test_words_are_folded_for_search():
    # when
    words = search_words("Zoë ÅNGSTRÖM-Lee  Straße")

    # then
    assert words == ["zoe", "angstrom", "lee", "strasse"]


def test_an_apostrophe_joins_a_name():
    # when / then
    assert search_words("Sinéad O\u2019Brien") == ["sinead", "obrien"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", True),
        (None, True),
        ("zo", True),
        ("ANG", True),
        ("obr", False),
        ("gstrom", False),
        ("zoe lee", True),
        ("zoe kim", False),
        ("  ", True),
    ],
)
def test_every_query_word_must_prefix_some_name_word(query, expected):
    # when / then
    assert name_matches("Zoë Ångström-Lee", query) is expected


def test_an_unnamed_person_matches_only_an_empty_query():
    # when / then
    assert (name_matches(None, ""), name_matches(None, "a")) == (True, False)
