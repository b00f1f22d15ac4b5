"""What the site tells machines about itself and its articles: the publisher, and JSON-LD."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

LOGO = "img/logo.svg"

# What django.utils.html.json_script escapes (it only writes type="application/json"):
# inside a <script> element these could close it or open markup.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def language() -> str:
    """The site's language as a two-letter code (ISO 639-1), from LANGUAGE_CODE."""
    return settings.LANGUAGE_CODE.split("-")[0]


def news_article(request, article, **extra) -> dict:
    """schema.org NewsArticle data for an article loaded `for_page()`, with `extra` properties
    added (another app's, say)."""
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": url,
        "url": url,
        "headline": article.headline,
        "datePublished": article.published_at,
        "dateModified": article.modified_at,
        "articleSection": article.section.name,
        "wordCount": article.word_count,
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "logo": {"@type": "ImageObject", "url": request.build_absolute_uri(static(LOGO))},
        },
    }
    optional = {
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in article.byline_authors
        ],
        # 16:9, 4:3 and 1:1, as Google's article guidelines ask.
        "image": [request.build_absolute_uri(url) for url in article.share_image_urls()],
        "description": article.deck,
        "dateline": article.dateline,
        "isBasedOn": article.source_domain and f"https://{article.source_domain}/",
    }
    return data | {name: value for name, value in optional.items() if value} | extra


def json_ld_script(data: dict) -> SafeString:
    """<script type="application/ld+json"> holding data, safe whatever text data holds."""
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(_SCRIPT_ESCAPES)
    # Safe: JSON, with every character that means something to HTML here escaped above.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
