"""Public pages. Interfaces only: parse, call a selector or service, render."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# A gold star on the header's red: the site icon, also for pages that do not link one (admin).
FAVICON_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<rect width="32" height="32" rx="6" fill="#8e1b1b"/>'
    '<path d="M16 5l3.2 7.4 8 .7-6.1 5.3 1.8 7.8L16 22.1 9.1 26.2l1.8-7.8-6.1-5.3 8-.7z" '
    'fill="#ffd24a"/></svg>'
)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """What the system is and which parts are available now. Reads no data."""
    return render(request, "portal/home.html")


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FAVICON_SVG, content_type="image/svg+xml")
