"""A comment that got a success answer is in the database afterwards, always: parallel clients
post comments to gunicorn on PostgreSQL, and the answers are compared with what is stored."""

import json
import os
import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.gunicorn_site import GunicornSite

CLIENTS = 8
POSTS_PER_CLIENT = 10


@pytest.mark.postgresql
def test_every_comment_answered_with_a_303_is_stored_once_and_nothing_else_is(tmp_path):
    site = GunicornSite(
        tmp_path,
        # Its own database, so that two runs side by side do not drop each other's.
        f"newsroom_posting_{os.getpid()}",
        # Every client posts from 127.0.0.1, as fast as it can, to an article that may be old.
        COMMENTS_RATE_PER_MINUTE="100000",
        COMMENTS_RATE_PER_HOUR="100000",
        COMMENTS_MIN_FORM_SECONDS="0",
        COMMENTS_CLOSE_AFTER_DAYS="0",
    )
    with site:
        article = re.search(r'href="(/[^"]+/\d{4}/\d\d/\d\d/[^"]+/)"', site.get("/")[1])[1]
        start = threading.Barrier(CLIENTS)

        def post_all(client):
            start.wait()
            answers = []
            for n in range(POSTS_PER_CLIENT):
                body = f"Comment {n} from client {client}."
                fields = {"name": f"Client {client}", "body": body}
                answers.append((body, *site.post_form(article, "comment-form", fields)))
            return answers

        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = [answer for batch in pool.map(post_all, range(CLIENTS)) for answer in batch]
        stored = json.loads(site.manage("dumpdata", "comments.comment"))

    statuses = Counter(status for _body, status, _location in answers)
    answered = {
        int(location.rpartition("#comment-")[2]): body
        for body, status, location in answers
        if status == 303
    }
    assert statuses == {303: CLIENTS * POSTS_PER_CLIENT}
    assert {row["pk"]: row["fields"]["body"] for row in stored} == answered
