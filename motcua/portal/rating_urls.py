"""The satisfaction rating of a returned dossier (included into the `portal` namespace by
motcua/portal/urls.py, before the "my dossiers" pages). The path is also built for messages by
`motcua.dossiers.ratings.rating_url`."""

from django.urls import path

from motcua.portal import rating_views

urlpatterns = [
    path("ho-so-cua-toi/<str:code>/danh-gia/", rating_views.rate, name="rate"),
]
