"""One dossier in the back office. (In progress.)"""

from django.http import Http404, HttpRequest, HttpResponse

from motcua.backoffice.access import staff_required


@staff_required
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    raise Http404


@staff_required
def dossier_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    raise Http404


@staff_required
def dossier_file(request: HttpRequest, code: str, file_id: int) -> HttpResponse:
    raise Http404


@staff_required
def dossier_form(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    raise Http404
