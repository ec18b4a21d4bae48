from django.urls import include, path, register_converter

from motcua.portal import transparency_views, views
from motcua.portal.converters import ProcedureRefConverter

register_converter(ProcedureRefConverter, "procedure_ref")

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("", include("motcua.portal.account_urls")),
    path("", include("motcua.portal.lookup_urls")),
    path("", include("motcua.portal.feedback_urls")),
    path("", include("motcua.portal.rating_urls")),  # before "my dossiers" (ho-so-cua-toi/)
    path(
        "cong-khai/ket-qua-giai-quyet/",
        transparency_views.transparency,
        name="transparency",
    ),
    path("thu-tuc/", views.procedure_list, name="procedure-list"),
    path("thu-tuc/<procedure_ref:ref>/", views.procedure_detail, name="procedure-detail"),
    path(
        "thu-tuc/<procedure_ref:ref>/mau/<slug:variant>/<slug:component>/",
        views.procedure_template,
        name="procedure-template",
    ),
    path("", include("motcua.portal.submit_urls")),
    path("", include("motcua.portal.dossier_urls")),
]
