from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("occurrence/<id:pk>/", views.register, name="register"),
    path("event/<id:pk>/status/", views.event_status, name="event_status"),
    path("mine/", views.mine, name="mine"),
    path("check-in/<str:signed>/", views.check_in, name="check_in"),
    path("r/<code:code>/", views.confirmation, name="confirmation"),
    path("r/<code:code>/cancel/", views.cancel, name="cancel"),
]
