"""Who is on the other end of a request, as far as the comment rules need to know."""

import ipaddress

from django.utils.crypto import salted_hmac

from newsroom.networks import client_network


def client_address(request):
    """The client's IP address, or None when there is no valid one.

    Only REMOTE_ADDR is trusted. Behind a reverse proxy, `newsroom.middleware.
    TrustedProxyMiddleware` puts the client's address there, believing X-Forwarded-For only
    from the proxies in DJANGO_TRUSTED_PROXIES: taken from anyone, that header would let a
    flooder claim a new address for every post and escape the rate limit.
    """
    address = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def reader_fingerprint(request):
    """A keyed hash of the reader's address: it tells readers apart for reports without
    storing where they are. Cookies would be cheaper still to fake (clear them, report again)."""
    return fingerprint(client_address(request))


def fingerprint(address):
    """The keyed hash `reader_fingerprint` gives a reader at this address (of its /64 for IPv6);
    with a commenter's stored address it finds the reports sent from there (`comments.privacy`)."""
    reader = client_network(address) or "unknown"
    return salted_hmac("comments.reader", reader, algorithm="sha256").hexdigest()
