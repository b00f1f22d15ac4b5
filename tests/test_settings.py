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
