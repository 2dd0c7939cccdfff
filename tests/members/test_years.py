import pytest

from members.models import BlocYear, Membership
from tests.factories import OrganizationFactory
from tests.utils import text


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


def url(bloc_year, suffix=""):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/{suffix}"


def test_the_year_page_shows_members_head_deputy_and_phase(client, member, bloc_year):
    client.force_login(member)
    page = client.get(url(bloc_year)).content.decode()
    assert bloc_year.head.name in page
    assert bloc_year.deputy.name in page
    assert "Tự chấm điểm" in page
    for membership in bloc_year.memberships.all():
        assert membership.organization.name in page


def test_the_secretariat_adds_an_organization_to_the_year(secretary_client, bloc_year):
    org = OrganizationFactory(bloc=bloc_year.bloc)
    response = secretary_client.post(url(bloc_year, "members/"), {"organization": org.pk})
    assert response.status_code == 302
    assert bloc_year.memberships.filter(organization=org).exists()


def test_an_organization_of_another_bloc_cannot_be_added(secretary_client, bloc_year):
    stranger = OrganizationFactory()
    response = secretary_client.post(url(bloc_year, "members/"), {"organization": stranger.pk})
    assert response.status_code == 400
    assert not bloc_year.memberships.filter(organization=stranger).exists()


def test_removing_a_member_asks_first_and_then_removes_it(secretary_client, bloc_year):
    membership = bloc_year.memberships.order_by("position").last()
    page = secretary_client.get(url(bloc_year, "members/")).content.decode()
    assert "data-confirm=" in page
    response = secretary_client.post(url(bloc_year, f"members/{membership.pk}/remove/"))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_head_cannot_be_removed_from_the_year(secretary_client, bloc_year):
    membership = bloc_year.memberships.get(organization=bloc_year.head)
    response = secretary_client.post(
        url(bloc_year, f"members/{membership.pk}/remove/"), follow=True
    )
    assert "đang là lãnh đạo Khối" in text(response)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_moving_a_member_up_swaps_it_with_the_one_above(secretary_client, bloc_year):
    rows = list(bloc_year.memberships.order_by("position"))
    secretary_client.post(url(bloc_year, f"members/{rows[2].pk}/move/"), {"direction": "up"})
    order = list(bloc_year.memberships.order_by("position").values_list("pk", flat=True))
    assert order[:3] == [rows[0].pk, rows[2].pk, rows[1].pk]


def test_the_secretariat_sets_head_and_deputy(secretary_client, bloc_year):
    orgs = [m.organization for m in bloc_year.memberships.order_by("position")]
    response = secretary_client.post(
        url(bloc_year, "leadership/"), {"head": orgs[3].pk, "deputy": orgs[4].pk}
    )
    assert response.status_code == 302
    bloc_year.refresh_from_db()
    assert (bloc_year.head, bloc_year.deputy) == (orgs[3], orgs[4])


def test_head_and_deputy_must_differ(secretary_client, bloc_year):
    org = bloc_year.memberships.first().organization
    response = secretary_client.post(
        url(bloc_year, "leadership/"), {"head": org.pk, "deputy": org.pk}
    )
    assert "phải là hai đơn vị khác nhau" in text(response)
    bloc_year.refresh_from_db()
    assert bloc_year.head != org or bloc_year.deputy != org


def test_a_head_that_is_not_a_member_is_refused(secretary_client, bloc_year):
    outsider_org = OrganizationFactory(bloc=bloc_year.bloc)
    before = bloc_year.head_id
    response = secretary_client.post(url(bloc_year, "leadership/"), {"head": outsider_org.pk})
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in text(response)
    bloc_year.refresh_from_db()
    assert bloc_year.head_id == before


def test_flagging_a_member_needs_a_reason(secretary_client, bloc_year):
    membership = bloc_year.memberships.last()
    response = secretary_client.post(
        url(bloc_year, f"members/{membership.pk}/flag/"), {"nomination_blocked": "on"}
    )
    assert "Hãy ghi lý do" in text(response)
    membership.refresh_from_db()
    assert not membership.nomination_blocked


def test_opening_next_year_proposes_the_deputy_as_head(secretary_client, bloc_year):
    page = secretary_client.get(url(bloc_year, "next/")).content.decode()
    assert f'<option value="{bloc_year.deputy_id}" selected>' in page


def test_opening_next_year_carries_the_members_over_in_order(secretary_client, bloc_year):
    deputy = bloc_year.deputy
    third = bloc_year.memberships.order_by("position")[2].organization
    response = secretary_client.post(
        url(bloc_year, "next/"), {"head": deputy.pk, "deputy": third.pk}
    )
    assert response.status_code == 302
    new = BlocYear.objects.get(bloc=bloc_year.bloc, year=bloc_year.year + 1)
    assert (new.head, new.deputy) == (deputy, third)
    old_order = [m.organization_id for m in bloc_year.memberships.order_by("position")]
    assert [m.organization_id for m in new.memberships.order_by("position")] == old_order
    assert new.place_name == bloc_year.place_name


def test_a_year_that_already_exists_is_not_opened_twice(secretary_client, bloc_year):
    secretary_client.post(url(bloc_year, "next/"), {})
    response = secretary_client.post(url(bloc_year, "next/"), {})
    assert response.status_code == 200
    assert "đã có" in text(response)
    assert BlocYear.objects.filter(bloc=bloc_year.bloc).count() == 2


def test_the_database_refuses_a_head_who_is_also_deputy(bloc_year):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        BlocYear.objects.filter(pk=bloc_year.pk).update(deputy=bloc_year.head)


def test_a_year_whose_next_year_exists_offers_no_opening_of_it(secretary_client, bloc_year):
    """A past year entered afterwards sits before years that exist: its page links no dead
    "Mở năm tiếp theo" form, and that form's address leads to the year that exists."""
    secretary_client.post(url(bloc_year, "next/"), {})
    page = secretary_client.get(url(bloc_year)).content.decode()
    assert url(bloc_year, "next/") not in page

    response = secretary_client.get(url(bloc_year, "next/"))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/b/{bloc_year.bloc.slug}/{bloc_year.year + 1}/"


def test_next_year_is_not_opened_more_than_one_year_ahead(secretary_client, bloc_year):
    """The years form refuses a year beyond next year; "Mở năm tiếp theo" clicked again and
    again must not get round it (a slip of the mouse opened 2028, 2029, …)."""
    from django.utils import timezone

    ahead = timezone.localdate().year + 1
    bloc_year.year = ahead
    bloc_year.save()
    assert url(bloc_year, "next/") not in secretary_client.get(url(bloc_year)).content.decode()
    response = secretary_client.post(url(bloc_year, "next/"), {})
    assert response.status_code == 200
    assert f"nhiều nhất là một năm tới ({ahead})" in text(response)
    assert not BlocYear.objects.filter(bloc=bloc_year.bloc, year=ahead + 1).exists()


@pytest.mark.parametrize("offset, afterwards", [(-2, True), (-1, False)])
def test_next_year_of_a_past_year_is_entered_afterwards_only_if_it_is_over_too(
    secretary_client, bloc_year, offset, afterwards
):
    """From a past year (entered afterwards) "Mở năm tiếp theo" may reach this year, whose acts
    happen now and take today's date, not a date of record."""
    from django.utils import timezone

    BlocYear.objects.filter(pk=bloc_year.pk).update(
        year=timezone.localdate().year + offset, entered_afterwards=True
    )
    bloc_year.refresh_from_db()
    secretary_client.post(url(bloc_year, "next/"), {})

    new = BlocYear.objects.get(bloc=bloc_year.bloc, year=bloc_year.year + 1)
    assert new.entered_afterwards is afterwards
