"""The officer's home (role-aware queues) and the searchable list of dossiers. (In progress.)"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.backoffice.access import staff_required


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/queues/home.html", {})


@staff_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/queues/home.html", {})
