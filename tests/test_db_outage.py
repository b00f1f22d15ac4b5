"""While the database is away the site answers a friendly 503, and it recovers by itself.

The first tests point Django's connection at a database that does not answer, in-process, on
either database. The last one stops a real PostgreSQL, a cluster of the test's own, under a
running gunicorn and starts it again.
"""

import contextlib
import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.db.utils import load_backend
from django.urls import reverse

from tests.gunicorn_site import Gunicorn, free_port
from tests.services import PostgresCluster


@pytest.fixture
def database_away(db, tmp_path):
    """`with database_away():` Django's default connection leads to a database that does not
    answer (a folder that does not exist, a port nothing listens on); the real one is back
    afterwards."""

    @contextlib.contextmanager
    def away():
        real = connections["default"]
        unreachable = {**real.settings_dict}
        if real.vendor == "sqlite":
            unreachable["NAME"] = str(tmp_path / "no-such-folder" / "db.sqlite3")
        else:
            unreachable |= {"HOST": "127.0.0.1", "PORT": str(free_port())}
        connections["default"] = load_backend(unreachable["ENGINE"]).DatabaseWrapper(
            unreachable, "default"
        )
        try:
            yield
        finally:
            connections["default"].close()
            connections["default"] = real

    return away


def test_while_the_database_is_away_pages_answer_a_friendly_503(client, article, database_away):
    url = article.get_absolute_url()

    with database_away():
        response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "We’ll be back in a moment" in page
    assert "Traceback" not in page


def test_the_outage_is_logged(client, article, database_away, caplog):
    with database_away():
        client.get(reverse("front_page"))

    assert any(
        record.name == "newsroom.middleware" and "Database unavailable" in record.getMessage()
        for record in caplog.records
    )


def test_the_first_request_after_the_database_is_back_is_served(client, article, database_away):
    url = article.get_absolute_url()
    with database_away():
        client.get(url)

    response = client.get(url)

    assert response.status_code == 200
    assert article.headline in response.content.decode()


def test_while_the_database_is_away_readyz_says_so_and_healthz_is_fine(client, database_away):
    with database_away():
        ready = client.get(reverse("readyz"))
        healthy = client.get(reverse("healthz"))

    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable", "reason": "database unreachable"}
    assert healthy.status_code == 200


# The real thing: gunicorn on PostgreSQL, the database stopped and started under load.

CLIENTS = 8
REQUESTS_PER_PHASE = 48


def burst(site, pages):
    """REQUESTS_PER_PHASE requests spread over `pages` ({name: path}) from CLIENTS clients at
    once: [(name, (status, body)), ...]."""
    names = [list(pages)[n % len(pages)] for n in range(REQUESTS_PER_PHASE)]
    with ThreadPoolExecutor(CLIENTS) as pool:
        answers = pool.map(site.get, [pages[name] for name in names])
        return list(zip(names, answers, strict=True))


def tally(answers):
    return Counter(f"{name} {status}" for name, (status, _body) in answers)


def while_doing(action, site, pages):
    """A burst of requests sent while `action` runs."""
    worker = threading.Thread(target=action)
    worker.start()
    try:
        return burst(site, pages)
    finally:
        worker.join()


@pytest.fixture
def cluster():
    """A PostgreSQL cluster of the test's own, with an empty `newsroom` database: stopping it
    disturbs nothing else on the machine."""
    cluster = PostgresCluster.new()
    try:
        cluster.sql("CREATE DATABASE newsroom")
        yield cluster
    finally:
        cluster.remove()


@pytest.mark.postgresql
def test_gunicorn_answers_503s_while_postgresql_is_stopped_and_recovers_when_it_starts(
    tmp_path, cluster
):
    site = Gunicorn(tmp_path, DATABASE_URL=f"{cluster.url}/newsroom")
    site.prepare()
    with site:
        article = re.search(r'href="(/[^"]+/\d{4}/\d\d/\d\d/[^"]+/)"', site.get("/")[1])[1]
        pages = {"front": "/", "article": article, "readyz": "/readyz", "healthz": "/healthz"}

        phases = {"before": burst(site, pages)}
        try:
            phases["stopping"] = while_doing(cluster.stop, site, pages)
            phases["away"] = burst(site, pages)
        finally:
            cluster.start()
        phases["back"] = burst(site, pages)

    for phase, answers in phases.items():
        counts = sorted(tally(answers).items())
        print(f"{phase:>9}: " + ", ".join(f"{answer}: {n}" for answer, n in counts))
    every = [answer for answers in phases.values() for answer in answers]
    assert {status for _name, (status, _body) in every} <= {200, 503}
    assert all("Traceback" not in body for _name, (_status, body) in every)
    assert {status for _name, (status, _body) in phases["before"]} == {200}
    away = {name: status for name, (status, _body) in phases["away"]}
    assert away == {"front": 503, "article": 503, "readyz": 503, "healthz": 200}
    assert all(
        "We’ll be back in a moment" in body
        for name, (_status, body) in phases["away"]
        if name in {"front", "article"}
    )
    assert {status for _name, (status, _body) in phases["back"]} == {200}
