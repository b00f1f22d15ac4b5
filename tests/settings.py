"""Settings for the test run: the real settings module, with test-only values filled in.

The environment still wins, so `DATABASE_URL=postgres://…` runs the suite on PostgreSQL.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from newsroom.settings import *  # noqa: F403

# One process: its local-memory cache can keep pages (newsroom/caching/pages.py).
PAGE_CACHE_SECONDS = 60
# Hashing passwords properly is slow by design; tests only need it to be a hash.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Plain static storage: the tests never run collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the app folders, as in development: there is no collectstatic output.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The test client speaks plain HTTP: without this every request would be redirected to
# https://. tests/test_production_settings.py turns it back on to test the redirect itself.
SECURE_SSL_REDIRECT = False
# A file, not memory: parallel requests (the live server, the concurrency tests) then wait for
# SQLite's write lock instead of failing on shared-cache table locks, and their connections
# can be closed. One file per run, so two runs side by side don't share it; Django deletes it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": BASE_DIR / f"db.sqlite3-test-{os.getpid()}"}  # noqa: F405
