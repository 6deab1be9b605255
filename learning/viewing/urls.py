"""The viewing point's pages outside the admin (included at "viewing/")."""

from django.urls import path

from . import views_demand, views_screening

app_name = "viewing"

urlpatterns = [
    path("watched/", views_screening.watched, name="watched"),
    path("demand/", views_demand.demand_list, name="demand"),
    path("demand/new/", views_demand.demand_new, name="demand_new"),
    path("demand/mine/", views_demand.demand_mine, name="demand_mine"),
    path("demand/<id:pk>/vote/", views_demand.demand_vote, name="demand_vote"),
    path("demand/<id:pk>/withdraw/", views_demand.demand_withdraw, name="demand_withdraw"),
]
