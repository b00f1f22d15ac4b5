"""Reads from a PostgreSQL streaming replica (DATABASE_REPLICA_URL), everything else from the
primary.

A replica replays the primary's changes a little later, so only reads that may be a moment
old go to it: those of GET and HEAD requests from readers without a session (staff, whose
previews and admin pages show what they have just saved) who have not sent a form lately.
Answering any other request sets a cookie that keeps its reader on the primary for
DATABASE_REPLICA_PIN_SECONDS, so a commenter's redirect, and the pages after it, show their
comment however far the replica lags. Writes, reads inside a transaction, management commands
and the renderings of public pages, which every cache keeps for everyone (newsroom/caching),
use the primary.

If the replica does not answer, the request reads from the primary, and this process tries the
replica again RETRY_SECONDS later.
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
PIN_COOKIE = "newsroom_primary"
RETRY_SECONDS = 5

# Set while a request may read from the replica: whether it answered (None: not asked yet).
_replica_reads = ContextVar("replica_reads", default=None)
# Until when (time.monotonic()) this process leaves the replica alone after a failure.
_replica_away_until = 0.0


class _ReplicaReads:
    answers = None


class PrimaryReplicaRouter:
    """Django's database router: reads to the replica while a request allows it."""

    def db_for_read(self, model, **hints):
        reads = _replica_reads.get()
        if reads is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        if reads.answers is None:
            reads.answers = _replica_answers()
        return REPLICA if reads.answers else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The same rows, however they were read.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # A replica is read-only: it gets the schema by replaying the primary's migrations.
        return db == DEFAULT_DB_ALIAS


def may_read_replica(request):
    """Whether this request's reads may be a moment behind the primary's."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
        and not request.path.startswith(f"/{settings.ADMIN_PATH}")
    )


@contextmanager
def primary_reads():
    """Within this block, reads go to the primary whatever the request."""
    token = _replica_reads.set(None)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaReadsMiddleware:
    """Let the reads of requests that allow it go to the replica, and keep readers who have
    just sent a form on the primary for a while (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_read_replica(request):
            response = self.get_response(request)
            if request.method not in ("GET", "HEAD") and response.status_code < 400:
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
            return response
        token = _replica_reads.set(_ReplicaReads())
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)


def _replica_answers():
    """Connect to the replica, or check the kept connection once a request; False (and the
    replica left alone for RETRY_SECONDS) if it does not answer."""
    global _replica_away_until  # This process's view of the replica.
    if time.monotonic() < _replica_away_until:
        return False
    replica = connections[REPLICA]
    try:
        replica.close_if_health_check_failed()
        replica.ensure_connection()
    except DatabaseError as error:
        logger.error("The replica does not answer; reading from the primary: %s", error)
        _replica_away_until = time.monotonic() + RETRY_SECONDS
        return False
    return True
