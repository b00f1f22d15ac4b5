"""The purge_comment_addresses command: addresses are kept 30 days, then erased."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment, Report


@pytest.fixture
def old_and_new(make_comment):
    now = timezone.now()
    old = make_comment(created_at=now - timedelta(days=31), ip_address="203.0.113.1")
    new = make_comment(created_at=now - timedelta(days=29), ip_address="203.0.113.2")
    Report.objects.create(comment=old, reader="old", created_at=now - timedelta(days=31))
    Report.objects.create(comment=new, reader="new", created_at=now - timedelta(days=29))
    return old, new


def purge(*args):
    out = StringIO()
    call_command("purge_comment_addresses", *args, stdout=out)
    return out.getvalue()


def test_addresses_older_than_thirty_days_are_erased(old_and_new):
    old, new = old_and_new

    output = purge()

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.ip_address, new.ip_address) == (None, "203.0.113.2")
    assert list(Report.objects.values_list("reader", flat=True)) == ["new"]
    assert output == "Erased the addresses of 1 comment(s) and 1 report(s) older than 30 days.\n"


def test_the_comments_themselves_stay(old_and_new):
    purge()

    assert Comment.objects.count() == 2


def test_a_dry_run_counts_and_changes_nothing(old_and_new):
    output = purge("--dry-run")

    assert output.startswith("Would erase the addresses of 1 comment(s) and 1 report(s)")
    assert Comment.objects.filter(ip_address__isnull=True).count() == 0
    assert Report.objects.count() == 2


def test_running_it_again_erases_nothing_more(old_and_new):
    purge()

    output = purge()

    assert output.startswith("Erased the addresses of 0 comment(s) and 0 report(s)")


def test_the_retention_follows_the_setting(settings, old_and_new):
    settings.COMMENTS_ADDRESS_RETENTION_DAYS = 7

    purge()

    assert Comment.objects.filter(ip_address__isnull=True).count() == 2


def test_quiet_at_verbosity_zero(old_and_new):
    out = StringIO()

    call_command("purge_comment_addresses", verbosity=0, stdout=out)

    assert out.getvalue() == ""
