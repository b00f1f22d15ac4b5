"""Caching for both apps: whole public pages and rarely changing rows, invalidated by tags.

The API, for views and for the code that changes what they show:

- `@public_page(params=[...])` on a view: its GET is the same page for every reader without
  cookies of their own, kept in the shared cache (Redis) and marked for the caches in front
  (browsers, the edge) to keep; `params` are the query parameters it reads.
- `tag(request, *tags)` while such a view renders: the page shows these things
  (`"article:12"`, `"comments:12"`, `"sections"`); a change to any of them makes it stale.
- `valid_until(request, moment)` while it renders: the page changes by itself at `moment`.
- `changed(*tags)` where something changes: every copy tagged so is stale, in Redis at once and
  again after the commit, and at the edge caches (settings.EDGE_CACHES) after the commit.
- `kept(key, tags, load)`: `load()`, kept in the shared cache until one of `tags` changes.
- `is_shared()`: whether the cache is one that every process shares.

Tags are words of letters, digits and `:_.-`: they travel in a header (`xkey`).
"""

from newsroom.caching.pages import public_page, tag, valid_until
from newsroom.caching.shared import is_shared
from newsroom.caching.versions import changed, kept

__all__ = ["changed", "is_shared", "kept", "public_page", "tag", "valid_until"]
