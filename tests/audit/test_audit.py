"""The audit trail: who changed what, when, before and after; one page per year."""

import datetime

import pytest
from auditlog.models import LogEntry

from members.models import Organization
from tests.factories import OrganizationFactory, year_with_members
from tests.utils import table_text, text


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


def url(bloc_year, **query):
    from urllib.parse import urlencode

    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/audit/?{urlencode(query)}"


def test_a_change_made_in_the_app_is_recorded_with_who_before_and_after(
    secretary_client, bloc_year
):
    orgs = [m.organization for m in bloc_year.memberships.order_by("position")]
    secretary_client.post(
        f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/leadership/",
        {"head": orgs[3].pk, "deputy": orgs[4].pk},
    )
    entry = LogEntry.objects.get_for_object(bloc_year).latest("timestamp")
    assert entry.actor.username == "secretary"
    assert entry.additional_data["bloc_year"] == bloc_year.pk
    assert entry.changes_dict["head"] == [str(orgs[0]), str(orgs[3])]
    page = text(secretary_client.get(url(bloc_year)))
    assert f"{orgs[0]} → {orgs[3]}" in page
    assert "(secretary)" in page


def test_entries_are_filtered_by_organization(secretary_client, bloc_year):
    first, second = (m.organization for m in bloc_year.memberships.order_by("position")[:2])
    for org, name in ((first, "Tên mới A"), (second, "Tên mới B")):
        secretary_client.post(f"/b/{bloc_year.bloc.slug}/orgs/{org.pk}/edit/", {"name": name})
    page = table_text(secretary_client.get(url(bloc_year, organization=first.pk)), "audit")
    assert "Tên mới A" in page
    assert "Tên mới B" not in page


def test_entries_are_filtered_by_kind(secretary_client, bloc_year):
    from django.contrib.contenttypes.models import ContentType

    org = bloc_year.memberships.first().organization
    secretary_client.post(f"/b/{bloc_year.bloc.slug}/orgs/{org.pk}/edit/", {"name": "Tên mới C"})
    kind = ContentType.objects.get_for_model(Organization).pk
    assert "Tên mới C" in table_text(secretary_client.get(url(bloc_year, kind=kind)), "audit")
    other = ContentType.objects.get(app_label="members", model="membership").pk
    assert "Tên mới C" not in table_text(secretary_client.get(url(bloc_year, kind=other)), "audit")


def test_another_blocs_changes_are_not_shown(secretary_client, bloc_year):
    stranger = OrganizationFactory(bloc=year_with_members(1).bloc, name="Hội của khối khác")
    stranger.name = "Hội của khối khác – đổi tên"
    stranger.save()
    assert "khối khác" not in text(secretary_client.get(url(bloc_year)))


def test_a_member_may_not_read_the_audit_trail(client, member, bloc_year):
    client.force_login(member)
    assert client.get(url(bloc_year)).status_code == 403


def test_a_bad_filter_value_is_ignored_not_a_500(secretary_client, bloc_year):
    assert (
        secretary_client.get(url(bloc_year, organization="abc", kind="1; drop")).status_code == 200
    )


def test_changes_read_in_vietnamese_labels_and_local_time(secretary_client, bloc_year, member):
    """Field labels, choice names and local times, never raw field names or UTC values."""
    from members.models import BlocRole

    role = BlocRole.objects.get(user=member)
    role.is_active = False
    role.save()
    bloc_year.closed_at = datetime.datetime(2023, 12, 28, 1, 30, tzinfo=datetime.UTC)
    bloc_year.save()

    page = text(secretary_client.get(url(bloc_year)))
    assert "Đang hoạt động : có → không" in page
    assert "28/12/2023 08:30" in page  # 01:30 UTC is 08:30 in Vietnam
    assert "is_active" not in page and "closed_at" not in page and ".None" not in page
