from django.urls import path

from . import views

app_name = "study"

urlpatterns = [
    path("session/<id:pk>/check-in/<str:signed>/", views.check_in, name="check_in"),
    path("session/<id:pk>/leave/", views.leave, name="leave"),
    path("session/<id:pk>/reflection/", views.reflection, name="reflection"),
    path("mine/", views.mine, name="mine"),
]
