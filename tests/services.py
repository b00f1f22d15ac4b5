"""Services of the tests' own, started and stopped by the tests that need them: a Redis server
they may pause, stop and start again without touching the machine's own."""

import contextlib
import os
import signal
import socket
import subprocess
import time

from tests.gunicorn_site import free_port


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
