"""Production settings plus one route: a view that returns fixed bytes, the ceiling that the
page benchmark measures Django's own cost against (tests/bench/pages.py)."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
