"""An organization's award history follows its line (issue 9): mergers give it several
predecessors, possibly from another bloc of the province."""

import pytest

from awards.selectors import awards_of_organization
from tests.awards.factories import approved
from tests.factories import BlocFactory, OrganizationFactory, year_with_members
from tests.utils import text

pytestmark = pytest.mark.django_db


def test_a_merged_organization_shows_the_awards_of_both_predecessors(
    client, secretary, bloc, bloc_year
):
    first = bloc_year.memberships.order_by("position")[3].organization
    other_bloc = BlocFactory(province=bloc.province)
    other_year = year_with_members(4, bloc=other_bloc, year=2022)
    second = other_year.memberships.order_by("position")[3].organization
    earned = [approved(bloc_year, first), approved(other_year, second)]
    merged = OrganizationFactory(bloc=bloc, name="Hội sau hợp nhất")
    merged.predecessors.set([first, second])

    assert {n.pk for n in awards_of_organization(merged)} == {n.pk for n in earned}
    client.force_login(secretary)
    page = text(client.get(f"/b/{bloc.slug}/orgs/{merged.pk}/"))
    assert first.name in page and second.name in page
    assert "tiền thân" in page


def test_the_line_goes_back_more_than_one_generation(bloc_year):
    oldest = bloc_year.memberships.order_by("position")[3].organization
    nomination = approved(bloc_year, oldest)
    middle = OrganizationFactory(bloc=bloc_year.bloc)
    middle.predecessors.add(oldest)
    newest = OrganizationFactory(bloc=bloc_year.bloc)
    newest.predecessors.add(middle)
    assert [n.pk for n in awards_of_organization(newest)] == [nomination.pk]


def test_predecessors_are_offered_from_the_province_only(client, secretary, bloc):
    from members.models import Province

    elsewhere = BlocFactory(province=Province.objects.create(name="Điện Biên", slug="dien-bien"))
    foreign = OrganizationFactory(bloc=elsewhere, name="Hội của tỉnh khác")
    neighbour = OrganizationFactory(bloc=BlocFactory(province=bloc.province), name="Hội láng giềng")
    client.force_login(secretary)
    form = client.get(f"/b/{bloc.slug}/orgs/new/").context["form"]
    offered = set(form.fields["predecessors"].queryset)
    assert neighbour in offered and foreign not in offered


def test_a_predecessor_in_a_bloc_the_user_cannot_see_is_named_not_linked(
    client, secretary, province_office, bloc
):
    neighbour = OrganizationFactory(bloc=BlocFactory(province=bloc.province), name="Hội láng giềng")
    merged = OrganizationFactory(bloc=bloc, name="Hội sau hợp nhất")
    merged.predecessors.set([neighbour])
    link = f'href="/b/{neighbour.bloc.slug}/orgs/{neighbour.pk}/"'

    client.force_login(secretary)  # the secretariat of this bloc only: the link would be a 404
    page = client.get(f"/b/{bloc.slug}/orgs/{merged.pk}/").content.decode()
    assert "Hội láng giềng" in page and link not in page

    client.force_login(province_office)  # the province office sees every bloc of the province
    assert link in client.get(f"/b/{bloc.slug}/orgs/{merged.pk}/").content.decode()
