"""A paper rating slip (or a counter device's record) entered by a desk officer of the dossier's
desk, once the result is returned and while the dossier has no rating. Offered in the workspace
only to those officers; asked for by anyone else (or after a rating exists) it is a 404."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.backoffice.access import actor, staff_required
from motcua.backoffice.rating_forms import RatingSlipForm
from motcua.core.errors import DomainError, NotFound
from motcua.core.timezone import local_today
from motcua.dossiers.policies import access_dossier
from motcua.dossiers.ratings import can_record_rating, dossier_rate, rating_criteria


@staff_required
def dossier_rating_record(request: HttpRequest, code: str) -> HttpResponse:
    user = actor(request)
    try:
        dossier = access_dossier(user, code=code)
    except NotFound:
        raise Http404 from None
    if not can_record_rating(user, dossier, on=local_today()):
        raise Http404
    criteria = rating_criteria()
    form = RatingSlipForm(request.POST or None, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            dossier_rate(
                dossier=dossier,
                satisfied=form.is_satisfied(),
                answers=form.answers(),
                comment=form.cleaned_data["comment"],
                channel=form.rating_channel(),
                actor=user,
            )
        except DomainError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Đã ghi nhận phiếu đánh giá mức độ hài lòng."))
            return redirect(reverse("backoffice:dossier-detail", args=[dossier.display_code]))
    return render(
        request,
        "backoffice/dossiers/rating.html",
        {"dossier": dossier, "form": form},
        status=400 if form.is_bound else 200,
    )
