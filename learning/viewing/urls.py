from django.urls import path

from . import views_screening

app_name = "viewing"

urlpatterns = [
    path("watched/", views_screening.watched, name="watched"),
]
