"""Client addresses, read in one place: what every rule that counts by address counts."""

import ipaddress


def parse(text):
    """The IP address in `text` (spaces around it allowed), or None when there is none."""
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(request):
    """The client's IP address, or None when there is no valid one.

    Only REMOTE_ADDR is trusted. Behind a reverse proxy, `newsroom.middleware.
    TrustedProxyMiddleware` puts the client's address there, believing X-Forwarded-For only
    from the proxies in DJANGO_TRUSTED_PROXIES: taken from anyone, that header would let a
    flooder claim a new address for every post and escape the rate limit.
    """
    address = parse(request.META.get("REMOTE_ADDR", ""))
    return None if address is None else str(address)


def client_network(address):
    """The client an address stands for: an IPv4 address itself, an IPv6 address's /64. One
    home or phone line is given a whole /64, so its 2^64 addresses are one client, not a new
    one for each request. None when there is no valid address."""
    ip = parse(address or "")
    if ip is None:
        return None
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))
