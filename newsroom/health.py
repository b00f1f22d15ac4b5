"""Endpoints for load balancers and operators: /healthz (the process answers) and /readyz
(the database answers and every migration is applied). JSON, never cached."""

import logging

from django.db import DatabaseError
from django.db import connection as default_connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def unapplied_migrations(connection):
    """Names ("app.migration") of the migrations `migrate` would apply; two small queries."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


@require_safe
@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@require_safe
@never_cache
def readyz(request):
    try:
        unapplied = unapplied_migrations(default_connection)
    except DatabaseError as error:
        # The details (host, port) are for the log, not for whoever asks.
        logger.error("Not ready: the database does not answer: %s", error)
        return JsonResponse({"status": "unavailable", "reason": "database unreachable"}, status=503)
    if unapplied:
        reason = f"migrations not applied: {', '.join(unapplied)}"
        return JsonResponse({"status": "unavailable", "reason": reason}, status=503)
    return JsonResponse({"status": "ok"})
