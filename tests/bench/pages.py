"""Benchmark: the site's pages under load, measured against Django's own ceiling in the same run.

    python tests/bench/pages.py          # or: make bench

Production settings on PostgreSQL (a database of its own, made anew), the cache at CACHE_URL
(default: Redis database 2 on this machine, emptied first), gunicorn as deploy/gunicorn.conf.py
configures it, Varnish with deploy/varnish/ in front of it (purged by the app: EDGE_CACHES),
and wrk as the load (Debian's package). The data: 1,000 articles from generated seeds, threads
of 0 to 200 comments, a third of them replies. It prints figures and asserts nothing:

- requests/s, p50 and p99 for an article page, the front page and a section page as a
  first-time reader gets them from gunicorn (no cookies; the app's own page cache), for a view
  returning the same bytes without doing anything (Django's ceiling) and for a static file,
  with each page's ratio to the ceiling;
- the same for the article page, the front page and the static file through Varnish, and the
  front page through Varnish again while readers post 10 comments a second to other articles
  through it (each post purges its article's thread);
- the server time and SQL queries of an uncached article page with 200 comments and replies;
- accepted comments a second, posted across many articles by readers from addresses of their
  own (wrk names them in X-Forwarded-For, as a proxy would), and whether every accepted comment
  was stored.
"""

import argparse
import concurrent.futures
import contextlib
import http.client
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))

from tests.bench.import_seeds import write_seeds  # noqa: E402
from tests.gunicorn_site import free_port, gunicorn_command, postgres  # noqa: E402
from tests.services import Varnish  # noqa: E402

WRK_THREADS = 2


def configure(folder, database, cache_url):
    """(the app's base URL, Varnish in front of it, not yet started)."""
    port = free_port()
    varnish = Varnish(folder, port)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
            "CACHE_URL": cache_url,
            "BENCH_CONSTANT_BODY": str(folder / "constant.html"),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            # wrk stands for the proxy: each of the posting run's readers comes from an address
            # of their own, which it names in X-Forwarded-For (the rate limits are the defaults).
            "DJANGO_TRUSTED_PROXIES": "127.0.0.1",
        }
    )
    return f"http://127.0.0.1:{port}", varnish


def build_data(folder, articles, rng):
    """Import generated seeds and give each article a thread of 0 to 200 comments."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from articles.importer import import_seeds
    from articles.models import Article
    from comments.models import Comment, CommentStatus

    PUBLISHED = CommentStatus.PUBLISHED
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    seeds = folder / "seeds"
    seeds.mkdir()
    write_seeds(seeds, articles, rng)
    import_seeds([seeds])
    # Recent articles, so their threads are open, as on a live site.
    Article.objects.update(published_at=timezone.now() - timezone.timedelta(days=1))

    def comment(**fields):
        # As save() stores it: bulk_create does not call save(), which renders the text.
        made = Comment(status=PUBLISHED, **fields)
        made.render_body()
        return made

    for article in Article.objects.all():
        count = rng.randint(0, 200)
        tops = Comment.objects.bulk_create(
            comment(article=article, name=f"Reader {n}", body=_comment_text(rng, n))
            for n in range(count - count // 3)
        )
        Comment.objects.bulk_create(
            comment(article=article, parent=rng.choice(tops), name=f"Replier {n}", body="Agreed.")
            for n in range(count // 3)
            if tops
        )
    # As on a live database: planner statistics, and no autovacuum of the fresh rows competing
    # with the measurements for the same cores.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _comment_text(rng, n):
    words = ["the", "council", "budget", "vote", "story", "report", "readers", "city", "plan"]
    text = " ".join(rng.choice(words) for _ in range(rng.randint(8, 60)))
    return f"Comment {n}: {text}.\nSee https://example.com/{n} for more." if n % 7 == 0 else text


def article_with_comments(count):
    """A published article whose thread has exactly `count` comments (made so if none has)."""
    from django.db.models import Count

    from articles.models import Article

    found = (
        Article.objects.annotate(n=Count("comments")).filter(n=count).select_related("section")
    ).first()
    return found or Article.objects.select_related("section").first()


def uncached_render(article, runs=30):
    """Median milliseconds and the SQL queries of the article page rendered afresh each time."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"x-forwarded-proto": "https"})
    url = article.get_absolute_url()
    timings = []
    with override_settings(PAGE_CACHE_SECONDS=0):
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
    return statistics.median(timings), len(queries), response.content


def start_gunicorn(folder):
    log = (folder / "gunicorn.log").open("w")
    server = subprocess.Popen(  # noqa: S603 (the project's own gunicorn)
        gunicorn_command(),
        cwd=PROJECT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return server


def wrk(url, seconds, connections, script=None):
    """Run wrk against one URL: requests/s, p50 and p99 in ms, non-2xx/3xx count, and its output."""
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        # Longer than any answer takes, so that no answered request goes uncounted.
        "--timeout",
        "30s",
        # As the TLS proxy in front of gunicorn reports every request.
        "-H",
        "X-Forwarded-Proto: https",
    ]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, _ms(latency["50"]), _ms(latency["99"]), int(errors[1]) if errors else 0, out


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wait_until_up(base):
    import urllib.request

    for _ in range(60):
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not start")


def comment_forms(articles):
    """(article id, signed form time) for each article: what a reader's form holds."""
    from comments import spam

    return [(article.pk, spam.form_token(article.pk)) for article in articles]


def posting_script(folder, base, forms):
    """A wrk script that posts comments round the given forms, each as a reader's browser
    would send it from the article's page (its Origin, the signed form time), and counts the
    303s."""
    rows = ",\n".join(f'{{id={pk}, stamp="{stamp}"}}' for pk, stamp in forms)
    script = folder / "post.lua"
    script.write_text(
        f"""
local forms = {{ {rows} }}
local n = 0
accepted = 0
local threads = {{}}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end
-- Each thread numbers its comments apart: the same text twice would be refused as a duplicate.
function init(args) n = id * 1000000000 end
-- Comment n's reader posts from an address of their own, 10.x.y.z.
local function address(n)
  local high, middle = math.floor(n / 65536) % 256, math.floor(n / 256) % 256
  return string.format("10.%d.%d.%d", high, middle, n % 256)
end
function request()
  n = n + 1
  local form = forms[(n % #forms) + 1]
  local body = "name=Reader&email=&website=&parent=&timestamp=" .. form.stamp
    .. "&body=Comment+number+" .. n .. "+from+the+benchmark."
  return wrk.format("POST", "/comments/articles/" .. form.id .. "/", {{
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-Proto"] = "https",
    ["X-Forwarded-For"] = address(n),
    ["Origin"] = "https://{base.removeprefix("http://")}",
  }}, body)
end
accepted_ids = {{}}
function response(status, headers, body)
  if status == 303 then
    accepted = accepted + 1
    accepted_ids[accepted] = string.match(headers["Location"], "comment%-(%d+)")
  elseif not other then other = status end
end
function done(summary, latency, requests)
  local total = 0
  local ids = io.open("{folder / "accepted.txt"}", "w")
  for _, thread in ipairs(threads) do
    total = total + thread:get("accepted")
    ids:write(table.concat(thread:get("accepted_ids"), " ") .. " ")
    if thread:get("other") then io.write("Also answered: " .. thread:get("other") .. "\\n") end
  end
  ids:close()
  io.write("Accepted: " .. total .. "\\n")
end
"""
    )
    return script


class SteadyPosting(threading.Thread):
    """Post `per_second` comments a second through `base` round the forms, each from a
    reader's own address and on a connection of its own, however long each takes, until
    stopped; `accepted` counts the 303s."""

    def __init__(self, base, forms, per_second):
        super().__init__(daemon=True)
        self.address = base.removeprefix("http://")
        self.forms, self.per_second = forms, per_second
        self.stopped = threading.Event()
        self.accepted = self.sent = 0
        self.counting = threading.Lock()
        self.posts = concurrent.futures.ThreadPoolExecutor(max_workers=4 * per_second)

    def run(self):
        started = time.monotonic()
        while not self.stopped.is_set():
            self.sent += 1
            self.posts.submit(self.post, self.sent)
            time.sleep(max(0, started + self.sent / self.per_second - time.monotonic()))
        self.posts.shutdown()

    def post(self, n):
        pk, stamp = self.forms[n % len(self.forms)]
        fields = {"name": "Reader", "website": "", "timestamp": stamp}
        fields["body"] = f"Steady comment {n} from the benchmark."
        connection = http.client.HTTPConnection(self.address, timeout=30)
        with contextlib.closing(connection):
            connection.request(
                "POST",
                f"/comments/articles/{pk}/",
                body=urlencode(fields),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-Forwarded-Proto": "https",
                    "X-Forwarded-For": f"10.200.{n // 256 % 256}.{n % 256}",
                    "Origin": f"https://{self.address}",
                },
            )
            if connection.getresponse().status == 303:
                with self.counting:
                    self.accepted += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--database", default="newsroom_bench")
    args = parser.parse_args()
    cache_url = os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/2")
    rng = random.Random(2026)  # the same data every run
    folder = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    base, varnish = configure(folder, args.database, cache_url)

    import django

    postgres("dropdb", "--if-exists", args.database)
    postgres("createdb", args.database)
    django.setup()
    from django.core.cache import cache
    from django.db import connection

    cache.clear()
    print(f"Building {args.articles} articles with threads of 0 to 200 comments...", flush=True)
    build_data(folder, args.articles, rng)

    heavy = article_with_comments(200)
    render_ms, render_queries, _ = uncached_render(heavy)
    article = article_with_comments(20)
    _, _, page = uncached_render(article, runs=1)
    (folder / "constant.html").write_bytes(page)
    from comments.models import Comment

    static = _static_url("css/site.css")
    targets = [
        ("article page", base, article.get_absolute_url()),
        ("front page", base, "/"),
        ("section page", base, article.section.get_absolute_url()),
        ("Django ceiling", base, "/bench/constant/"),
        ("static file", base, static),
        ("edge: article", varnish.url.rstrip("/"), article.get_absolute_url()),
        ("edge: static", varnish.url.rstrip("/"), static),
        ("edge: front", varnish.url.rstrip("/"), "/"),
    ]
    from articles.models import Article

    post_articles = list(Article.objects.select_related("section").exclude(pk=article.pk)[:200])
    forms = comment_forms(post_articles)
    script = posting_script(folder, base, forms)
    connection.close()

    # The app purges Varnish, which runs from here on (the data was built without it).
    os.environ["EDGE_CACHES"] = varnish.url
    server = start_gunicorn(folder)
    try:
        wait_until_up(base)
        with varnish:
            results = {}
            for name, target, path in targets:
                wrk(target + path, 2, args.connections)  # warm the workers and the caches
                results[name] = wrk(target + path, args.seconds, args.connections)
            time.sleep(max(0, float(os.environ.get("COMMENTS_MIN_FORM_SECONDS", 3))))
            posting = SteadyPosting(varnish.url.rstrip("/"), forms, per_second=10)
            posting.start()
            try:
                results["edge: front, posting"] = wrk(
                    varnish.url.rstrip("/") + "/", args.seconds, args.connections
                )
            finally:
                posting.stopped.set()
                posting.join()
        comments_before = Comment.objects.count()
        _, post_p50, post_p99, post_errors, post_out = wrk(
            base, args.seconds, args.connections, script
        )
    finally:
        server.terminate()
        server.wait(timeout=30)

    ceiling = results["Django ceiling"][0]
    print(
        f"\n{len(page) / 1024:.0f} KB article page, {args.connections} connections, "
        f"{args.seconds} s each, {os.cpu_count()} cores, cache {cache_url.split(':')[0]}"
    )
    heading = ("requests/s", "p50 ms", "p99 ms", "errors", "of ceiling")
    print(
        f"{'':22} {heading[0]:>11} {heading[1]:>8} {heading[2]:>8} {heading[3]:>7} {heading[4]:>11}"
    )
    for name, (rate, p50, p99, errors, _) in results.items():
        print(f"{name:22} {rate:11.0f} {p50:8.2f} {p99:8.2f} {errors:7d} {rate / ceiling:10.0%}")
    edge_article = results["edge: article"][0]
    print(
        f"\nThrough Varnish: the article at {edge_article / results['edge: static'][0]:.0%} of "
        f"the static file, {edge_article / ceiling:.1f} times Django's ceiling; the front page "
        f"while {posting.accepted} comments were accepted ({posting.accepted / args.seconds:.1f} "
        f"a second, {posting.sent} sent) at "
        f"{results['edge: front, posting'][0] / results['edge: front'][0]:.0%} of its rate "
        "without them."
    )
    print(
        f"Uncached article page with 200 comments and replies: {render_ms:.1f} ms median, "
        f"{render_queries} SQL queries"
    )
    accepted = int(re.search(r"Accepted: (\d+)", post_out)[1])
    stored = Comment.objects.count() - comments_before
    accepted_ids = {int(pk) for pk in (folder / "accepted.txt").read_text().split()}
    found = Comment.objects.filter(pk__in=accepted_ids).values_list("pk", flat=True)
    lost = len(accepted_ids - set(found))
    for line in re.findall(r"^Also answered: .*$", post_out, re.MULTILINE):
        print(line)
    print(
        f"Comment posting: {accepted / args.seconds:.0f} accepted a second across "
        f"{len(post_articles)} articles (p50 {post_p50:.1f} ms, p99 {post_p99:.1f} ms); "
        f"{accepted} accepted, {stored} stored (requests still in flight when the load stopped "
        f"are stored without being counted), {lost} accepted but not stored, {post_errors} refused"
    )
    connection.close()
    postgres("dropdb", "--if-exists", args.database)


def _static_url(name):
    from django.templatetags.static import static

    return static(name)


if __name__ == "__main__":
    main()
