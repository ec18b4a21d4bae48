"""The public dossier look-up page (/tra-cuu/): the dossier code and the last four digits of the
applicant's ID number or phone give the status, the procedure, the agency and the dates — never
personal data (domain §8). The same selector and rate limit as `GET /api/v1/lookup`.

- `GET /tra-cuu/?ma=<code>` (the receipt's QR code, the messages) shows the form with the code
  filled in and the four-digit field focused. A GET never looks anything up, so nothing secret
  is ever in a URL (or a server log).
- `POST` (with CSRF) looks up. Every try of a well-formed form counts against
  `MOTCUA_LOOKUP_RATE` in the API's scope, so guesses cannot alternate between the page and the
  API; over the limit the answer is 429 with Retry-After and the wait in words.
- A wrong code and wrong digits give the very same answer (404, one message).
- With htmx the form swaps the panel in place; htmx 2 does not swap 4xx answers, so those come
  back as 200 (the content is the same as without JavaScript).
"""

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from motcua.core.ratelimit import Rate, RateLimited, client_address, rate_limit_hit
from motcua.dossiers.models import DossierStatus
from motcua.dossiers.selectors import PublicLookup, dossier_public_lookup
from motcua.portal.lookup_forms import CODE_MAX_LENGTH, LookupForm

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TEMPLATE = "portal/lookup/page.html"
RATE_SCOPE = "lookup"  # shared with motcua.api.lookup

# The simple progress shown with a result.
STAGE_LABELS = (_("Tiếp nhận"), _("Giải quyết"), _("Có kết quả"), _("Trả kết quả"))
# Statuses that end a dossier without a result: no progress bar, a sentence instead.
ENDED = frozenset({DossierStatus.REFUSED_INTAKE, DossierStatus.STOPPED})
DONE = frozenset({DossierStatus.RESULT_READY, DossierStatus.RETURNED})


@dataclass(frozen=True)
class Stage:
    label: "StrOrPromise"
    reached: bool
    current: bool  # the last stage reached


def progress(found: PublicLookup) -> list[Stage]:
    """The stages, which are reached and which is current; empty for a dossier that ended
    without a result (refused at intake, stopped). A supplement asked before reception (online)
    has not reached "received" yet."""
    status = found.status
    if status in ENDED:
        return []
    received = found.received_at is not None
    reached = (
        received,
        received and status != DossierStatus.RECEIVED,
        status in DONE,
        status == DossierStatus.RETURNED,
    )
    last = max((n for n, done in enumerate(reached) if done), default=-1)
    return [
        Stage(label, done, n == last)
        for n, (label, done) in enumerate(zip(STAGE_LABELS, reached, strict=True))
    ]


def _is_htmx(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx)


def _render(
    request: HttpRequest, form: LookupForm, *, status: int = 200, **context: object
) -> HttpResponse:
    template = TEMPLATE
    if _is_htmx(request):
        template += "#panel"
        status = 200  # htmx 2 swaps 2xx only; the panel says what happened
    return render(request, template, {"form": form, **context}, status=status)


def _wait(seconds: int) -> dict[str, int]:
    """The wait in words: seconds under a minute, else whole minutes rounded up."""
    if seconds < 60:
        return {"wait_seconds": seconds}
    return {"wait_minutes": math.ceil(seconds / 60)}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        code = request.GET.get("ma", "").strip()[:CODE_MAX_LENGTH]
        form = LookupForm(initial={"code": code})
        if code:  # from the QR code: only the digits are left to type
            form.fields["last4"].widget.attrs["autofocus"] = True
        return _render(request, form)
    form = LookupForm(request.POST)
    if not form.is_valid():
        return _render(request, form, status=400)
    try:
        rate_limit_hit(
            scope=RATE_SCOPE,
            client=client_address(request),
            rate=Rate.parse(settings.MOTCUA_LOOKUP_RATE),
        )
    except RateLimited as exc:
        response = _render(request, form, status=429, limited=True, **_wait(exc.retry_after))
        response["Retry-After"] = str(exc.retry_after)
        return response
    found: PublicLookup | None = dossier_public_lookup(
        code=form.cleaned_data["code"], last4=form.cleaned_data["last4"]
    )
    if found is None:
        return _render(request, form, status=404, not_found=True)
    return _render(request, form, result=found, stages=progress(found))
