"""Rarely changing rows that every comment post reads, kept in the shared cache (Redis) so that
a post reads them in one round trip instead of a query each.

Each value is kept with the value its generation key had when the rows were read, and used only
while that key still has it: a change renews the key (articles/pagecache.py's `renew`, now and
again after its commit), as with the page cache's own, so a value read from rows that were
about to change is never used. With a cache local to each process nothing is kept at all: one
process could not tell the others of a change.
"""

from django.conf import settings
from django.core.cache import cache

from articles import pagecache
from newsroom.checks import LOCAL_CACHES

# Values of rows that nobody posts to for a day are dropped; a post reads them again.
KEEP_SECONDS = 24 * 3600


def kept(key, generation_key, load):
    """`load()`, kept under `key` while `generation_key` keeps its value; one round trip
    while kept, one round trip more than `load()` costs when not."""
    if settings.CACHES["default"]["BACKEND"].endswith(LOCAL_CACHES):
        return load()
    found = cache.get_many([generation_key, key])
    generation, entry = found.get(generation_key), found.get(key)
    if entry is not None and entry["generation"] == generation:
        return entry["value"]
    if generation is None:
        generation = pagecache.new_generation()
        # Lost to a change renewing it meanwhile: the rows read now may be the old ones.
        if not cache.add(generation_key, generation, timeout=None):
            return load()
    value = load()
    cache.set(key, {"generation": generation, "value": value}, timeout=KEEP_SECONDS)
    return value
