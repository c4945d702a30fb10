"""Who is asking: the visitor's address, as every count by address reads it
(the rate limit, the login lockout, the limit on public proposals)."""

from django.conf import settings


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or behind our own proxy the address
    it saw (the last X-Forwarded-For entry, the one the proxy appended), only
    when DJANGO_BEHIND_HTTPS_PROXY=1; otherwise the header is the client's own
    claim and is ignored. The rate limit and the login lockout (django-axes)
    the proposal form's limit all count by it."""
    if getattr(settings, "RATELIMIT_TRUST_X_FORWARDED_FOR", False):
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"
