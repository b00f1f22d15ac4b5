from articles.models import Section


def navigation(request):
    """The navigation's sections; lazy, so a page that does not show them pays nothing."""
    return {"nav_sections": Section.objects.with_published_articles()}
