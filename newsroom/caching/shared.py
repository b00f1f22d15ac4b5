"""The one answer to "is the cache shared": settings, checks and the caches ask here."""

# Backends whose entries live in one process (or on one machine's disk): a change recorded in
# one process is not seen by the others, so nothing that needs telling of changes is kept in them.
LOCAL_CACHES = ("LocMemCache", "DummyCache", "FileBasedCache")


def is_shared(backend: str | None = None) -> bool:
    """Whether the cache `backend` (a dotted path; default: the site's) is one every process
    and server shares, such as Redis."""
    if backend is None:
        from django.conf import settings

        backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(LOCAL_CACHES)
