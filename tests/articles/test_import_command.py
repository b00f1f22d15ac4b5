from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "seeds" / "000_3812eee97bdd6ea7.txt"

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_and_reports_what_it_did():
    out, err = run(SAMPLE)

    assert "1 created, 0 updated, 0 unchanged, 0 refused" in out
    assert err == ""
    assert Article.objects.count() == 1


def test_verbosity_two_lists_each_file_with_its_outcome():
    run(SAMPLE)

    out, _ = run(SAMPLE, "--verbosity", "2")

    assert f"unchanged {SAMPLE}" in out


def test_a_refused_file_is_named_on_its_own_line_with_its_reason_and_fails_the_run(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02binary")
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="1 of 2 files refused"):
        call_command("import_seeds", str(SAMPLE), str(broken), stdout=out, stderr=err)

    refused = [line for line in err.getvalue().splitlines() if line.startswith("refused")]
    assert len(refused) == 1
    assert str(broken) in refused[0]
    assert "1 created, 0 updated, 0 unchanged, 1 refused" in out.getvalue()
    assert Article.objects.count() == 1


def test_dry_run_says_so_and_writes_nothing():
    out, _ = run(SAMPLE, "--dry-run")

    assert "Dry run, nothing written: 1 created" in out
    assert not Article.objects.exists()


def test_the_command_needs_at_least_one_path():
    with pytest.raises(CommandError, match="PATH"):
        call_command("import_seeds")


def test_the_exit_status_is_zero_only_when_nothing_was_refused(tmp_path):
    """The real command in its own process, as an operator runs it."""
    import os
    import subprocess
    import sys

    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    manage = [sys.executable, str(Path(__file__).resolve().parents[2] / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)  # noqa: S603
    broken = tmp_path / "empty.txt"
    broken.write_bytes(b"")

    good = subprocess.run([*manage, "import_seeds", SAMPLE], env=env, capture_output=True)  # noqa: S603
    bad = subprocess.run([*manage, "import_seeds", broken], env=env, capture_output=True, text=True)  # noqa: S603

    assert good.returncode == 0
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert f"refused   {broken}: " in bad.stderr
