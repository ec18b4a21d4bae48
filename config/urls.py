from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from motcua.api.main import api

admin.site.site_header = "motcua — Quản trị hệ thống"
admin.site.site_title = "motcua"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="backoffice/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("backoffice/", include("motcua.backoffice.urls")),
    path("", include("motcua.portal.urls")),
]
