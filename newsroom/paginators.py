"""Paginators for lists that grow to millions of rows (the admin's article and comment lists)."""

from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections

# Below this many rows (as PostgreSQL estimates them) an exact count is cheap: it is made.
EXACT_COUNT_BELOW = 50_000


class EstimatedCountPaginator(Paginator):
    """On PostgreSQL, a long list of a queryset is counted by the planner's estimate, not row
    by row: a count of two million comments reads two million index entries on every page
    load. The number of pages is then approximate, which a list read from its first pages
    can live with. Shorter lists, and SQLite's, are counted exactly."""

    @cached_property
    def count(self):
        queryset = self.object_list
        if connections[queryset.db].vendor != "postgresql" or queryset.query.is_empty():
            return super().count
        estimate = _planned_rows(queryset)
        return super().count if estimate < EXACT_COUNT_BELOW else estimate


def _planned_rows(queryset):
    """The rows PostgreSQL's planner expects the queryset to return; one EXPLAIN."""
    sql, params = queryset.order_by().query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()[0]
    return int(plan["Plan"]["Plan Rows"])
