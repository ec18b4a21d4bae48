"""The public transparency page (/cong-khai/ket-qua-giai-quyet/): how many dossiers each unit
under the province resolved, how many of them early or on time, how many late, and the on-time
rate — for the current month (to date) and the previous month, or by quarter (`?ky=quy`).

Counts only, from `motcua.reports.dashboard.public_rates`: no dossier, no person, nothing that
depends on who asks, so the figures are computed once per period and day and kept in the cache
for CACHE_SECONDS. A unit with fewer than `settings.MOTCUA_REPORT_MIN_SAMPLE` resolved dossiers
in a period shows "chưa đủ số liệu" instead of a rate (a handful of dossiers makes no rate).
"""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from motcua.core.timezone import local_today
from motcua.reports.dashboard import PublicRates, public_rates
from motcua.reports.periods import Period, month_of, quarter_of

TEMPLATE = "portal/transparency.html"
CACHE_SECONDS = 300
KINDS = ("thang", "quy")  # month (default), quarter


def _rates(period: Period, *, today: dt.date, min_sample: int) -> PublicRates:
    key = f"portal:transparency:{period.token}:{today.isoformat()}:{min_sample}"
    cached = cache.get(key)
    if isinstance(cached, PublicRates):
        return cached
    rates = public_rates(period=period, min_sample=min_sample)
    cache.set(key, rates, CACHE_SECONDS)
    return rates


@require_safe
def transparency(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("ky", "thang")
    if kind not in KINDS:
        kind = "thang"
    today = local_today()
    current = month_of(today) if kind == "thang" else quarter_of(today)
    min_sample = int(getattr(settings, "MOTCUA_REPORT_MIN_SAMPLE", 20))
    periods = [
        (_rates(current, today=today, min_sample=min_sample), True),
        (_rates(current.previous(), today=today, min_sample=min_sample), False),
    ]
    return render(
        request,
        TEMPLATE,
        {"kind": kind, "today": today, "periods": periods, "min_sample": min_sample},
    )
