from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("b/<slug:slug>/", views.bloc_detail, name="bloc"),
    path("b/<slug:slug>/orgs/", views.organization_list, name="organizations"),
    path("b/<slug:slug>/orgs/new/", views.organization_edit, name="organization_new"),
    path("b/<slug:slug>/orgs/import/", views.organization_import, name="organization_import"),
    path(
        "b/<slug:slug>/orgs/import/template.xlsx",
        views.organization_import_template,
        name="organization_import_template",
    ),
    path("b/<slug:slug>/orgs/<int:pk>/", views.organization_detail, name="organization"),
    path("b/<slug:slug>/orgs/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("b/<slug:slug>/<int:year>/", views.year_detail, name="year"),
    path("b/<slug:slug>/<int:year>/settings/", views.year_edit, name="year_edit"),
    path("b/<slug:slug>/<int:year>/members/", views.year_members, name="year_members"),
    path(
        "b/<slug:slug>/<int:year>/members/<int:pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        "b/<slug:slug>/<int:year>/members/<int:pk>/move/",
        views.membership_move,
        name="membership_move",
    ),
    path(
        "b/<slug:slug>/<int:year>/members/<int:pk>/flag/",
        views.membership_flag,
        name="membership_flag",
    ),
    path("b/<slug:slug>/<int:year>/leadership/", views.year_leadership, name="year_leadership"),
    path("b/<slug:slug>/<int:year>/next/", views.year_open_next, name="year_open_next"),
]
