"""A NUL, control characters or emoji typed in the search box never raise and give the
same answer in both search modes (issue 11, hostile input)."""

from __future__ import annotations

import pytest

from extradesk.core.search_text import searchable
from extradesk.services import search
from extradesk.services.articles import edit as articles
from extradesk.services.articles.dto import ArticleInput
from extradesk.services.clients import records as clients
from extradesk.services.dto import ClientInput


@pytest.fixture
def some(ctx):
    for name in ("Martin", "Dupont", "Durand"):
        clients.create_client(ctx, ClientInput(last_name=name, first_name="Anne"))
    articles.create_article(ctx, ArticleInput(code="POELE-8", label="Poêle à granulés"))
    return ctx


@pytest.mark.parametrize("typed", ["mar\x00tin", "\x00", "**mar\x00", "*poe\x00le", "ma\x1brtin",
                                   "\x00\x00\x00"])
@pytest.mark.parametrize("mode", ["contains", "starts_with"])
def test_control_characters_never_reach_the_index(some, typed, mode):
    search.search(some, typed, mode=mode)  # raised OperationalError: unterminated string


@pytest.mark.parametrize("typed", ["dupont👍", "👍 dupont", "dupont ❤️", "🇫🇷dupont",
                                   "dup\u200dont"])
def test_emoji_are_ignored_the_same_way_in_both_modes(some, typed):
    contains = [h.label for h in search.search(some, typed, mode="contains").hits]
    starts = [h.label for h in search.search(some, typed, mode="starts_with").hits]
    assert contains == starts == ["DUPONT Anne"]


def test_searchable_keeps_accents_and_drops_nul():
    assert searchable("he\u0301le\u0300ne") == "hélène"
    assert searchable("mar\x00tin") == "martin"
    assert searchable("a\tb") == "a b"
