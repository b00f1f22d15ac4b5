# Newsroom's edge cache: Varnish between nginx (TLS) and the app servers (docs/operations.md, "Varnish, the edge cache").
#
#   cp deploy/varnish/newsroom.vcl /etc/varnish/newsroom.vcl   # then edit the lines marked EDIT
#
# It keeps what the app marks `public` for as long as `s-maxage` says, one copy per host and URL,
# and forgets a page as soon as the app purges one of the tags it named in its `xkey` header
# (varnish-modules' xkey). Everything that belongs to one reader goes straight to the app.
vcl 4.1;

import xkey;

# EDIT: the app server (gunicorn, deploy/gunicorn.conf.py); with several, one backend each and
# a round-robin director (docs/operations.md, "The proxy machine").
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 35s;
}

# EDIT: the app servers, which purge after each change (their EDGE_CACHES names this Varnish).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    unset req.http.X-Cache;
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed to purge."));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the tags to purge in xkey-purge."));
        }
        return (synth(200, "Purged " + xkey.purge(req.http.xkey-purge) + " objects."));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # EDIT: the admin's path, if DJANGO_ADMIN_PATH moved it. Never kept here.
    if (req.url ~ "^/admin/") {
        return (pass);
    }
    # Static files have hashed names and are the same for everyone.
    if (req.url ~ "^/static/") {
        unset req.http.Cookie;
        return (hash);
    }
    # The CSRF cookie (of someone who once opened the admin) changes nothing on a public page.
    # Any other cookie is the reader's own state (a session, the comments they wrote, a flash
    # message, the one that keeps a recent commenter on the database primary): their page is
    # their own, and the app marks it `private, no-store`.
    if (req.http.Cookie) {
        set req.http.Cookie = regsuball(req.http.Cookie, "(^|;)\s*csrftoken=[^;]*", "");
        if (req.http.Cookie ~ "^[;\s]*$") {
            unset req.http.Cookie;
        } else {
            return (pass);
        }
    }
    return (hash);
}

# What a copy is kept for comes from the app: `s-maxage` (which counts what is left of the copy
# the app keeps itself), then `stale-while-revalidate`, Varnish's grace, during which a reader
# gets the old copy while one request fetches the new one. Varnish's built-in rules keep
# nothing that sets a cookie or is `private`, `no-store` or `no-cache`; nor is anything kept
# that the app gave no Cache-Control (redirects, errors: a static file one app server does not
# have yet during a rolling deploy).
sub vcl_backend_response {
    if (!beresp.http.Cache-Control) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
}

sub vcl_pass {
    set req.http.X-Cache = "PASS";
}

sub vcl_deliver {
    # The tags are for this cache; readers get what it did instead: HIT, MISS or PASS.
    unset resp.http.xkey;
    if (req.http.X-Cache) {
        set resp.http.X-Cache = req.http.X-Cache;
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
