"""Hypothesis strategies and settings shared by the fuzz tests (tests/test_fuzz_urls.py,
tests/comments/test_fuzz_comment_form.py)."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Each test's examples share its function-scoped fixtures (database rows, client): the tests
# are written for that. No deadline: a page's first render can be slow on a busy machine.
fuzz = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

odd_values = st.one_of(
    st.sampled_from(["x", "-1", "0", "99999", "", "1e9", "٣", "%00", "\x00", "q" * 10_000]),
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
)
queries = st.dictionaries(
    st.one_of(st.sampled_from(["page", "q", "p", "o"]), st.text(max_size=10)),
    odd_values,
    max_size=3,
)
methods = st.sampled_from(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])


def assert_not_a_server_error(response, url):
    assert response.status_code < 500, f"{response.status_code} for {url!r}"
