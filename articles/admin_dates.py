"""The article list's filter by publication date: a year, then a month of it.

Django's `date_hierarchy` lists the years that have articles with a DISTINCT over every
article, which grows with the archive; this filter takes the first and the last publication
(two reads at the ends of an index) and offers every year between them, and a year's twelve
months once the year is chosen. The filter itself is a range of the same index.
"""

import re
from datetime import datetime

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.dates import MONTHS

_VALUE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>0[1-9]|1[0-2]))?")


class PublishedFilter(admin.SimpleListFilter):
    title = "publication date"
    parameter_name = "published"

    def lookups(self, request, model_admin):
        span = model_admin.get_queryset(request).aggregate(
            first=Min("published_at"), last=Max("published_at")
        )
        if span["first"] is None:
            return []
        chosen = self._chosen()
        choices = []
        for year in range(
            timezone.localtime(span["last"]).year, timezone.localtime(span["first"]).year - 1, -1
        ):
            choices.append((str(year), str(year)))
            if chosen and chosen[0] == year:
                choices += [(f"{year}-{m:02d}", f"{MONTHS[m]} {year}") for m in range(1, 13)]
        return choices

    def queryset(self, request, queryset):
        chosen = self._chosen()
        if chosen is None:
            return queryset
        year, month = chosen
        start = datetime(year, month or 1, 1)
        end = datetime(year + 1, 1, 1) if month in (None, 12) else datetime(year, month + 1, 1)
        return queryset.filter(
            published_at__gte=timezone.make_aware(start), published_at__lt=timezone.make_aware(end)
        )

    def _chosen(self):
        """(year, month or None) of the value asked for; None without one. An address made up
        by hand is refused as the admin refuses any unknown filter."""
        value = self.value()
        if value is None:
            return None
        match = _VALUE.fullmatch(value)
        if not match or not 1 <= int(match["year"]) < 9999:
            raise IncorrectLookupParameters(f"No such publication date: {value!r}")
        return int(match["year"]), int(match["month"]) if match["month"] else None
