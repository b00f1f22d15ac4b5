"""Structured data for article pages: `{% news_article_json_ld article %}`, and
`{% absolute_url path %}` for the meta tags that want whole URLs."""

from django import template

from articles import metadata

register = template.Library()


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, article, **extra):
    """The article's JSON-LD NewsArticle script. Keyword arguments add properties, so another
    app's numbers can join it without articles knowing that app:
    `{% news_article_json_ld article commentCount=count %}`."""
    return metadata.json_ld_script(metadata.news_article(context["request"], article, **extra))


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` (or an URL already whole, such as a bucket's) as a whole URL on this site."""
    return context["request"].build_absolute_uri(path)
