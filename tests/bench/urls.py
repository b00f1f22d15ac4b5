"""The site's routes and, first, /bench/constant/: fixed bytes through the same middleware."""

import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.urls import include, path


@cache
def body():
    """A copy of an article page, saved by tests/bench/pages.py before gunicorn starts: read
    once per worker, so the view costs nothing but Django's own request handling."""
    return Path(os.environ["BENCH_CONSTANT_BODY"]).read_bytes()


def constant(request):
    return HttpResponse(body())


urlpatterns = [
    path("bench/constant/", constant),
    path("", include("newsroom.urls")),
]
