from django.urls import path

from . import personal_data_views, proof_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("me/", views.me, name="me"),
    path("personal/", views.personal, name="personal"),
    path("me/data/", personal_data_views.my_data, name="my_data"),
    path("me/data/download/", personal_data_views.download, name="my_data_download"),
    path("me/delete/", personal_data_views.delete_account, name="delete_account"),
    path(
        "me/delete/confirm/",
        personal_data_views.delete_account_confirm,
        name="delete_account_confirm",
    ),
    path("deleted/", personal_data_views.deleted, name="deleted"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("activate/", proof_views.activate_enter, name="activate_enter"),
    path("activate/<str:code>/", proof_views.activate, name="activate"),
    path("sms/", proof_views.sms_password, name="sms_password"),
    path("verify-phone/", proof_views.verify_phone, name="verify_phone"),
]
