"""The visitor's address as the admin login guard (django-axes) should see it.

Behind N proxies each appends the address it received the request from to X-Forwarded-For, so
the Nth address from the right was written by our own load balancer and cannot be forged; the
addresses left of it can. With no proxy, REMOTE_ADDR is the visitor.
"""

from django.conf import settings


def client_ip(request):
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if proxies and forwarded:
        return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR")
