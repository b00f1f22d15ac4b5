"""Settings for the test run: the real settings module, with test-only values filled in.

The environment still wins, so `DATABASE_URL=postgres://…` runs the suite on PostgreSQL.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from newsroom.settings import *  # noqa: F403

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
