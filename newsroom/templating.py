"""The Jinja2 environment of templates/jinja2 (settings.TEMPLATES): Jinja2's own, with
Django's `reverse` as `url()`, as in Django's documentation."""

from django.urls import reverse
from jinja2 import Environment


def environment(**options):
    # Escaping always, whatever the settings say: these templates show what readers typed.
    options.pop("autoescape", None)
    env = Environment(autoescape=True, **options)
    env.globals["url"] = reverse
    return env
