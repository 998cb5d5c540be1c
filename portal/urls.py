from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("pages/<slug:slug>/", views.page_detail, name="page"),
    path("data/", views.open_data, name="open-data"),
]
