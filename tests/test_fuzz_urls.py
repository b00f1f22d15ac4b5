"""Every public URL survives odd input: bad page numbers, huge and random queries, NUL bytes,
wrong methods and random paths. Any answer but a 5xx is fine."""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import assert_not_a_server_error, fuzz, methods, queries
from tests.public_pages import OLD_PATH, PAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(make_article):
    return make_article(original_path=OLD_PATH)


# The examples share one database and client: none of these pages writes, whatever the method.
@fuzz
@given(kind=st.sampled_from(list(PAGES)), query=queries, method=methods)
def test_odd_query_strings_and_methods_never_cause_a_server_error(
    client, article, kind, query, method
):
    url = f"{PAGES[kind](article)}?{urlencode(query)}"

    response = client.generic(method, url)

    assert_not_a_server_error(response, url)


@fuzz
@given(kind=st.sampled_from(list(PAGES)), tail=st.text(max_size=60))
def test_random_paths_never_cause_a_server_error(client, article, kind, tail):
    url = PAGES[kind](article) + quote(tail)

    response = client.get(url)

    assert_not_a_server_error(response, url)


@pytest.mark.parametrize(
    "path",
    ["/\x00", "/news\x00/", "/News\x00/2026-03-08-x", "/News/2026-03-08-\x00", "/search/\x00"],
)
def test_nul_bytes_in_a_path_are_a_client_error(client, article, path):
    response = client.get(quote(path))

    assert 400 <= response.status_code < 500


@pytest.mark.parametrize("kind", ["front page", "search", "section", "year"])
def test_a_nul_byte_in_the_query_string_is_a_client_error(client, article, kind):
    response = client.get(PAGES[kind](article), {"q": "a\x00b", "page": "\x00"})

    assert 400 <= response.status_code < 500
