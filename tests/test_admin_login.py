"""The admin login locks out password guessing, per address and per username, and says when
to retry; behind a trusted proxy it counts the client's address."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password"
LOCKED = "Too many failed attempts. Try again in 15 minutes."


@pytest.fixture(autouse=True)
def limits(settings):
    """Small limits, and a cache with no counts from another test."""
    settings.ADMIN_LOGIN_MAX_FAILURES_PER_USER = 3
    settings.ADMIN_LOGIN_MAX_FAILURES_PER_ADDRESS = 5
    settings.ADMIN_LOGIN_LOCKOUT_MINUTES = 15
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


@pytest.fixture
def log_in(client):
    """`log_in(username, password, address=..., **headers)`: post the admin's login form."""

    def post(username, password, address="192.0.2.1", **headers):
        data = {"username": username, "password": password, "next": reverse("admin:index")}
        return client.post(reverse("admin:login"), data, REMOTE_ADDR=address, **headers)

    return post


@pytest.fixture
def clock(time_machine):
    """`clock(seconds)`: move the time forward, for the lock and the cache's expiry alike."""
    time_machine.move_to(time.time(), tick=True)
    return time_machine.shift


def errors(response):
    return response.context["form"].non_field_errors()


def test_the_right_password_logs_in(log_in, editor):
    response = log_in("editor", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_the_failure_that_reaches_the_limit_says_when_to_retry(log_in, editor):
    first, second = log_in("editor", "guess-1"), log_in("editor", "guess-2")

    third = log_in("editor", "guess-3")

    assert "Please enter the correct username and password" in errors(first)[0]
    assert "Please enter the correct username and password" in errors(second)[0]
    assert errors(third) == [LOCKED]


def test_a_locked_username_refuses_even_the_right_password_from_another_address(log_in, editor):
    for n in range(3):
        log_in("editor", f"guess-{n}", address=f"198.51.100.{n}")

    response = log_in("editor", PASSWORD, address="203.0.113.7")

    assert response.status_code == 200
    assert errors(response) == [LOCKED]
    assert "_auth_user_id" not in response.client.session


def test_a_locked_address_refuses_every_username_but_others_still_log_in(log_in, editor):
    for n in range(5):
        log_in(f"someone-{n}", "guess")

    from_there = log_in("editor", PASSWORD)
    from_elsewhere = log_in("editor", PASSWORD, address="203.0.113.7")

    assert errors(from_there) == [LOCKED]
    assert from_elsewhere.status_code == 302


def test_case_variants_of_a_username_count_together(log_in, editor):
    for n, username in enumerate(["editor", "Editor", "EDITOR"]):
        log_in(username, "guess", address=f"198.51.100.{n}")

    response = log_in("editor", PASSWORD, address="203.0.113.7")

    assert errors(response) == [LOCKED]


def test_the_message_counts_down_the_minutes_left(log_in, editor, clock):
    for n in range(3):
        log_in("editor", f"guess-{n}")
    clock(60)

    response = log_in("editor", PASSWORD)

    assert errors(response) == ["Too many failed attempts. Try again in 14 minutes."]


def test_the_lock_lifts_by_itself_after_its_time(log_in, editor, clock):
    for n in range(3):
        log_in("editor", f"guess-{n}")
    clock(15 * 60 + 1)

    response = log_in("editor", PASSWORD)

    assert response.status_code == 302


def test_a_successful_login_forgets_the_users_failures(log_in, editor, client):
    log_in("editor", "guess-1")
    log_in("editor", "guess-2")
    log_in("editor", PASSWORD)
    client.logout()
    log_in("editor", "guess-3")

    response = log_in("editor", "guess-4")

    assert "Please enter the correct username and password" in errors(response)[0]


def test_a_missing_password_counts_as_no_attempt(log_in, editor):
    for _ in range(5):
        log_in("editor", "")

    response = log_in("editor", PASSWORD)

    assert response.status_code == 302


def test_behind_a_trusted_proxy_the_client_address_is_counted(log_in, editor, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for n in range(5):
        log_in(f"someone-{n}", "guess", address="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.66")

    guesser = log_in("editor", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.66")
    other = log_in("editor", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.77")

    assert errors(guesser) == [LOCKED]
    assert other.status_code == 302


def test_an_untrusted_client_cannot_choose_its_address(log_in, editor, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for n in range(5):
        log_in(f"someone-{n}", "guess", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")

    response = log_in("editor", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert errors(response) == [LOCKED]


def test_an_ipv6_64_counts_as_one_address(log_in, editor):
    for n in range(1, 6):
        log_in(f"someone-{n}", "guess", address=f"2001:db8:3:4::{n}")

    same = log_in("editor", PASSWORD, address="2001:db8:3:4:ffff::1")
    other = log_in("editor", PASSWORD, address="2001:db8:3:5::1")

    assert errors(same) == [LOCKED]
    assert other.status_code == 302
