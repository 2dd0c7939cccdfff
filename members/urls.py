from django.urls import path

from members import people_views, province_views, views

app_name = "members"

urlpatterns = [
    path("p/<slug:slug>/", province_views.province_detail, name="province"),
    path("p/<slug:slug>/blocs/new/", province_views.bloc_new, name="bloc_new"),
    path("p/<slug:slug>/people/", province_views.province_people, name="province_people"),
    path(
        "p/<slug:slug>/people/<int:pk>/resend/",
        province_views.province_person_resend,
        name="province_person_resend",
    ),
    path(
        "p/<slug:slug>/people/<int:pk>/active/",
        province_views.province_person_active,
        name="province_person_active",
    ),
    path("b/<slug:slug>/", views.bloc_detail, name="bloc"),
    path("b/<slug:slug>/edit/", province_views.bloc_edit, name="bloc_edit"),
    path("b/<slug:slug>/years/", views.bloc_years, name="bloc_years"),
    path("b/<slug:slug>/years/new/", views.year_open, name="year_open"),
    path("b/<slug:slug>/people/", people_views.people, name="people"),
    path("b/<slug:slug>/people/invite/", people_views.person_invite, name="person_invite"),
    path("b/<slug:slug>/people/<int:pk>/", people_views.person_edit, name="person_edit"),
    path("b/<slug:slug>/people/<int:pk>/resend/", people_views.person_resend, name="person_resend"),
    path("b/<slug:slug>/people/<int:pk>/active/", people_views.person_active, name="person_active"),
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
    path("b/<slug:slug>/<int:year>/finishers/", views.year_finishers, name="year_finishers"),
    path("b/<slug:slug>/<int:year>/phase/", views.year_phase, name="year_phase"),
    path("b/<slug:slug>/<int:year>/members/", views.year_members, name="year_members"),
    path("b/<slug:slug>/<int:year>/members/copy/", views.memberships_copy, name="memberships_copy"),
    path(
        "b/<slug:slug>/<int:year>/members/order/", views.memberships_order, name="memberships_order"
    ),
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
        "b/<slug:slug>/<int:year>/members/<int:pk>/signer/",
        views.membership_signer,
        name="membership_signer",
    ),
    path(
        "b/<slug:slug>/<int:year>/members/<int:pk>/flag/",
        views.membership_flag,
        name="membership_flag",
    ),
    path("b/<slug:slug>/<int:year>/leadership/", views.year_leadership, name="year_leadership"),
    path("b/<slug:slug>/<int:year>/next/", views.year_open_next, name="year_open_next"),
]
