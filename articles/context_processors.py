from articles import tags
from articles.models import Section
from newsroom import caching


def navigation(request):
    """The navigation's sections; lazy, so a page that does not show them pays nothing. A
    public page rendered with it is tagged as showing them."""
    caching.tag(request, tags.SECTIONS)
    return {"nav_sections": Section.objects.with_published_articles()}
