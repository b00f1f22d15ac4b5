"""Purges at the edge caches in front of the app (settings.EDGE_CACHES), by tag.

Each edge cache is asked with one HTTP request, `PURGE /` with the tags, space-separated, in
an `xkey-purge` header: what Varnish's xkey module (varnish-modules; deploy/varnish/) reads.
An edge that does not answer is logged and left: its copies expire after their `s-maxage`.
"""

import logging
import urllib.error
import urllib.request
from collections.abc import Iterable

from django.conf import settings

logger = logging.getLogger(__name__)

# Seconds an edge cache may take to answer a purge: the change waits for it.
TIMEOUT = 2


def purge(tags: Iterable[str]) -> None:
    for edge in settings.EDGE_CACHES:
        # settings.py accepts only http:// and https:// URLs here.
        request = urllib.request.Request(  # noqa: S310
            edge, method="PURGE", headers={"xkey-purge": " ".join(sorted(set(tags)))}
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT):  # noqa: S310
                pass
        except (OSError, urllib.error.URLError) as error:
            logger.error("Could not purge %s at the edge cache %s: %s", tags, edge, error)
