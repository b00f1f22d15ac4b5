"""The admin login, protected against password guessing.

Failed logins are counted per client address (an IPv6 /64 counts as one) and per username.
Reaching ADMIN_LOGIN_MAX_FAILURES_PER_ADDRESS or ADMIN_LOGIN_MAX_FAILURES_PER_USER failures
within ADMIN_LOGIN_LOCKOUT_MINUTES locks that address or username for as long: the form then refuses
without checking the password and says when to retry. A successful login forgets the user's
failures. The counts live in Django's cache, so with CACHE_URL=redis://... every process and
server shares them (the default local-memory cache counts per process).

Locking a username lets anyone keep its owner out for a while; that is the price of stopping
a guesser who spreads attempts over many addresses, and it lifts by itself.
"""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from newsroom import counters
from newsroom.networks import client_address, client_network

logger = logging.getLogger(__name__)


class Counter:
    """Failed logins of one address or one username, and its lock."""

    def __init__(self, kind, value, allowed):
        # Hashed: usernames and IPv6 addresses may hold characters a cache key may not.
        digest = hashlib.sha256(value.encode()).hexdigest()
        self.failures_key = f"admin-login:{kind}:{digest}:failures"
        self.locked_key = f"admin-login:{kind}:{digest}:locked"
        self.description = f"{kind} {value!r}"
        self.allowed = allowed

    def add_failure(self):
        """Count one failure; lock when it reaches the allowed number."""
        window = settings.ADMIN_LOGIN_LOCKOUT_MINUTES * 60
        [failures] = counters.count({self.failures_key: window})
        if failures >= self.allowed:
            cache.set(self.locked_key, time.time() + window, timeout=window)
            cache.delete(self.failures_key)
            logger.warning(
                "Admin login locked for %s after %d failures", self.description, failures
            )

    def forget_failures(self):
        cache.delete(self.failures_key)


def seconds_until_unlocked(counters):
    """Seconds until none of these counters is locked; 0 if none is."""
    locked_until = cache.get_many([counter.locked_key for counter in counters]).values()
    return max((math.ceil(until - time.time()) for until in locked_until), default=0)


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form, refusing while the address or the username is locked."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "locked": "Too many failed attempts. Try again in %(wait)s.",
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()  # A field is missing: nothing was tried.
        # An IPv6 /64 is one address: else a guesser gets a fresh allowance for each of its own.
        address = Counter(
            "address",
            client_network(client_address(self.request)) or "unknown",
            settings.ADMIN_LOGIN_MAX_FAILURES_PER_ADDRESS,
        )
        # Case-folded: case variants of one name count together.
        user = Counter("username", username.casefold(), settings.ADMIN_LOGIN_MAX_FAILURES_PER_USER)
        self.refuse_if_locked([address, user])
        try:
            cleaned_data = super().clean()
        except ValidationError:
            address.add_failure()
            user.add_failure()
            # The failure that reaches the limit already says when to retry.
            self.refuse_if_locked([address, user])
            raise
        user.forget_failures()
        return cleaned_data

    def refuse_if_locked(self, counters):
        seconds = seconds_until_unlocked(counters)
        if seconds > 0:
            minutes = math.ceil(seconds / 60)
            wait = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
            raise ValidationError(
                self.error_messages["locked"], code="locked", params={"wait": wait}
            )
