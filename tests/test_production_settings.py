"""Production settings pass `check --deploy`, HTTPS is enforced except behind the TLS proxy
and for the probes, development stays plain HTTP, and request bodies have a limit."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

PROJECT = Path(__file__).resolve().parents[1]

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "news.example.com",
    "EMAIL_URL": "smtp+tls://newsroom:secret@smtp.example.com:587",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    "DJANGO_TRUSTED_PROXIES": "127.0.0.1",
}


def python(*arguments, **environment):
    """Run Python in the project folder, with only `environment` as DJANGO_* variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {"DJANGO_SETTINGS_MODULE": "newsroom.settings", **environment}
    command = [sys.executable, *arguments]
    return subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True)  # noqa: S603


def settings_under(environment, *names):
    """{name: value} of these settings as the environment makes them."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names}}}))"
    )
    return json.loads(python("-c", code, **environment).stdout)


@pytest.mark.parametrize(
    "choices",
    [
        {},
        {"DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "DJANGO_SECURE_HSTS_PRELOAD": "true"},
    ],
    ids=["hsts-defaults", "hsts-subdomains-and-preload"],
)
def test_check_deploy_reports_nothing_with_real_production_values(choices):
    result = python(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **choices
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("cache", ["locmemcache://", "filecache:///tmp/newsroom-cache"])
def test_check_deploy_warns_of_a_cache_that_each_process_keeps_to_itself(cache):
    result = python("manage.py", "check", "--deploy", **PRODUCTION | {"CACHE_URL": cache})

    assert "newsroom.W001" in result.stderr
    assert "CACHE_URL=redis://" in result.stderr


def test_check_deploy_warns_when_no_proxy_is_trusted():
    environment = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_TRUSTED_PROXIES"}

    result = python("manage.py", "check", "--deploy", **environment)

    assert "newsroom.W002" in result.stderr
    assert "DJANGO_TRUSTED_PROXIES=127.0.0.1" in result.stderr


def test_production_redirects_to_https_and_sends_cookies_over_https_only():
    values = settings_under(
        PRODUCTION,
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
    )

    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_development_serves_plain_http():
    values = settings_under(
        {"DJANGO_DEBUG": "true"},
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    )

    assert values == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
    }


def test_the_hsts_duration_comes_from_the_environment():
    environment = PRODUCTION | {"DJANGO_SECURE_HSTS_SECONDS": "3600"}

    assert settings_under(environment, "SECURE_HSTS_SECONDS") == {"SECURE_HSTS_SECONDS": 3600}


def test_the_admin_path_comes_from_the_environment():
    code = "import django; django.setup(); print(django.urls.reverse('admin:login'))"

    moved = python("-c", code, DJANGO_DEBUG="true", DJANGO_ADMIN_PATH="backstage/")
    default = python("-c", code, DJANGO_DEBUG="true")

    assert moved.stdout.strip() == "/backstage/login/"
    assert default.stdout.strip() == "/admin/login/"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DJANGO_ADMIN_PATH", "/backstage"),
        ("DJANGO_TRUSTED_PROXIES", "nginx.internal"),
        # A replica of SQLite (the default DATABASE_URL) cannot be.
        ("DATABASE_REPLICA_URL", "postgres://newsroom@replica.internal/newsroom"),
    ],
)
def test_a_malformed_value_stops_the_site_from_starting(variable, value):
    environment = {"DJANGO_DEBUG": "true", "DATABASE_URL": "sqlite://:memory:", variable: value}

    result = python("-c", "import django; django.setup()", **environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr


@pytest.fixture
def https_only(settings):
    """Production's redirect, which the test settings turn off for the plain-HTTP test client."""
    settings.SECURE_SSL_REDIRECT = True


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, https_only, article):
    url = article.get_absolute_url()

    response = client.get(url)

    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{url}"


@pytest.mark.django_db
def test_behind_the_tls_proxy_a_request_counts_as_secure(client, https_only, article):
    response = client.get(article.get_absolute_url(), HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.django_db
@pytest.mark.parametrize("probe", ["healthz", "readyz"])
def test_the_probes_answer_plain_http_for_load_balancers(client, https_only, probe):
    response = client.get(reverse(probe))

    assert response.status_code == 200


@pytest.mark.django_db
def test_over_https_the_session_and_csrf_cookies_are_secure(client, django_user_model):
    django_user_model.objects.create_user("editor", password="the-password", is_staff=True)
    login = reverse("admin:login")

    form = client.get(login, secure=True)
    logged_in = client.post(login, {"username": "editor", "password": "the-password"}, secure=True)

    assert form.cookies["csrftoken"]["secure"] is True
    assert logged_in.cookies["sessionid"]["secure"] is True
    assert logged_in.cookies["sessionid"]["httponly"] is True


@pytest.mark.django_db
def test_a_request_body_over_the_limit_is_refused(client, settings):
    too_big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    response = client.post(reverse("admin:login"), {"username": "editor", "password": too_big})

    assert response.status_code == 400
