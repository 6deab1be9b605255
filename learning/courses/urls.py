from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("progress/<int:course_id>/", views.progress, name="progress"),
    path("me/", views.my_courses, name="mine"),
]
