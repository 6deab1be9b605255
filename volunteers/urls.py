from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "volunteers"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("me/", views.me, name="me"),
    path("me/shifts/", views.my_shifts, name="my_shifts"),
    # The download and deletion are the site's one 我的数据 page now.
    path("me/data/", RedirectView.as_view(pattern_name="accounts:my_data"), name="data"),
    path("me/delete/", RedirectView.as_view(pattern_name="accounts:delete_account"), name="delete"),
    path("shifts/", views.open_shifts, name="shifts"),
    path("shift/<id:pk>/", views.shift_detail, name="shift"),
    path("shift/<id:pk>/sign-up/", views.shift_sign_up, name="sign_up"),
    path("sign-up/<id:pk>/cancel/", views.signup_cancel, name="cancel"),
    path("activity/<id:pk>/status/", views.activity_status, name="activity_status"),
    path("scan/<str:signed>/", views.scan, name="scan"),
    path("records/", views.records, name="records"),
    path("records/new/", views.record_new, name="record_new"),
    path("records/<id:pk>/", views.record_detail, name="record"),
    path("certificates/", views.certificate_list, name="certificates"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    path("certificates/<str:code>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("verify/", views.verify, name="verify"),
    path("wishes/new/", views.wish_new, name="wish_new"),
    path("wishes/<id:pk>/", views.wish_detail, name="wish"),
    path("wishes/<id:pk>/claim/", views.wish_claim, name="wish_claim"),
]
