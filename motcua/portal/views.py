"""Public pages. Interfaces only: parse, call a selector or service, render."""

import datetime as dt
import posixpath
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from motcua.accounts.models import Agency
from motcua.catalog.models import (
    Component,
    EndReason,
    Field,
    Procedure,
    ProcedureVersion,
)
from motcua.catalog.selectors import (
    procedure_search,
    version_current,
    version_latest_published,
    version_list_public,
    version_with_parts,
)
from motcua.core.timezone import local_today
from motcua.portal.converters import ProcedureRef
from motcua.portal.forms import CatalogSearchForm

# A gold star on the header's red: the site icon, also for pages that do not link one (admin).
FAVICON_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<rect width="32" height="32" rx="6" fill="#8e1b1b"/>'
    '<path d="M16 5l3.2 7.4 8 .7-6.1 5.3 1.8 7.8L16 22.1 9.1 26.2l1.8-7.8-6.1-5.3 8-.7z" '
    'fill="#ffd24a"/></svg>'
)
RESULTS_PER_PAGE = 20
NATIONAL_PORTAL = "https://dichvucong.gov.vn/"


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """What the system is and which parts are available now. Reads no data."""
    return render(request, "portal/home.html")


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FAVICON_SVG, content_type="image/svg+xml")


# --- The public catalog -------------------------------------------------------------------------


def _field_choices(*, on: dt.date) -> list[tuple[str, str]]:
    """Fields that have at least one procedure public on `on`."""
    public_fields = version_list_public(on=on).values("field")
    return list(Field.objects.filter(pk__in=public_fields).values_list("code", "name"))


def _agency_choices(*, on: dt.date) -> list[tuple[str, str]]:
    """Agencies executing at least one procedure public on `on`."""
    executing = version_list_public(on=on).values("executing_agencies")
    return list(
        Agency.objects.filter(pk__in=executing).order_by("name", "code").values_list("code", "name")
    )


def _is_partial_request(request: HttpRequest) -> bool:
    """An htmx request for the results only (a history restore needs the whole page)."""
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


@require_safe
def procedure_list(request: HttpRequest) -> HttpResponse:
    """Search the procedures public today. A GET form: results can be linked and bookmarked;
    htmx requests (live search while typing) get only the results."""
    today = local_today()
    choices = {
        "field_choices": _field_choices(on=today),
        "agency_choices": _agency_choices(on=today),
    }
    submitted = CatalogSearchForm(request.GET, **choices)
    submitted.is_valid()
    values = submitted.valid_values()
    # Shown again with the valid values only: an ignored value is not selected any more.
    form = CatalogSearchForm(initial=values, **choices)
    versions = procedure_search(query=submitted.catalog_query(), on=today).prefetch_related(
        "levels", "variants"
    )
    page = Paginator(versions, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "ignored": submitted.ignored_labels(),
        "searched": bool(values),
        "text": values.get("q", ""),
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "filter_query": urlencode(values),
    }
    partial = _is_partial_request(request)
    template = "portal/catalog/list.html#results" if partial else "portal/catalog/list.html"
    response = render(request, template, {**context, "partial": partial})
    patch_vary_headers(response, ["HX-Request"])
    return response


@dataclass(frozen=True)
class Unavailable:
    """Why a procedure code has no public page today, for a friendly 404."""

    ref: ProcedureRef
    procedure: Procedure | None
    latest: ProcedureVersion | None
    successor: ProcedureVersion | None
    today: dt.date

    @property
    def ended(self) -> bool:
        return (
            self.latest is not None
            and self.latest.valid_to is not None
            and self.latest.valid_to <= self.today
        )

    @property
    def upcoming(self) -> bool:
        return (
            self.latest is not None
            and self.latest.valid_from is not None
            and self.latest.valid_from > self.today
        )

    @property
    def abolished(self) -> bool:
        return (
            self.ended
            and self.latest is not None
            and self.latest.end_reason
            in (
                EndReason.ABOLISHED,
                EndReason.REPLACED,
            )
        )


def unavailable(request: HttpRequest, ref: ProcedureRef, *, today: dt.date) -> HttpResponse:
    procedure = Procedure.objects.filter(namespace=ref.namespace, code=ref.code).first()
    latest = version_latest_published(procedure=procedure) if procedure else None
    successor = None
    if latest is not None and latest.replaced_by is not None:
        successor = version_current(procedure=latest.replaced_by, on=today)
    info = Unavailable(
        ref=ref, procedure=procedure, latest=latest, successor=successor, today=today
    )
    return render(request, "portal/catalog/unavailable.html", {"info": info}, status=404)


def public_version(ref: ProcedureRef, *, today: dt.date) -> ProcedureVersion | None:
    procedure = Procedure.objects.filter(namespace=ref.namespace, code=ref.code).first()
    if procedure is None:
        return None
    return version_current(procedure=procedure, on=today)


def _legal_bases(version: ProcedureVersion) -> list[tuple[str, dt.date | None]]:
    bases: list[tuple[str, dt.date | None]] = []
    for item in version.legal_bases:
        effective = item.get("effective_date")
        bases.append(
            (str(item.get("document", "")), dt.date.fromisoformat(effective) if effective else None)
        )
    return bases


@require_safe
def procedure_detail(request: HttpRequest, ref: ProcedureRef) -> HttpResponse:
    """A procedure as published, with everything a citizen is entitled to see (Decree 63/2010
    Art 8.2). The internal process is the agencies' own business and is not shown."""
    today = local_today()
    current = public_version(ref, today=today)
    if current is None:
        return unavailable(request, ref, today=today)
    version = version_with_parts(pk=current.pk)
    variants = list(version.variants.all())
    return render(
        request,
        "portal/catalog/detail.html",
        {
            "version": version,
            "procedure": version.procedure,
            "variants": variants,
            "levels": [level.get_level_display() for level in version.levels.all()],
            "agencies": sorted(version.executing_agencies.all(), key=lambda a: a.name),
            "legal_bases": _legal_bases(version),
            # valid_to is exclusive: the version applies until the end of the day before.
            "last_day": version.valid_to - dt.timedelta(days=1) if version.valid_to else None,
            "online_submission": version.accepts_online_submission,
            "has_fees": any(variant.fees.all() for variant in variants),
            "national_portal": NATIONAL_PORTAL,
        },
    )


def _components_with_templates(version: ProcedureVersion) -> QuerySet[Component]:
    return Component.objects.filter(variant__version=version).exclude(template_file="")


@require_safe
def procedure_template(
    request: HttpRequest, ref: ProcedureRef, variant: str, component: str
) -> FileResponse:
    """Download the form template (mẫu đơn, tờ khai) of a component of a public procedure."""
    current = public_version(ref, today=local_today())
    if current is None:
        raise Http404("Không tìm thấy thủ tục.")
    found = (
        _components_with_templates(current).filter(variant__code=variant, code=component).first()
    )
    if found is None:
        raise Http404("Không tìm thấy mẫu đơn, tờ khai.")
    return FileResponse(
        found.template_file.open("rb"),
        as_attachment=True,
        filename=posixpath.basename(found.template_file.name or ""),
    )
