"""Many readers posting at the same moment: every comment is stored, exactly once."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from comments.models import Comment

READERS = 40


@pytest.mark.django_db(transaction=True)
def test_forty_comments_posted_at_once_are_all_stored_exactly_once(article, comment_data):
    url = reverse("comments:post", args=[article.pk])
    forms = [comment_data(article, body=f"Comment from reader {n}.") for n in range(READERS)]
    start = threading.Barrier(READERS)
    statuses = {}

    def post(n):
        try:
            client = Client()
            start.wait()
            # A distinct address each, so the rate limit does not come into it.
            statuses[n] = client.post(url, forms[n], REMOTE_ADDR=f"10.0.{n}.1").status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    bodies = sorted(Comment.objects.values_list("body", flat=True))
    assert statuses == dict.fromkeys(range(READERS), 303)
    assert bodies == sorted(form["body"] for form in forms)
