"""The Django admin manages every model, in Vietnamese; it is for administrators only."""

import pytest
from django.contrib import admin

MODELS = sorted((model._meta.app_label, model._meta.model_name) for model in admin.site._registry)


@pytest.mark.parametrize("app_label,model_name", MODELS)
def test_each_admin_list_opens_for_the_administrator(
    client, admin_user, bloc_year, app_label, model_name
):
    client.force_login(admin_user)
    assert client.get(f"/admin/{app_label}/{model_name}/").status_code == 200
    assert client.get(f"/admin/{app_label}/{model_name}/add/").status_code in (200, 403)


def test_every_domain_model_is_in_the_admin():
    from django.apps import apps

    ours = {"members", "pledges", "awards", "khoithidua", "documents"}
    missing = [
        f"{m._meta.app_label}.{m.__name__}"
        for m in apps.get_models()
        if m._meta.app_label in ours and m not in admin.site._registry
    ]
    assert not missing


def test_the_admin_speaks_vietnamese(client, admin_user):
    client.force_login(admin_user)
    assert "Khối thi đua" in client.get("/admin/").content.decode()


def test_the_admin_is_closed_to_bloc_users(client, secretary):
    client.force_login(secretary)
    assert client.get("/admin/").status_code == 302


def test_staff_cannot_change_a_closed_year_in_the_admin(client, bloc_year):
    from django.contrib.auth.models import Permission

    from members.models import BlocYear
    from tests.factories import BlocRoleFactory, UserFactory

    staff = UserFactory(username="staff", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="members"))
    BlocRoleFactory(user=staff, bloc=bloc_year.bloc)
    client.force_login(staff)
    url = f"/admin/members/blocyear/{bloc_year.pk}/change/"
    assert 'name="province_name"' in client.get(url).content.decode()

    BlocYear.objects.filter(pk=bloc_year.pk).update(phase=BlocYear.Phase.CLOSED)
    assert 'name="province_name"' not in client.get(url).content.decode()
    assert client.post(url, {"province_name": "Khác"}).status_code == 403
    bloc_year.refresh_from_db()
    assert bloc_year.province_name == "Yên Bái"


@pytest.fixture
def staff_of(db):
    """A staff member with every permission on the domain models, and a role in one bloc."""
    from django.contrib.auth.models import Permission

    from tests.factories import BlocRoleFactory, UserFactory

    def make(bloc):
        staff = UserFactory(username="staff", is_staff=True)
        staff.user_permissions.set(
            Permission.objects.filter(content_type__app_label__in=["members", "pledges", "awards"])
        )
        BlocRoleFactory(user=staff, bloc=bloc)
        return staff

    return make


def test_staff_see_only_their_own_blocs_rows_and_choices(client, bloc_year, outsider, staff_of):
    from members.models import Bloc, Organization

    other = Bloc.objects.exclude(pk=bloc_year.bloc_id).get()
    client.force_login(staff_of(bloc_year.bloc))

    listing = client.get("/admin/members/organization/").content.decode()
    ours = bloc_year.memberships.first().organization
    theirs = Organization.objects.filter(bloc=other).first()
    assert ours.name in listing and theirs.name not in listing
    assert client.get(f"/admin/members/organization/{theirs.pk}/change/").status_code == 302
    form = client.get(f"/admin/members/blocyear/{bloc_year.pk}/change/").context["adminform"]
    assert set(form.form.fields["head"].queryset) <= set(bloc_year.bloc.organizations.all())
    assert client.get("/admin/members/province/").status_code == 403


def test_staff_cannot_set_a_years_phase_in_the_admin(client, bloc_year, staff_of):
    client.force_login(staff_of(bloc_year.bloc))
    url = f"/admin/members/blocyear/{bloc_year.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="phase"' not in page
