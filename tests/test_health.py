"""/healthz says the process answers; /readyz says the database answers and is migrated."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("probe", ["healthz", "readyz"])
def test_the_probes_answer_ok_and_are_never_cached(client, probe):
    response = client.get(reverse(probe))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_needs_no_database(client):
    # No django_db mark: a query would fail the test.
    response = client.get(reverse("healthz"))

    assert response.status_code == 200


@pytest.mark.django_db
def test_readyz_names_a_migration_that_is_not_applied(client):
    # The database forgets that articles' latest migration ran (undone with the test's
    # transaction), exactly as after deploying code whose migration nobody applied yet.
    latest = MigrationLoader(connection).graph.leaf_nodes("articles")[0]
    MigrationRecorder(connection).record_unapplied(*latest)

    response = client.get(reverse("readyz"))

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "reason": f"migrations not applied: {'.'.join(latest)}",
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["healthz", "readyz"])
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_probes_answer_only_reads(client, url, method):
    response = getattr(client, method)(reverse(url))

    assert response.status_code == 405
