"""The settings refuse to start in production without real values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


def load_settings(**environment):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {"DJANGO_SETTINGS_MODULE": "newsroom.settings", **environment}
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("environment", "complaint"),
    [
        ({}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "x" * 50}, "DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_without_debug_the_site_needs_a_secret_key_and_hosts(environment, complaint):
    result = load_settings(**environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr


def test_debug_is_off_unless_asked_for():
    result = load_settings(DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="example.com")

    assert result.stdout.strip() == "False"


def test_development_needs_nothing_but_debug():
    assert load_settings(DJANGO_DEBUG="true").stdout.strip() == "True"


@pytest.mark.postgresql
@pytest.mark.django_db
def test_postgresql_connections_plan_for_data_in_memory_one_core_a_query():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        (page_cost,) = cursor.fetchone()
        cursor.execute("SHOW max_parallel_workers_per_gather")
        (workers,) = cursor.fetchone()

    assert (float(page_cost), workers) == (1.1, "0")


@pytest.mark.parametrize(
    ("url", "options"),
    [
        (
            "postgres://u@db:5432/news",
            "-c random_page_cost=1.1 -c max_parallel_workers_per_gather=0",
        ),
        ("postgres://u@db:5432/news?options=-c%20random_page_cost%3D2", "-c random_page_cost=2"),
    ],
)
def test_a_database_urls_own_options_replace_the_planner_settings(url, options):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {"DJANGO_SETTINGS_MODULE": "newsroom.settings", "DJANGO_DEBUG": "true"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])",
        ],
        cwd=PROJECT,
        env=env | {"DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=True,
    )

    assert f"'options': '{options}'" in result.stdout
