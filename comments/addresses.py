"""Who is on the other end of a request, as far as the comment rules need to know."""

import ipaddress

from django.utils.crypto import salted_hmac


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


def reader_network(address):
    """Who is behind an address, as every per-address rule counts readers (the rate limits,
    the duplicate rule, reports): an IPv4 address itself, an IPv6 address's /64. One home or
    phone line is given a whole /64, so its 2^64 addresses are one reader, not a new one for
    each post. None (no valid address) stays None."""
    if address is None:
        return None
    ip = ipaddress.ip_address(address)
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def reader_fingerprint(request):
    """A keyed hash of the reader's address: it tells readers apart for reports without
    storing where they are. Cookies would be cheaper still to fake (clear them, report again)."""
    return fingerprint(client_address(request))


def fingerprint(address):
    """The keyed hash `reader_fingerprint` gives a reader at this address (of its /64 for IPv6);
    with a commenter's stored address it finds the reports sent from there (`comments.privacy`)."""
    reader = reader_network(address) or "unknown"
    return salted_hmac("comments.reader", reader, algorithm="sha256").hexdigest()
