"""A fixed-window rate limit on Django's cache, for endpoints that can be used to guess (the public
dossier look-up). A rate is written "N/S": at most N tries per S seconds, per client and scope.

Every try counts, found or not: what is limited is guessing. The cache is the one configured in
settings (per process with the default local-memory cache; use a shared cache such as Redis or
the database cache when several processes serve the site).
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest

from motcua.core.errors import DomainError


class RateLimited(DomainError):
    """Too many tries: wait `retry_after` seconds (the API answers 429 with Retry-After)."""

    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, details={"retry_after": retry_after})
        self.retry_after = retry_after


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """ "20/600" → 20 tries per 600 seconds. Refuses anything else (a setting error)."""
        try:
            limit_text, seconds_text = text.strip().split("/")
            rate = cls(int(limit_text), int(seconds_text))
        except ValueError as exc:
            raise ValueError(f"Rate limit “{text}” is not of the form N/SECONDS.") from exc
        if rate.limit < 1 or rate.seconds < 1:
            raise ValueError(f"Rate limit “{text}” must have N ≥ 1 and SECONDS ≥ 1.")
        return rate


def client_address(request: HttpRequest) -> str:
    """The client's address as the server saw it (REMOTE_ADDR; a proxy in front must set it)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def rate_limit_hit(*, scope: str, client: str, rate: Rate, now: float | None = None) -> None:
    """Count one try of `client` at `scope`; raise RateLimited past `rate` in the current window."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    client_key = hashlib.sha256(client.encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{client_key}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: count this try as the first
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count > rate.limit:
        retry_after = max(1, math.ceil((window + 1) * rate.seconds - now))
        raise RateLimited(
            f"Ông/Bà đã tra cứu quá nhiều lần. Vui lòng thử lại sau {_wait_text(retry_after)}.",
            retry_after=retry_after,
        )


def _wait_text(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} giây"
    return f"{math.ceil(seconds / 60)} phút"
