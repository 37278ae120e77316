from django.urls import path

from . import views

app_name = "favourites"

# Under /my/, which waic_site/cache.py never caches: change both together.
urlpatterns = [
    path("", views.my_waic, name="my_waic"),
    path("star/", views.star, name="star"),
    path("starred.json", views.starred, name="starred"),
    path("<slug:key>/", views.shared_list, name="shared_list"),
    path("<slug:key>/calendar.ics", views.calendar, name="calendar"),
]
