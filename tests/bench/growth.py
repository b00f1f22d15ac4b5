"""Benchmark: every kind of page on a small archive and on a large one, side by side.

    python tests/bench/growth.py                    # or: make bench-growth
    python tests/bench/growth.py --sizes 1000       # the small data set only
    python tests/bench/growth.py --rebuild          # build the data sets again

Production settings on PostgreSQL, each page rendered afresh (page cache off), in this process
through Django's test client, so a figure is the server's time without the network. Two data
sets, each in a database of its own that is kept between runs (building the large one takes
minutes): 1,000 articles with 20,000 comments, and 100,000 articles with 2,000,000 comments.
Articles come from generated seed files through `import_seeds`, whose first import,
unchanged re-import and `export_seeds` are timed with their peak memory; comments are written
by SQL (a third of them replies, every fiftieth held), with one thread of 5,000 comments.

For each request it prints the median and the slowest of its runs, the SQL queries it makes and
its slowest statement, for both sizes and their ratio. Then, on gunicorn as deployed and
through Varnish in front of it, the front page from the caches under load, alone and beside six
connections searching for a common word, and the peak memory of a gunicorn worker that served
every public request. It asserts nothing. Other work on the
machine moves the figures: compare the two sizes of one run.
"""

import argparse
import json
import os
import random
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))

from tests.bench.import_seeds import write_seeds  # noqa: E402
from tests.gunicorn_site import postgres  # noqa: E402

# The data sets' articles are published up to this day.
LAST_DAY = date(2026, 11, 1)
# Comments an article gets (1 to 39, 20 on average), and the one long thread.
LONG_THREAD = 5000
COMMENTS_SQL = """
WITH counts AS (
    SELECT id AS article_id, published_at,
        CASE WHEN id = %(long)s THEN %(long_count)s ELSE (id * 7919) %% 39 + 1 END AS n
    FROM articles_article
), blocks AS (
    SELECT article_id, published_at, n, sum(n) OVER (ORDER BY article_id) - n AS base FROM counts
)
INSERT INTO comments_comment (
    id, article_id, parent_id, name, email, body, body_html, status, hold_reason, hold_detail,
    ip_address, created_at, updated_at
)
SELECT base + j + 1, article_id,
    -- Every third comment answers the top-level comment two before it.
    CASE WHEN j %% 3 = 2 THEN base + j - 1 END,
    'Reader ' || (base + j) %% 5003,
    CASE WHEN j %% 4 = 0 THEN 'reader' || (base + j) %% 5003 || '@example.com' ELSE '' END,
    texts.body, texts.body_html,
    CASE WHEN (base + j) %% 50 = 0 THEN 'pending' ELSE 'published' END,
    CASE WHEN (base + j) %% 50 = 0 THEN 'links' ELSE '' END,
    '',
    NULL,
    published_at + make_interval(mins => j::int * 7),
    published_at + make_interval(mins => j::int * 7)
FROM blocks
CROSS JOIN LATERAL generate_series(0, n - 1) AS j
JOIN bench_texts AS texts ON texts.n = (base + j) %% %(texts)s
"""
TEXT_WORDS = [
    "the",
    "council",
    "budget",
    "vote",
    "story",
    "report",
    "readers",
    "city",
    "plan",
    "school",
    "road",
    "tax",
    "police",
    "mayor",
    "river",
    "bridge",
    "housing",
    "rent",
    "market",
    "jobs",
    "health",
    "hospital",
    "water",
    "park",
    "train",
    "bus",
    "election",
]


def is_built(name):
    """Whether the database holds a whole data set: the build marks it last (with the first
    import's figures), so that one stopped halfway is built again."""
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres") as server:
        found = server.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
    return found is not None and found[0] is not None


# Runs a management command and then writes the process's own peak memory (VmHWM: a child's
# rusage would count the pages it shared with this process when it was forked) to stderr.
PEAK_MEMORY = """
import sys
from django.core.management import execute_from_command_line
try:
    execute_from_command_line(["manage.py", *sys.argv[1:]])
finally:
    peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
    sys.stderr.write(f"\\npeak_kb={peak.split()[1]}\\n")
"""


def timed_command(*args):
    """Run a management command in a process of its own: seconds and peak memory in MB."""
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 (the project's own commands)
        [sys.executable, "-c", PEAK_MEMORY, *args, "-v", "0"],
        cwd=PROJECT,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"{args[0]} failed: {done.stderr[-2000:]}")
    return elapsed, int(done.stderr.rpartition("peak_kb=")[2]) / 1024


def build(size, folder, rng):
    """Articles from generated seeds (timing their first import), comments by SQL, ANALYZE."""
    from django.core.management import call_command
    from django.db import connection

    from comments.rendering import render_body

    call_command("migrate", verbosity=0)
    seeds = folder / "seeds"
    seeds.mkdir()
    print(f"  writing {size} seed files", file=sys.stderr)
    # 25 articles a day at most, all of them published by LAST_DAY.
    days = max(900, size // 25)
    write_seeds(seeds, size, rng, days=days, start=LAST_DAY - timedelta(days=days))
    print("  importing them", file=sys.stderr)
    first_import = timed_command("import_seeds", str(seeds))
    texts = []
    for n in range(1000):
        words = [rng.choice(TEXT_WORDS) for _ in range(rng.randint(8, 60))]
        body = " ".join(words).capitalize() + "."
        if n % 7 == 0:
            body += f"\nSee https://example.com/{n} for more."
        texts.append((n, body, str(render_body(body))))
    print("  writing comments", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_texts (n int PRIMARY KEY, body text, body_html text)")
        cursor.executemany("INSERT INTO bench_texts VALUES (%s, %s, %s)", texts)
        cursor.execute("SELECT min(id) FROM articles_article")
        (long_thread,) = cursor.fetchone()
        cursor.execute(
            COMMENTS_SQL, {"long": long_thread, "long_count": LONG_THREAD, "texts": len(texts)}
        )
        cursor.execute("DROP TABLE bench_texts")
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('comments_comment', 'id'), max(id)) "
            "FROM comments_comment"
        )
        cursor.execute(
            f"COMMENT ON DATABASE {connection.settings_dict['NAME']} IS %s",
            [json.dumps({"first_import": first_import})],
        )
    print("  VACUUM ANALYZE", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def first_import_figures():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = current_database()"
        )
        return json.loads(cursor.fetchone()[0])["first_import"]


def last_page(articles):
    """The number of a listing's last page: its own, or the cap's."""
    from articles.paging import MAX_PAGES, PAGE_SIZE

    return min(MAX_PAGES, -(-articles.count() // PAGE_SIZE))


def requests():
    """(name, path, staff) for each request measured."""
    from articles.models import Article
    from articles.sitemaps import ArticleSitemap
    from comments.models import Comment

    newest = Article.objects.published().select_related("section").first()
    long_thread = Article.objects.select_related("section").order_by("pk").first()
    # A whole year of articles.
    year = LAST_DAY.year - 1
    section = newest.section.slug
    comment = Comment.objects.visible().filter(article=long_thread, parent=None).last()
    last_sitemap = -(-Article.objects.published().count() // ArticleSitemap.limit)
    return [
        ("front page", "/", False),
        ("front page, last page", f"/?page={last_page(Article.objects.published())}", False),
        ("section page", f"/{section}/", False),
        (
            "section, last page",
            f"/{section}/?page={last_page(Article.objects.published().filter(section__slug=section))}",
            False,
        ),
        ("year archive, last page", f"/{year}/?page=last", False),
        ("month archive", f"/{year}/01/", False),
        ("article page", newest.get_absolute_url(), False),
        ("article, 5,000 comments", long_thread.get_absolute_url(), False),
        ("…its last thread page", comment.get_absolute_url().split("#")[0], False),
        ("latest feed", "/feeds/latest/", False),
        ("search: common word", "/search/?q=pentagon", False),
        ("search: phrase", "/search/?q=%22supply+chain+risk%22", False),
        ("search: negation", "/search/?q=defense+-openai", False),
        ("search: rare word", "/search/?q=4242", False),
        ("sitemap index", "/sitemap.xml", False),
        ("sitemap articles, first", "/sitemap-articles.xml", False),
        ("sitemap articles, last", f"/sitemap-articles.xml?p={last_sitemap}", False),
        ("sitemap news", "/sitemap-news.xml", False),
        ("admin comment list", "/admin/comments/comment/", True),
        ("admin comments held", "/admin/comments/comment/?status__exact=pending", True),
        ("admin comment search", "/admin/comments/comment/?q=reader4242@example.com", True),
        ("admin comment search, word", "/admin/comments/comment/?q=bridge", True),
        ("admin article list", "/admin/articles/article/", True),
        ("admin article search", "/admin/articles/article/?q=pentagon", True),
    ]


def measure(client, path, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm: the first request of a kind loads code and templates
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    slowest = max(queries.captured_queries, key=lambda q: float(q["time"]), default=None)
    return {
        "status": response.status_code,
        "median": statistics.median(timings),
        "worst": max(timings),
        "queries": len(queries),
        "slowest_ms": float(slowest["time"]) * 1000 if slowest else 0,
        "slowest_sql": " ".join(slowest["sql"].split())[:70] if slowest else "",
    }


# Each search a URL of its own, as an attacker would send them to get past the caches: the
# common word without a word no article has, numbered per wrk thread.
VARIED_SEARCH_LUA = """
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end
local n = 0
function request()
    n = n + 1
    return wrk.format(nil, "/search/?q=pentagon+-nothing" .. id .. "x" .. n)
end
"""


def searches_beside_cached_pages(database, folder, seconds=10):
    """The front page kept in the caches under load from 4 connections, alone and while 6 more
    connections search for a word that every article has, each search a new URL: straight to
    gunicorn as deployed (5 workers here, the page cache in a Redis server of its own), and
    through Varnish in front of it as deploy/ ships it. {way: {phase: (p50, p99) ms}} with the
    searches' own figures and the answers that were not 2xx (searches refused as busy)."""
    from tests.bench.pages import wrk
    from tests.gunicorn_site import Gunicorn
    from tests.services import RedisServer, Varnish

    script = folder / "varied-search.lua"
    script.write_text(VARIED_SEARCH_LUA)
    figures = {}
    with RedisServer() as redis:
        site = Gunicorn(
            folder,
            DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
            CACHE_URL=redis.url,
            SEARCH_RATE_PER_MINUTE="1000000",
            GUNICORN_WORKERS="5",
        )
        site.manage("collectstatic", "--noinput", "-v", "0")
        with site, Varnish(folder, site.port) as varnish:
            for way, base in [
                ("gunicorn", f"http://127.0.0.1:{site.port}"),
                ("varnish", varnish.url.rstrip("/")),
            ]:
                wrk(f"{base}/", 2, 4)  # the page into the caches, the workers warm
                alone = wrk(f"{base}/", seconds, 4)
                with ThreadPoolExecutor(1) as pool:
                    searching = pool.submit(wrk, f"{base}/", seconds + 2, 6, script=script)
                    time.sleep(1)
                    beside = wrk(f"{base}/", seconds, 4)
                    searches = searching.result()
                figures[way] = {
                    "alone": alone[1:3],
                    "beside": beside[1:3],
                    "searches": searches[1:3],
                    "errors": alone[3] + beside[3] + searches[3],
                }
            figures["worker_mb"] = worker_peak_memory(site)
    return figures


def worker_peak_memory(site):
    """The largest peak resident memory (MB) of the site's gunicorn workers after each public
    request of `requests()` was sent to them ten times, four at a time, so that every worker
    most likely served the heaviest ones."""
    paths = [path for _, path, staff in requests() if not staff] * 10
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(site.get, paths))
    workers = [
        task.name
        for task in Path("/proc").iterdir()
        if task.name.isdigit() and _parent(task) == site.server.pid
    ]
    return max(_peak_kb(pid) for pid in workers) / 1024


def _parent(task):
    try:
        # The fields after the command's name, which may hold spaces: state, then the parent.
        return int((task / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None


def _peak_kb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1])


def one_size(size, database, rebuild, runs):
    """Build (if need be) and measure one data set; its figures as JSON on the last line."""
    folder = Path(tempfile.mkdtemp(prefix="newsroom-growth-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
            "SEARCH_RATE_PER_MINUTE": "1000000",
            "COMMENTS_CLOSE_AFTER_DAYS": "0",
        }
    )
    fresh = rebuild or not is_built(database)
    if fresh:
        postgres("dropdb", "--if-exists", database)
        postgres("createdb", database)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 0
    if fresh:
        print(f"Building {size} articles in {database}:", file=sys.stderr)
        build(size, folder, random.Random(2026))
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    figures = {"import": first_import_figures()}
    figures["export"] = timed_command("export_seeds", str(folder / "export"))
    # The generated seeds when they were just imported, else the export: the same articles.
    unchanged = folder / ("seeds" if fresh else "export")
    figures["re-import"] = timed_command("import_seeds", str(unchanged))

    staff, _ = User.objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    # As the TLS proxy in front of gunicorn asks: production settings redirect plain HTTP.
    readers, admins = (
        Client(headers={"x-forwarded-proto": "https"}),
        Client(headers={"x-forwarded-proto": "https"}),
    )
    admins.force_login(staff)
    results = {}
    for name, path, is_staff in requests():
        client = admins if is_staff else readers
        results[name] = measure(client, path, runs)
        print(f"  {name:28} {results[name]['median']:8.1f} ms", file=sys.stderr)
    figures["requests"] = results
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from django.db import connections

    connections.close_all()
    # The seeds and the export go first: hundreds of MB at the large size.
    shutil.rmtree(folder)
    folder.mkdir()
    figures["load"] = searches_beside_cached_pages(database, folder)
    shutil.rmtree(folder)
    print(json.dumps(figures))


def report(sizes, figures):
    small, large = sizes[0], sizes[-1]
    a, b = figures[small], figures[large]
    print(
        f"\n{'request':28} {small:>8} {'q':>3} {large:>9} {'worst':>7} {'q':>3} {'ratio':>6}  "
        f"slowest statement at {large}"
    )
    for name, big in b["requests"].items():
        little = a["requests"][name]
        ratio = big["median"] / little["median"]
        status = "" if big["status"] == 200 else f" [{big['status']}]"
        print(
            f"{name:28} {little['median']:7.1f}ms {little['queries']:3d} {big['median']:8.1f}ms "
            f"{big['worst']:6.0f}ms {big['queries']:3d} {ratio:5.1f}x  "
            f"{big['slowest_ms']:.1f} ms {big['slowest_sql']}{status}"
        )
    for size in sizes:
        for way in ("gunicorn", "varnish"):
            load = figures[size]["load"][way]
            print(
                f"{size}, {way}: front page from the cache, p50/p99 {load['alone'][0]:.1f}/"
                f"{load['alone'][1]:.1f} ms alone, {load['beside'][0]:.1f}/"
                f"{load['beside'][1]:.1f} ms beside 6 connections searching (theirs "
                f"{load['searches'][0]:.0f}/{load['searches'][1]:.0f} ms); {load['errors']} "
                "answers not 2xx (searches refused as busy)"
            )
        print(
            f"{size}: peak memory of a gunicorn worker after every public request "
            f"{figures[size]['load']['worker_mb']:.0f} MB"
        )
    print(
        f"\nPeak memory of the measuring process: {a['peak_mb']:.0f} MB ({small}), "
        f"{b['peak_mb']:.0f} MB ({large})"
    )
    for size in sizes:
        f = figures[size]
        line = ", ".join(
            f"{what} {f[key][0]:.1f} s ({size / f[key][0]:.0f} files/s), {f[key][1]:.0f} MB peak"
            for what, key in [
                ("first import", "import"),
                ("unchanged re-import", "re-import"),
                ("export_seeds", "export"),
            ]
        )
        print(f"{size} files: {line}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000", help="articles in each data set")
    parser.add_argument("--database-prefix", default="newsroom_growth")
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each request")
    parser.add_argument("--rebuild", action="store_true", help="drop and build the data sets")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_size(args.one, f"{args.database_prefix}_{args.one}", args.rebuild, args.runs)
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    figures = {}
    for size in sizes:
        command = [
            sys.executable,
            __file__,
            "--one",
            str(size),
            "--runs",
            str(args.runs),
            "--database-prefix",
            args.database_prefix,
        ]
        if args.rebuild:
            command.append("--rebuild")
        out = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True).stdout  # noqa: S603
        lines = out.strip().splitlines()
        print("\n".join(lines[:-1]))
        figures[size] = json.loads(lines[-1])
    report(sizes, figures)


if __name__ == "__main__":
    main()
