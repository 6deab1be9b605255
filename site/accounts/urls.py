from django.urls import path

from . import proof_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("me/", views.me, name="me"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("activate/", proof_views.activate_enter, name="activate_enter"),
    path("activate/<str:code>/", proof_views.activate, name="activate"),
    path("sms/", proof_views.sms_password, name="sms_password"),
    path("verify-phone/", proof_views.verify_phone, name="verify_phone"),
]
