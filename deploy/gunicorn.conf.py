"""gunicorn's settings for Newsroom: `gunicorn --config deploy/gunicorn.conf.py newsroom.wsgi`,
run from the project's folder.

Each can be changed from the environment without editing this file (see docs/operations.md,
"Configuration").
"""

import multiprocessing
import os

# Behind the TLS-terminating proxy on the same machine; never exposed directly.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: each serves one request at a time, so the count is the concurrency.
# gunicorn's rule of thumb, two per core plus one, as pages wait mostly on the database.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))

# A request still running after this many seconds kills its worker (a new one starts): no
# page of this site takes more than a fraction of a second.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# On restart, requests in flight get this long to finish.
graceful_timeout = 30

# Restart each worker after this many requests (spread out so they do not all restart at
# once), so a slow leak never grows for long. Not much more often than that: a restart loads
# Django anew, and the requests queued behind it wait a second.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 50000))
max_requests_jitter = max_requests // 10

# Only this proxy's X-Forwarded-Proto is believed (gunicorn then sets wsgi.url_scheme).
# Django reads the header itself (SECURE_PROXY_SSL_HEADER) and the client's address from
# X-Forwarded-For (DJANGO_TRUSTED_PROXIES): the proxy must set both on every request.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# One line per request on standard output, the errors on standard error: the service
# manager (systemd's journal, say) keeps them.
accesslog = "-"
errorlog = "-"
# The peer (the proxy), the client as the proxy reported it, the request, status, size,
# referrer, browser and the milliseconds taken.
access_log_format = '%(h)s %({x-forwarded-for}i)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
