"""Lighthouse's four scores for an article page served as in production; `make audit` runs it.

    python -m tests.audit      # from the project folder, after `npm ci`

The site runs on gunicorn with DJANGO_DEBUG=false and collected static files, over plain HTTP on
127.0.0.1 (DJANGO_SECURE_SSL_REDIRECT=false: there is no TLS proxy in front), on a temporary
SQLite database holding fixtures/seeds/ with two authors, a lead image and a few comments; the
images come from another local server at DJANGO_MEDIA_URL, as from a CDN or a bucket in
production (nginx or S3 serve them there, never gunicorn). Lighthouse (package.json) drives
Debian's Chromium with its default mobile settings: a mid-range phone on a slow 4G network.
Prints the scores and, for a score under MINIMUM, the audits that cost it points; the exit
status is 1 then.
"""

import functools
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

from tests.gunicorn_site import PROJECT, free_port, gunicorn_command

MINIMUM = 95
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# As for the browser tests: no sandbox as root, no background traffic on a machine without a
# network.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu "
    "--disable-background-networking --disable-component-update"
)
COMMENTS = [
    ("Grace", "The memo is the real story here. It is at https://example.com/memo"),
    ("Ada", "Contracts like this should be public."),
    ("Margaret", "Good summary of a messy week."),
]


def production_environment(folder, port, media_port):
    """The settings `make run` would never use: production's, with a throwaway database."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return environment | {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DATABASE_URL": f"sqlite:///{folder / 'audit.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_MEDIA_URL": f"http://127.0.0.1:{media_port}/",
        # The seed's article is old enough for its thread to have closed: keep it open, so the
        # page audited shows the comment form like a new article's.
        "COMMENTS_CLOSE_AFTER_DAYS": "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }


def prepare_site():
    """Migrate, import the seeds, collect the static files, add comments; the article's path.
    Runs in this process, with the environment set up by `production_environment`."""
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.db import connections

    from articles.models import Article, Author, Byline
    from comments.models import Comment
    from tests.conftest import photo

    call_command("migrate", verbosity=0)
    call_command("import_seeds", PROJECT / "fixtures" / "seeds", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    article = Article.objects.get()
    article.lead_image = ContentFile(photo(), name="dusk.jpg")
    article.lead_image_alt = "The sun sets over a green hill"
    article.lead_image_caption = "Dusk over Arlington, Virginia."
    article.lead_image_credit = "Photo: Newsroom"
    article.save()
    for position, name in enumerate(["Ada Lovelace", "Grace Hopper"]):
        author = Author.objects.create(name=name, slug=name.lower().replace(" ", "-"))
        Byline.objects.create(article=article, author=author, position=position)
    for name, body in COMMENTS:
        Comment.objects.create(
            article=article,
            name=name,
            body=body,
            status=Comment.Status.PUBLISHED,
            ip_address="192.0.2.1",
        )
    connections.close_all()
    return article.get_absolute_url()


class _MediaHandler(SimpleHTTPRequestHandler):
    """The media folder, as a CDN serves it: files kept for good, no log on the console."""

    def end_headers(self):
        self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        super().end_headers()

    def log_message(self, *args):
        pass


def serve_media(folder, port):
    """Serve `folder` at http://127.0.0.1:port/ from a thread of this process."""
    handler = functools.partial(_MediaHandler, directory=folder)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    Thread(target=server.serve_forever, daemon=True).start()
    return server


def answers(url, server):
    """Whether the server answers at the URL within 30 seconds (and has not stopped)."""
    for _ in range(60):
        if server.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (our own http://127.0.0.1)
                return True
        except OSError:
            time.sleep(0.5)
    return False


def lighthouse(url):
    """Lighthouse's report on the page, as a dict."""
    completed = subprocess.run(  # noqa: S603 (the project's own Lighthouse)
        [
            LIGHTHOUSE,
            url,
            "--output=json",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env=os.environ | {"CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        sys.exit(f"Lighthouse failed:\n{completed.stderr}")
    return json.loads(completed.stdout)


def what_costs_points(report, category):
    """The titles of the category's weighed audits that did not pass."""
    audits = report["audits"]
    return [
        audits[ref["id"]]["title"]
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0 and (audits[ref["id"]]["score"] or 0) < 1
    ]


def main():
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci --no-audit --no-fund`.")
    with tempfile.TemporaryDirectory(prefix="newsroom-audit-") as folder:
        port, media_port = free_port(), free_port()
        os.environ.update(production_environment(Path(folder), port, media_port))
        path = prepare_site()
        media = serve_media(Path(folder) / "media", media_port)
        log = Path(folder) / "gunicorn.log"
        with log.open("w") as output:
            server = subprocess.Popen(  # noqa: S603 (the project's own gunicorn)
                gunicorn_command(),
                cwd=PROJECT,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            if not answers(f"http://127.0.0.1:{port}/healthz", server):
                sys.exit(f"gunicorn did not start:\n{log.read_text()}")
            url = f"http://127.0.0.1:{port}{path}"
            print(f"Lighthouse on {url}", flush=True)
            report = lighthouse(url)
        finally:
            server.terminate()
            server.wait(timeout=30)
            media.shutdown()

    failed = False
    for category in CATEGORIES:
        score = round(report["categories"][category]["score"] * 100)
        print(f"{category:<16} {score:>3}")
        if score < MINIMUM:
            failed = True
            for title in what_costs_points(report, category):
                print(f"    {title}")
    if failed:
        sys.exit(f"A score is under {MINIMUM}.")


if __name__ == "__main__":
    main()
