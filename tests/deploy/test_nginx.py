"""The nginx site of deploy/nginx/ in front of the real app: Debian's nginx runs the files an
operator installs (newsroom.conf with its EDIT lines set for this machine, the shared files it
includes as they are) before gunicorn with production settings, PostgreSQL and Redis, and a
client talks to it over real HTTPS from an address of its own."""

import contextlib
import http.client
import json
import os
import re
import shutil
import ssl
import subprocess
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.gunicorn_site import PROJECT, GunicornSite, HtmlForm, free_port, run
from tests.services import RedisServer, wait_for_port

pytestmark = pytest.mark.postgresql

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE = PROJECT / "deploy" / "nginx"
HOST = "news.example.com"
# The reader connects from this loopback address; nginx reaches gunicorn from 127.0.0.1. What
# the app records as the reader's address tells which one it believed.
CLIENT = "127.0.0.5"

MAIN_CONFIG = """\
{user}
pid {folder}/nginx.pid;
events {{
    worker_connections 64;
}}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/temp/body;
    proxy_temp_path {folder}/temp/proxy;
    fastcgi_temp_path {folder}/temp/fastcgi;
    uwsgi_temp_path {folder}/temp/uwsgi;
    scgi_temp_path {folder}/temp/scgi;
    include sites-enabled/newsroom.conf;
}}
"""


def install_site(folder, *, app_port, http_port, https_port):
    """Install the site as docs/operations.md ("nginx and the certificate") tells an operator to:
    the shared files in newsroom/ beside the main configuration (where newsroom.conf includes them
    from), and newsroom.conf in sites-enabled/ with its EDIT lines set for this machine. The path
    of the main configuration."""
    (folder / "newsroom").symlink_to(SITE)
    edits = {
        # The app itself, where Varnish would be: these tests are about nginx.
        "server 127.0.0.1:6081 ": f"server 127.0.0.1:{app_port} ",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        f"/etc/letsencrypt/live/{HOST}/fullchain.pem": str(folder / "certificate.pem"),
        f"/etc/letsencrypt/live/{HOST}/privkey.pem": str(folder / "key.pem"),
        "alias /srv/newsroom/media/;": f"alias {folder / 'media'}/;",
    }
    site = (SITE / "newsroom.conf").read_text()
    for placeholder, value in edits.items():
        assert site.count(placeholder) == 1, f"{placeholder!r} is not once in newsroom.conf"
        site = site.replace(placeholder, value)
    (folder / "sites-enabled").mkdir()
    (folder / "sites-enabled" / "newsroom.conf").write_text(site)
    (folder / "temp").mkdir()
    # Run as root, nginx's workers would be `nobody`, who may not enter pytest's folders.
    user = "user root;" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(MAIN_CONFIG.format(user=user, folder=folder))
    return main


class Nginx:
    """The site on nginx: `site.get(path)` and `site.send(...)` talk to it as a reader would."""

    def __init__(self, folder, app_port):
        self.folder = folder
        self.http_port, self.https_port = free_port(), free_port()
        run(
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
            "-keyout", folder / "key.pem", "-out", folder / "certificate.pem",
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.config = install_site(
            folder, app_port=app_port, http_port=self.http_port, https_port=self.https_port
        )
        self.tls = ssl.create_default_context(cafile=folder / "certificate.pem")
        self.process = None

    def __enter__(self):
        command = [NGINX, "-p", self.folder, "-c", self.config, "-e", self.folder / "error.log"]
        run(*command, "-t", stderr=subprocess.DEVNULL)
        self.process = subprocess.Popen([*command, "-g", "daemon off;"])  # noqa: S603 (Debian's nginx)
        wait_for_port(self.http_port)
        wait_for_port(self.https_port)
        return self

    def __exit__(self, *exception):
        self.process.terminate()
        self.process.wait(timeout=10)

    def send(self, path, *, method="GET", headers=None, body=None, https=True):
        """(status, headers, body) of one request from CLIENT, over HTTPS unless told."""
        address = ("127.0.0.1", self.https_port if https else self.http_port)
        if https:
            connection = http.client.HTTPSConnection(
                *address, context=self.tls, source_address=(CLIENT, 0), timeout=30
            )
        else:
            connection = http.client.HTTPConnection(
                *address, source_address=(CLIENT, 0), timeout=30
            )
        with contextlib.closing(connection):
            connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode(errors="replace")

    def get(self, path, cookies=None, **headers):
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        return self.send(path, headers=headers)


def new_cookies(headers):
    cookies = SimpleCookie()
    for header in headers.get_all("Set-Cookie", []):
        cookies.load(header)
    return {name: cookie.value for name, cookie in cookies.items()}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    if not shutil.which(NGINX):
        pytest.fail(f"nginx not found at {NGINX}: apt-get install nginx (or make nginx)")
    # The page cache on, in a Redis of the module's own.
    with RedisServer() as redis:
        site = GunicornSite(
            tmp_path_factory.mktemp("gunicorn"),
            # Its own database, so that two runs side by side do not drop each other's.
            f"newsroom_nginx_{os.getpid()}",
            CACHE_URL=redis.url,
            DJANGO_ALLOWED_HOSTS=f"{HOST},127.0.0.1",
            DJANGO_TRUSTED_PROXIES="127.0.0.1",
            # The seed's thread is old, and the comment is sent as soon as the page is read.
            COMMENTS_CLOSE_AFTER_DAYS="0",
            COMMENTS_MIN_FORM_SECONDS="0",
        )
        with site:
            yield site


@pytest.fixture(scope="module")
def nginx(app, tmp_path_factory):
    with Nginx(tmp_path_factory.mktemp("nginx"), app.port) as site:
        yield site


@pytest.fixture(scope="module")
def article(nginx):
    """The path of an article, from the front page."""
    status, _headers, page = nginx.get("/")
    assert status == 200, page
    return re.search(r'href="(/[^"]+/\d{4}/\d\d/\d\d/[^"]+/)"', page)[1]


def posted_line(log, path):
    return next(line for line in log.splitlines() if f'"POST {path} ' in line)


def first_visit(nginx, path):
    """A new reader's first request: (headers, their CSRF cookie)."""
    _status, headers, _page = nginx.get(path)
    return headers, new_cookies(headers)["csrftoken"]


def test_plain_http_is_redirected_to_https_by_nginx(nginx, article):
    status, headers, _page = nginx.send(f"{article}?page=2", https=False)

    assert status == 301
    assert headers["Location"] == f"https://{HOST}{article}?page=2"
    # nginx's own answer: the app, which would redirect too, sends its security headers.
    assert "Content-Security-Policy" not in headers


def test_the_health_checks_answer_over_plain_http_whatever_the_client_claims(nginx):
    status, headers, body = nginx.send(
        "/readyz", https=False, headers={"X-Forwarded-Proto": "https"}
    )

    assert status == 200
    assert json.loads(body) == {"status": "ok"}
    # nginx replaced the client's X-Forwarded-Proto: the app knew the request was plain HTTP.
    assert "Strict-Transport-Security" not in headers


def test_certificate_challenges_are_answered_over_plain_http_from_files(nginx):
    status, headers, _page = nginx.send("/.well-known/acme-challenge/no-such-token", https=False)

    # Looked for in the webroot (it is not there), neither redirected nor asked of the app.
    assert status == 404
    assert "Location" not in headers
    assert "Content-Security-Policy" not in headers


def test_an_article_comes_over_https_with_the_apps_security_headers(nginx, article):
    status, headers, page = nginx.get(article)

    assert status == 200
    # Only for a request the app knows came over HTTPS, and to the name the reader asked for.
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert f'<link rel="canonical" href="https://{HOST}{article}">' in page
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]


def test_static_files_come_through_immutable(nginx, article):
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', nginx.get(article)[2])[1]

    status, headers, _body = nginx.get(stylesheet)

    assert status == 200
    directives = {d.strip().partition("=")[::2] for d in headers["Cache-Control"].split(",")}
    assert {("public", ""), ("immutable", "")} <= directives
    assert int(dict(directives)["max-age"]) >= 365 * 24 * 3600


def test_the_app_takes_the_readers_address_from_nginx_not_from_the_reader(nginx, app, article):
    _status, _headers, page = nginx.get(article)
    form = HtmlForm(page, "comment-form", article)
    fields = form.fields | {"name": "Through nginx", "body": "Posted through the proxy."}

    status, headers, answer = nginx.send(
        form.action,
        method="POST",
        body=urlencode(fields),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}",
            # Believed, it would make every reader a new one to the rate limits.
            "X-Forwarded-For": "203.0.113.9",
        },
    )

    assert status == 303, answer
    comment = int(headers["Location"].rpartition("#comment-")[2])
    stored = {row["pk"]: row["fields"] for row in json.loads(app.manage("dumpdata", "comments"))}
    assert stored[comment]["ip_address"] == CLIENT
    # gunicorn's access log: the client the app believed, then the X-Forwarded-For it was sent,
    # nginx's own and nothing of the reader's.
    assert f"{CLIENT} {CLIENT} [" in posted_line(app.log.read_text(), form.action)


def upload(nginx, path, size, csrf=None):
    """The status of a POST of a file, `size` bytes in all. nginx reads the whole body before
    it passes the request on. Without `csrf` it comes as another site's page sends it, which
    the app refuses with 403; with the admin's CSRF cookie `csrf` it comes from the site's own
    page with the form's token, so the app reads it all and answers."""
    boundary = "newsroom-upload-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Sec-Fetch-Site": "cross-site",
        "Origin": "https://elsewhere.example",
    }
    if csrf:
        token = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n'
            f"\r\n{csrf}\r\n"
        ).encode()
        head = token + head
        headers |= {"Cookie": f"csrftoken={csrf}", "Sec-Fetch-Site": "same-origin"}
        headers["Origin"] = f"https://{HOST}"
    body = head + b"x" * (size - len(head) - len(tail)) + tail
    return nginx.send(path, method="POST", body=body, headers=headers)[0]


def test_the_admin_takes_larger_bodies(nginx):
    _headers, csrf = first_visit(nginx, "/admin/login/")

    status = upload(nginx, "/admin/login/", 2 * 1024 * 1024, csrf)

    # The login form again (no username came), not nginx's 413: the app read the whole body.
    assert status == 200


def test_a_body_larger_than_the_app_takes_is_refused_by_nginx(nginx, article):
    limit = 1024 * 1024  # DATA_UPLOAD_MAX_MEMORY_SIZE
    _headers, csrf = first_visit(nginx, "/admin/login/")
    form = re.search(r'action="(/comments/articles/\d+/)', nginx.get(article)[2])[1]

    at_limit = upload(nginx, form, limit, csrf)
    over = upload(nginx, form, limit + 1, csrf)

    # The app's answer, the form again without a name or a comment: nginx let it through.
    assert at_limit == 400
    assert over == 413


def test_uploaded_images_are_served_by_nginx_from_the_media_folder_to_be_kept_for_good(nginx):
    rendition = nginx.folder / "media" / "renditions" / "articles" / "dusk" / "1a2b.avif"
    rendition.parent.mkdir(parents=True)
    rendition.write_bytes(b"an AVIF file")

    status, headers, body = nginx.get("/media/renditions/articles/dusk/1a2b.avif")

    assert status == 200
    assert body == "an AVIF file"
    assert headers["Content-Type"] == "image/avif"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["X-Content-Type-Options"] == "nosniff"
    # From the disk: the app was not asked.
    assert "X-Cache-Status" not in headers


def test_the_media_folder_serves_nothing_but_files_and_nothing_as_a_page(nginx):
    page = nginx.folder / "media" / "page.html"
    page.write_text("<script>alert(1)</script>")

    status, headers, _body = nginx.get("/media/page.html")
    posted, _headers, _body = nginx.send("/media/page.html", method="POST", body=b"x")

    assert status == 200
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Security-Policy"] == "default-src 'none'"
    assert posted == 403
    assert nginx.get("/media/../nginx.conf")[0] in (400, 404)
