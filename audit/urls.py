from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("b/<slug:slug>/<int:year>/audit/", views.year_audit, name="year"),
]
