"""Who is behind a client's address, as every rule that counts by address counts clients."""

import ipaddress


def client_network(address):
    """The client an address stands for: an IPv4 address itself, an IPv6 address's /64. One
    home or phone line is given a whole /64, so its 2^64 addresses are one client, not a new
    one for each request. None when there is no valid address."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return None
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))
