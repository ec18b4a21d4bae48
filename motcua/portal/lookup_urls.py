"""The public dossier look-up page (included into the `portal` namespace by motcua/portal/urls.py).
Its path is printed in QR codes and messages (`motcua.workflow.core.lookup_url`)."""

from django.urls import path

from motcua.portal import lookup_views

urlpatterns = [
    path("tra-cuu/", lookup_views.lookup, name="lookup"),
]
