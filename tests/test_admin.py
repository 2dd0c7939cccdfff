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
    from tests.factories import UserFactory

    staff = UserFactory(username="staff", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="members"))
    client.force_login(staff)
    url = f"/admin/members/blocyear/{bloc_year.pk}/change/"
    assert 'name="province_name"' in client.get(url).content.decode()

    BlocYear.objects.filter(pk=bloc_year.pk).update(phase=BlocYear.Phase.CLOSED)
    assert 'name="province_name"' not in client.get(url).content.decode()
    assert client.post(url, {"province_name": "Khác"}).status_code == 403
    bloc_year.refresh_from_db()
    assert bloc_year.province_name == "Yên Bái"
