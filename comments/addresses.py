"""Readers told apart for reports, without storing where they are."""

from django.utils.crypto import salted_hmac

from newsroom.networks import client_address, client_network


def reader_fingerprint(request):
    """A keyed hash of the reader's address: it tells readers apart for reports without
    storing where they are. Cookies would be cheaper still to fake (clear them, report again)."""
    return fingerprint(client_address(request))


def fingerprint(address):
    """The keyed hash `reader_fingerprint` gives a reader at this address (of its /64 for IPv6);
    with a commenter's stored address it finds the reports sent from there (`comments.privacy`)."""
    reader = client_network(address) or "unknown"
    return salted_hmac("comments.reader", reader, algorithm="sha256").hexdigest()
