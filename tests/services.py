"""Services of the tests' own, started and stopped by the tests that need them without touching
the machine's: a Redis server they may pause, stop and start again, PostgreSQL clusters (a
primary and its streaming replica) and Varnish with the site's configuration."""

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.gunicorn_site import PROJECT, free_port, run

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def redis_caches(url):
    """CACHES for the site's own Redis backend at `url`, with the timeouts the settings give it."""
    backend = "newsroom.redis_cache.RedisCache"
    timeouts = {"socket_connect_timeout": 1, "socket_timeout": 1}
    return {"default": {"BACKEND": backend, "LOCATION": url, "OPTIONS": timeouts}}


def wait_for_port(port, seconds=30):
    """Until something accepts connections on 127.0.0.1:port."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port} after {seconds} s")


class RedisServer:
    """`with RedisServer() as redis:` a redis-server of its own on a free port, keeping nothing
    on disk; `redis.url` for CACHE_URL. `pause()`/`resume()` freeze it (connections hang, as
    with a server that stopped answering); `stop()`/`start()` end it and start an empty one."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exception):
        if self.process is not None:
            self.resume()
            self.stop()

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (Debian's redis-server)
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process = None

    def pause(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)


def _postgresql_program(name):
    """A PostgreSQL server program: on the PATH, or where Debian keeps the newest version's."""
    debian = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    found = shutil.which(name) or next(iter(debian), None)
    assert found, f"PostgreSQL's {name} is not installed"
    return found


class PostgresCluster:
    """A PostgreSQL server of its own in a new folder, on a free port of 127.0.0.1, trusting
    local connections (replication ones too): `PostgresCluster.new()` an empty primary,
    `primary.replica()` a streaming replica of it made with pg_basebackup. `start()`, `stop()`,
    `sql(query)`; `remove()` stops it and deletes its folder.

    PostgreSQL refuses to run as root: as root, its programs run as the postgres user, in a
    folder of /tmp that user owns."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}"

    @classmethod
    def new(cls):
        cluster = cls(_folder())
        cluster._as_owner("initdb", "-D", cluster.folder, "-U", "postgres", "-A", "trust")
        with (cluster.folder / "postgresql.conf").open("a") as conf:
            # A test's data: no need to survive a crash of the machine.
            conf.write("fsync = off\nfull_page_writes = off\nsynchronous_commit = off\n")
        cluster.start()
        return cluster

    def replica(self):
        """A hot standby streaming from this cluster, started."""
        replica = PostgresCluster(_folder())
        replica._as_owner(
            *("pg_basebackup", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"),
            *("-D", replica.folder, "-R", "-X", "stream", "--checkpoint", "fast"),
        )
        replica.start()
        return replica

    def start(self):
        self._as_owner(
            *("pg_ctl", "-D", self.folder, "-l", self.folder / "server.log", "-w", "start"),
            # TCP only: a socket in the folder would be in the way of pg_basebackup.
            *("-o", f"-p {self.port} -k '' -c listen_addresses=127.0.0.1"),
        )

    def stop(self):
        self._as_owner("pg_ctl", "-D", self.folder, "-m", "fast", "-w", "stop")

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def sql(self, query, database="postgres"):
        """What psql printed for the query, unaligned, without headers."""
        finished = run(
            *("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database),
            *("-v", "ON_ERROR_STOP=1", "-tAc", query),
            stdout=subprocess.PIPE,
        )
        return finished.stdout.decode().strip()

    def _as_owner(self, program, *arguments):
        command = [_postgresql_program(program), *map(str, arguments)]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        run(*command, stdout=subprocess.DEVNULL)


def _folder():
    folder = Path(tempfile.mkdtemp(prefix="newsroom-postgresql-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    return folder


class Varnish:
    """`with Varnish(folder, app_port) as varnish:` Debian's varnishd with deploy/varnish/'s
    configuration, its EDIT line set for an app on this port, listening on a free port of
    127.0.0.1 (`varnish.url`, which the app's EDGE_CACHES names)."""

    def __init__(self, folder, app_port):
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        vcl = (PROJECT / "deploy" / "varnish" / "newsroom.vcl").read_text()
        backend = '.port = "8000";'
        assert vcl.count(backend) == 1, f"{backend!r} is not once in newsroom.vcl"
        vcl = vcl.replace(backend, f'.port = "{app_port}";')
        self.vcl = folder / "newsroom.vcl"
        self.vcl.write_text(vcl)
        self.process = None

    def __enter__(self):
        assert shutil.which(VARNISHD), (
            "varnishd not found: apt-get install varnish (or make varnish)"
        )
        self.process = subprocess.Popen(  # noqa: S603 (Debian's varnishd)
            [
                *(VARNISHD, "-F", "-n", self.folder / "varnish", "-f", self.vcl),
                *("-a", f"127.0.0.1:{self.port}", "-s", "malloc,64m", "-T", "none"),
                # No jail: as root it would run as the varnish user, who may not enter the
                # test's folders.
                *("-j", "none"),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def __exit__(self, *exception):
        self.process.terminate()
        self.process.wait(timeout=10)
