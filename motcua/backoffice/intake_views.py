"""The counter intake wizard. (In progress.)"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.backoffice.access import staff_required


@staff_required
def intake_start(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/intake/start.html", {})
