from django.urls import path

from . import views

app_name = "exhibitors"

urlpatterns = [
    path("", views.ExhibitorListView.as_view(), name="exhibitor_list"),
    path("halls/<str:code>/", views.HallDetailView.as_view(), name="hall_detail"),
    path("<slug:slug>/", views.ExhibitorDetailView.as_view(), name="exhibitor_detail"),
]
