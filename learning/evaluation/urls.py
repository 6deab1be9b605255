from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("self-review/", views.self_review, name="self_review"),
    path("ballot/", views.vote, name="ballot"),
]
