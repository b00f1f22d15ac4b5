"""Pages of a listing that cost the same however long the listing grows.

A listing shows at most `MAX_PAGES` pages: counting and paging past them would make the
database count and skip every row before the page asked for. What lies beyond is reached by date
(the year and month archives), where each page again stays near the top of its own, shorter
list.
"""

from functools import cached_property

from django.core.paginator import Paginator

PAGE_SIZE = 20
MAX_PAGES = 50


class CappedPaginator(Paginator):
    """A Paginator that counts at most `limit` rows (`MAX_PAGES` pages by default).

    `is_capped` says whether more rows lie past them; its count stops at the limit, so the
    count query reads `limit + 1` rows at most. A caller that knows how many rows there are
    (up to `limit + 1`) passes them as `found`, and no count query is made.
    """

    def __init__(self, object_list, per_page=PAGE_SIZE, limit=None, found=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit or per_page * MAX_PAGES
        if found is not None:
            self._found = found

    @cached_property
    def _found(self):
        return self.object_list[: self.limit + 1].count()

    @cached_property
    def count(self):
        return min(self._found, self.limit)

    @property
    def is_capped(self):
        return self._found > self.limit
