"""Citizen account pages, included by motcua/portal/urls.py: no app_name, so the names live in the
`portal` namespace (portal:login, portal:register, …)."""

from django.urls import path

from motcua.portal import account_views as views

urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-nhap/dinh-danh/", views.oidc_start_view, name="oidc-start"),
    path("dang-nhap/dinh-danh/ket-qua/", views.oidc_callback_view, name="oidc-callback"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("dang-ky/", views.register_view, name="register"),
    path("xac-thuc/", views.verify_view, name="verify"),
    path("quen-mat-khau/", views.password_reset_view, name="password-reset"),
    path(
        "quen-mat-khau/dat-lai/",
        views.password_reset_confirm_view,
        name="password-reset-confirm",
    ),
    path("tai-khoan/", views.account_view, name="account"),
    path("tai-khoan/lien-he/", views.account_contact_view, name="account-contact"),
    path("tai-khoan/mat-khau/", views.account_password_view, name="account-password"),
]
