"""CSRF tokens and cookies for pages served before Django's CSRF middleware runs.

The page cache answers a kept page before CsrfViewMiddleware (articles/pagecache.py), so it
gives the reader their token itself, in the form that middleware checks when the comment form
comes back: a secret in the CSRF cookie and, in the page, the secret masked with a fresh mask.
Django's own `get_token` draws every character with a system call of its own; drawing them all
at once is what makes a kept page cheap to serve.
"""

import secrets

from django.conf import settings
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

_INDEX = {char: n for n, char in enumerate(CSRF_ALLOWED_CHARS)}
# The largest multiple of the alphabet's size below 256: bytes from it up are drawn again,
# so that every character is equally likely.
_UNBIASED = 256 - 256 % len(CSRF_ALLOWED_CHARS)


def _random_string(length=CSRF_SECRET_LENGTH):
    chars = []
    while len(chars) < length:
        chars += [
            CSRF_ALLOWED_CHARS[byte % len(CSRF_ALLOWED_CHARS)]
            for byte in secrets.token_bytes(length * 2)
            if byte < _UNBIASED
        ]
    return "".join(chars[:length])


def _mask(secret):
    """As django.middleware.csrf._mask_cipher_secret: the mask, then the secret shifted by it."""
    mask = _random_string()
    size = len(CSRF_ALLOWED_CHARS)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_INDEX[s] + _INDEX[m]) % size]
        for s, m in zip(secret, mask, strict=True)
    )
    return mask + cipher


def respond_with_token(request, respond):
    """`respond(token)` makes the response for the reader's token; a reader without a valid
    CSRF cookie gets a new secret in one, as CsrfViewMiddleware would set it."""
    secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    is_new = len(secret) != CSRF_SECRET_LENGTH or not set(secret) <= _INDEX.keys()
    if is_new:
        secret = _random_string()
    response = respond(_mask(secret))
    if is_new:
        response.set_cookie(
            settings.CSRF_COOKIE_NAME,
            secret,
            max_age=settings.CSRF_COOKIE_AGE,
            domain=settings.CSRF_COOKIE_DOMAIN,
            path=settings.CSRF_COOKIE_PATH,
            secure=settings.CSRF_COOKIE_SECURE,
            httponly=settings.CSRF_COOKIE_HTTPONLY,
            samesite=settings.CSRF_COOKIE_SAMESITE,
        )
    return response
