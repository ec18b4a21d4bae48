from django.urls import path, register_converter

from motcua.portal import views
from motcua.portal.converters import ProcedureRefConverter

register_converter(ProcedureRefConverter, "procedure_ref")

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("thu-tuc/", views.procedure_list, name="procedure-list"),
    path("thu-tuc/<procedure_ref:ref>/", views.procedure_detail, name="procedure-detail"),
    path(
        "thu-tuc/<procedure_ref:ref>/nop-truc-tuyen/",
        views.procedure_submit_online,
        name="procedure-submit-online",
    ),
    path(
        "thu-tuc/<procedure_ref:ref>/mau/<slug:variant>/<slug:component>/",
        views.procedure_template,
        name="procedure-template",
    ),
]
