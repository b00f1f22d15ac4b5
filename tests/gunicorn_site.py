"""The site on its real server, for the tests that need one: gunicorn with production settings
(DJANGO_DEBUG=false) on 127.0.0.1, asked as the TLS proxy would ask, on a PostgreSQL database
of its own (GunicornSite) or on databases the test provides (Gunicorn). The outage, parallel
posting and scale-out tests use it.
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def free_port():
    """A local TCP port nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(*command, **options):
    """Run one of this machine's commands; fail if it fails."""
    return subprocess.run(command, check=True, **options)  # noqa: S603 (fixed commands of our own)


def gunicorn_command():
    """The command that starts the site's gunicorn as deployed (deploy/gunicorn.conf.py)."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return [gunicorn, "--config", PROJECT / "deploy" / "gunicorn.conf.py", "newsroom.wsgi"]


def postgres(*command):
    """Run one of PostgreSQL's client programs (createdb, dropdb) against the local server."""
    run(*command, "-h", "127.0.0.1", "-U", "postgres")


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is the answer (the 303 after a post, say), not a page to fetch next."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_KeepRedirects)


class HtmlForm(HTMLParser):
    """Where the form with this id on the page at `url` posts (its `action`, or that page when
    it has none), and its named <input>s with their values."""

    def __init__(self, html, form_id, url):
        super().__init__()
        self.form_id, self.url, self.action, self.fields = form_id, url, None, {}
        self._inside = False
        self.feed(html)
        assert self.action, f"no form with the id {form_id!r}"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.action, self._inside = attrs.get("action") or self.url, True
        elif tag == "input" and self._inside and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False


class Gunicorn:
    """`with Gunicorn(tmp_path, DATABASE_URL=...) as site:` the site served by 2 gunicorn workers
    on a free port with production settings (DJANGO_DEBUG=false), stopped afterwards. Keyword
    arguments add to the site's environment (`COMMENTS_RATE_PER_MINUTE="1000"`); servers given
    the same DJANGO_SECRET_KEY accept each other's signed forms and cookies. `prepare()` migrates
    the database, imports fixtures/seeds/ and collects the static files."""

    def __init__(self, folder, **variables):
        self.port = free_port()
        environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        self.environment = environment | {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": "2",
            **variables,
        }
        self.log = folder / f"gunicorn-{self.port}.log"
        self.server = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exception):
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=30)
            self.server = None

    def prepare(self):
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("import_seeds", "fixtures/seeds")
        self.manage("collectstatic", "--noinput", "-v", "0")

    def start(self):
        with self.log.open("w") as log:
            self.server = subprocess.Popen(  # noqa: S603 (the project's own gunicorn)
                gunicorn_command(),
                cwd=PROJECT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self.wait_until_up()
        except BaseException:
            self.__exit__()
            raise

    def manage(self, *arguments):
        """Run a management command against the site's database; what it printed."""
        command = [sys.executable, "manage.py", *arguments]
        finished = run(*command, cwd=PROJECT, env=self.environment, stdout=subprocess.PIPE)
        return finished.stdout.decode()

    def get(self, path, cookies=None):
        """(status, body) of a GET sent over HTTPS, as the TLS proxy reports it. With a
        SimpleCookie for `cookies`, its cookies go with the request and those the answer sets
        are kept in it, as a browser keeps them."""
        status, _headers, body = self._send(path, cookies=cookies)
        return status, body

    def post_form(self, page, form_id, fields, cookies=None):
        """Send the form of `page` with this id as a browser would: GET the page, keep its
        cookies (the CSRF one; in `cookies` if given), take the form's own fields (the CSRF
        token, the comment form's signed timestamp, hidden and empty ones), set `fields` and
        POST it all to the form's action with the cookies and the page's Origin. (status,
        Location) of the answer."""
        cookies = SimpleCookie() if cookies is None else cookies
        status, _headers, html = self._send(page, cookies=cookies)
        assert status == 200, f"{status} for {page}"
        form = HtmlForm(html, form_id, page)
        status, headers, _body = self._send(
            form.action,
            urllib.parse.urlencode(form.fields | fields).encode(),
            # Django checks the Origin of an HTTPS post against the site's own.
            {"Origin": f"https://127.0.0.1:{self.port}"},
            cookies=cookies,
        )
        return status, headers["Location"]

    def _send(self, path, data=None, headers=None, cookies=None):
        """(status, headers, body) of a request sent over HTTPS, as the TLS proxy reports it; a
        POST of `data` when given. Redirects are answers, not followed."""
        headers = {"X-Forwarded-Proto": "https", **(headers or {})}
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={c.value}" for name, c in cookies.items())
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", data=data, headers=headers
        )
        try:
            with _opener.open(request, timeout=30) as response:
                answer = response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            answer = error.code, error.headers, error.read().decode()
        if cookies is not None:
            for header in answer[1].get_all("Set-Cookie", []):
                cookies.load(header)
        return answer

    def wait_until_up(self):
        for _ in range(60):
            with contextlib.suppress(OSError):
                if self.get("/healthz")[0] == 200:
                    return
            time.sleep(0.5)
        raise AssertionError(f"gunicorn did not start:\n{self.log.read_text()}")


class GunicornSite(Gunicorn):
    """`with GunicornSite(tmp_path, "newsroom_x") as site:` a new database of that name on the
    machine's PostgreSQL, prepared (see Gunicorn) and served; stopped and the database dropped
    afterwards."""

    def __init__(self, folder, database, **variables):
        self.database = database
        url = f"postgres://postgres@127.0.0.1:5432/{database}"
        super().__init__(folder, **{"DATABASE_URL": url} | variables)

    def __enter__(self):
        postgres("dropdb", "--if-exists", self.database)
        postgres("createdb", self.database)
        try:
            self.prepare()
            self.start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exception):
        super().__exit__()
        postgres("dropdb", "--if-exists", self.database)
