"""The satisfaction rating of a returned dossier, by its applicant (/ho-so-cua-toi/<code>/danh-gia/).

Adapters: `access_dossier` finds the dossier among the citizen's own (another citizen's is a 404),
`dossier_rate` records the rating (channel online). The page has four states: the form; "not yet"
while the result has not been returned; the rating given (once per dossier); and that rating
with a thank-you right after sending (post-redirect-get to `?cam-on=1`).
"""

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from motcua.core.errors import DomainError, NotFound
from motcua.dossiers.models import DossierStatus, RatingChannel
from motcua.dossiers.policies import access_dossier
from motcua.dossiers.ratings import (
    RatingExists,
    RatingNotOpen,
    dossier_rate,
    rating_criteria,
    rating_of,
    rating_rows,
)
from motcua.portal.access import citizen, citizen_required
from motcua.portal.rating_forms import RatingForm

TEMPLATE = "portal/rating/page.html"
THANKS = "cam-on"


@citizen_required
@require_http_methods(["GET", "HEAD", "POST"])
def rate(request: HttpRequest, code: str) -> HttpResponseBase:
    user = citizen(request)
    try:
        dossier = access_dossier(user, code=code)
    except NotFound:
        raise Http404 from None
    url = reverse("portal:rate", args=[dossier.display_code])
    posted = request.method == "POST"
    context: dict[str, object] = {"dossier": dossier}
    rating = rating_of(dossier=dossier)
    if rating is not None:
        context |= {"rating": rating, "rows": rating_rows(rating), "thanked": THANKS in request.GET}
        return render(request, TEMPLATE, context, status=409 if posted else 200)
    if dossier.status != DossierStatus.RETURNED:
        context["not_yet"] = True
        return render(request, TEMPLATE, context, status=409 if posted else 200)
    criteria = rating_criteria()
    if not posted:
        return render(request, TEMPLATE, context | {"form": RatingForm(criteria=criteria)})
    form = RatingForm(request.POST, criteria=criteria)
    if form.is_valid():
        try:
            dossier_rate(
                dossier=dossier,
                satisfied=form.is_satisfied(),
                answers=form.answers(),
                comment=form.cleaned_data["comment"],
                channel=RatingChannel.ONLINE,
                actor=user,
            )
        except (RatingExists, RatingNotOpen):  # rated or changed meanwhile: show what is now
            return redirect(url)
        except DomainError as exc:
            form.add_service_error(exc)
        else:
            return redirect(f"{url}?{THANKS}=1")
    return render(request, TEMPLATE, context | {"form": form}, status=400)
