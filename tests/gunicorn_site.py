"""The site on its real server, for the tests that need one: gunicorn with production settings
(DJANGO_DEBUG=false) on a PostgreSQL database of its own, on 127.0.0.1, asked as the TLS proxy
would ask. The outage test uses it; so can others that need real processes (parallel posting).
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def free_port():
    """A local TCP port nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(*command, **options):
    """Run one of this machine's commands; fail if it fails."""
    subprocess.run(command, check=True, **options)  # noqa: S603 (fixed commands of our own)


def postgres(*command):
    """Run one of PostgreSQL's client programs (createdb, dropdb) against the local server."""
    run(*command, "-h", "127.0.0.1", "-U", "postgres")


class GunicornSite:
    """`with GunicornSite(tmp_path, "newsroom_x") as site:` a new database of that name, migrated,
    with fixtures/seeds/ imported and static files collected, served by 2 gunicorn workers;
    stopped and the database dropped afterwards."""

    def __init__(self, folder, database):
        self.database = database
        self.port = free_port()
        environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        self.environment = environment | {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": "2",
        }
        self.log = folder / "gunicorn.log"
        self.server = None

    def __enter__(self):
        postgres("dropdb", "--if-exists", self.database)
        postgres("createdb", self.database)
        try:
            self.manage("migrate", "--noinput", "-v", "0")
            self.manage("import_seeds", "fixtures/seeds")
            self.manage("collectstatic", "--noinput", "-v", "0")
            with self.log.open("w") as log:
                self.server = subprocess.Popen(  # noqa: S603 (the project's own gunicorn)
                    [Path(sys.executable).with_name("gunicorn"), "newsroom.wsgi"],
                    cwd=PROJECT,
                    env=self.environment,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            self.wait_until_up()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exception):
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=30)
        postgres("dropdb", "--if-exists", self.database)

    def manage(self, *arguments):
        run(sys.executable, "manage.py", *arguments, cwd=PROJECT, env=self.environment)

    def get(self, path):
        """(status, body) of a GET sent over HTTPS, as the TLS proxy reports it."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", headers={"X-Forwarded-Proto": "https"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def wait_until_up(self):
        for _ in range(60):
            with contextlib.suppress(OSError):
                if self.get("/healthz")[0] == 200:
                    return
            time.sleep(0.5)
        raise AssertionError(f"gunicorn did not start:\n{self.log.read_text()}")
