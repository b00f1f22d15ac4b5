"""Tags and when each last changed, kept in the shared cache, and what is kept against them.

Changes are counted by one counter in the shared cache (`CLOCK`), so that servers need not
agree on the time: a tag's version is the count at its last change, and a copy is fresh while
every tag it shows has a version no greater than the count read before its rendering began.
`changed(*tags)` counts and records at once, so that requests inside the same transaction see
the change, and again after the commit: a copy rendered meanwhile from the rows as they were
before the commit read a smaller count. After the commit it also asks the edge caches to purge
the tags (newsroom/caching/edges.py).

A version that is missing (never recorded, or dropped by Redis) is unknown: whatever was kept
against it is stale, and the next copy records one. Every kept thing also depends on
EVERYTHING, which changes when the cache answers again after an outage: changes made while it
did not answer were not recorded.
"""

import re
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction

from newsroom.caching import edges
from newsroom.caching.shared import is_shared

EVERYTHING = "everything"
CLOCK = "caching:clock"
_TAG = re.compile(r"[A-Za-z0-9:_.-]+")


def version_key(tag: str) -> str:
    if not _TAG.fullmatch(tag):
        raise ValueError(f"Not a cache tag: {tag!r}")
    return f"caching:tag:{tag}"


def changed(*tags: str) -> None:
    """What these tags name changed: every page and value kept against them is stale."""
    if not tags:
        return
    keys = [version_key(tag) for tag in tags]

    def record() -> None:
        if (count := _count()) is not None:
            cache.set_many(dict.fromkeys(keys, count), timeout=None)

    record()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(record)
        transaction.on_commit(lambda: edges.purge(tags))
    else:
        edges.purge(tags)


def count() -> int:
    """The changes counted so far: read it before rendering what is to be kept."""
    return cache.get(CLOCK) or _start_counting()


def _count() -> int | None:
    """Count one change; None while the cache does not answer (nothing is recorded then)."""
    try:
        return cache.incr(CLOCK)
    except ValueError:  # Not counting yet, or the cache dropped the counter.
        _start_counting()
    try:
        return cache.incr(CLOCK)
    except ValueError:
        return None


def _start_counting() -> int:
    """Start the count from the time in milliseconds: if the cache dropped the counter, it
    starts again above any count it had reached (changes come less often than one a ms)."""
    cache.add(CLOCK, int(time.time() * 1000), timeout=None)
    counted: int = cache.get(CLOCK, 0)
    return counted


def everything_changed(**kwargs: object) -> None:
    """Signal receiver (newsroom/apps.py): the cache answers again after an outage."""
    changed(EVERYTHING)


def versions(tags: Iterable[str], *also: str) -> tuple[dict[str, int], dict[str, Any]]:
    """{tag: version} of the tags (and EVERYTHING) that have one, and the values of the other
    cache keys `also`, in one round trip: (versions, {key: value})."""
    tag_keys = {version_key(tag): tag for tag in {*tags, EVERYTHING}}
    found = cache.get_many([*tag_keys, *also])
    return (
        {tag: found[key] for key, tag in tag_keys.items() if key in found},
        {key: found[key] for key in also if key in found},
    )


def record_unknown(tags: Iterable[str], known: dict[str, int], since: int) -> bool:
    """Give the tags that have no version yet the version `since`, a count (unless a change
    gave them one meanwhile). False if a change came first."""
    unknown = [tag for tag in {*tags, EVERYTHING} if tag not in known]
    return all(cache.add(version_key(tag), since, timeout=None) for tag in unknown)


# Values of rows that nobody asks for for a day are dropped; the next ask reads them again.
KEEP_SECONDS = 24 * 3600


def kept[T](key: str, tags: Iterable[str], load: Callable[[], T]) -> T:
    """`load()`, kept in the shared cache under `key` until one of `tags` changes: one round
    trip while kept, one or two more than `load()` costs when not. With a cache local to each
    process nothing is kept: one process could not tell the others of a change."""
    if not is_shared():
        return load()
    current, found = versions(tags, key)
    entry = found.get(key)
    if entry is not None and entry["versions"] == current:
        kept_value: T = entry["value"]
        return kept_value
    if not record_unknown(tags, current, count()):
        return load()
    # Read after the versions: a change from now on gives a tag a newer version.
    current, _ = versions(tags)
    value = load()
    cache.set(key, {"versions": current, "value": value}, timeout=KEEP_SECONDS)
    return value
