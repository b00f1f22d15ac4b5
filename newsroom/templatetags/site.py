"""Tags every template may use without loading them (TEMPLATES' `builtins`): the error pages
render without a request, so a context processor would not reach them."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def site_name():
    """The site's name (settings.SITE_NAME), as titles, feeds and metadata show it."""
    return settings.SITE_NAME
