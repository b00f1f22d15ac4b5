"""Journeys in a real browser: Debian's Chromium driven by Playwright against the live server."""

import os
import shutil
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils.text import slugify
from playwright.sync_api import expect

from articles.models import Article, Correction
from tests.conftest import photo

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
STAFF_PASSWORD = "correct horse battery staple"
SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
# Headline and deck of the other articles of the commented article's section.
OTHER_ARTICLES = [
    ("City council approves the new cycle lanes", "Work on the first route starts in April."),
    ("Rail strike called off after late-night talks", "Trains run as normal from Monday."),
    ("Library opening hours to be extended", "Evening and Sunday openings return."),
]

AUTHOR_BIO = "Ada Lovelace covers defence and the city's budget. She joined Newsroom in 2024."

# Playwright's sync API keeps an event loop running in the test's thread, which makes Django
# refuse ORM calls from the test body. The calls are synchronous and on their own thread, so
# they are safe; this is the documented switch for exactly this case.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or make browser)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        # No sandbox as root in CI; no background traffic on a machine without a network.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
        ],
    }


@pytest.fixture
def site(live_server):
    """The live server's base URL."""
    return live_server.url


@pytest.fixture
def screenshot():
    """Save a screenshot of the page under tests/e2e/screenshots/; `make screenshots` copies
    them to docs/screenshots/, which docs/design.md shows."""

    def take(page, name):
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return take


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The comment rate limit and the admin login throttle count in the cache, which the live
    server shares with the test: each journey starts with no counts."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def writing_takes_no_time(settings):
    """The comment form refuses posts sent within COMMENTS_MIN_FORM_SECONDS of the page being
    shown, as a robot's; a test types at once. Turning the rule off beats sleeping through it:
    the live server's thread reads this same settings object."""
    settings.COMMENTS_MIN_FORM_SECONDS = 0


@pytest.fixture
def make_staff(group):
    """`make_staff("Moderators")`: a staff user in that group, with the group's permissions."""

    def make(name):
        user = User.objects.create_user(
            username=f"{name.lower()}-member", password=STAFF_PASSWORD, is_staff=True
        )
        user.groups.add(group(name))
        return user

    return make


@pytest.fixture
def log_into_admin(site):
    """`log_into_admin(page, user)`: sign in on the admin's login page, as a person would."""

    def log_in(page, user):
        page.goto(site + reverse("admin:login"))
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(STAFF_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    return log_in


@pytest.fixture
def article(settings, section):
    """The browser's `article`: the one of fixtures/seeds/, a real article's length, in the
    shared `section` (News). Threads never close here, so that its date can stay fixed and the
    screenshots the same from run to run."""
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    call_command("import_seeds", SEEDS, stdout=StringIO())
    return Article.objects.get()


@pytest.fixture
def commented_article(article, make_article, make_comment, make_author, with_lead_image):
    """`article` with two authors, a lead image, a correction, three other articles of its
    section (the first with an image too) and a handful of comments, one of them a reply; every
    date fixed."""

    def later(hours):
        return article.published_at + timedelta(hours=hours)

    Correction.objects.create(
        article=article,
        created_at=later(8),
        note="An earlier version gave the deadline as 5 p.m.; it was 5:01 p.m.",
    )
    others = [
        make_article(
            headline=headline, slug=slugify(headline), deck=deck, published_at=later(-24 * days)
        )
        for days, (headline, deck) in enumerate(OTHER_ARTICLES, start=1)
    ]
    with_lead_image(
        article,
        lead_image_caption="Dusk over Arlington, Virginia.",
        lead_image_credit="Photo: Newsroom",
    )
    with_lead_image(others[0])
    make_author(
        "Ada Lovelace",
        article,
        others[0],
        bio=AUTHOR_BIO,
        photo=ContentFile(photo(480, 480), name="ada-lovelace.jpg"),
    )
    make_author("Grace Hopper", article)

    def comment(hours, name, body, **fields):
        return make_comment(name=name, body=body, created_at=later(hours), **fields)

    first = comment(
        1, "Grace", "The memo is the real story here.\nIt is at https://example.com/memo"
    )
    comment(2, "Linus", "Agreed, and it is not over.", parent=first)
    comment(3, "Ada", "Contracts like this should be public.")
    comment(4, "Margaret", "Good summary of a messy week.")
    return article
