"""A year opened by mistake goes from the app, never from /admin/ (trial 9: 'Mở năm tiếp theo'
clicked twice opened 2028; a past year typed wrong stays in the list for ever otherwise)."""

import pytest

from members.models import BlocYear
from members.services import bloc_year_open
from tests.utils import text

pytestmark = pytest.mark.django_db


def test_the_secretariat_deletes_a_year_opened_by_mistake(client_for, secretary, bloc_year):
    mistake = bloc_year_open(bloc=bloc_year.bloc, year=2015, source=bloc_year)
    client = client_for(secretary)
    year_page = client.get(f"/b/{bloc_year.bloc.slug}/2015/").content.decode()
    assert f"/b/{bloc_year.bloc.slug}/2015/delete/" in year_page

    response = client.post(f"/b/{bloc_year.bloc.slug}/2015/delete/")

    assert response.status_code == 302
    assert response.headers["Location"] == f"/b/{bloc_year.bloc.slug}/years/"
    assert not BlocYear.objects.filter(pk=mistake.pk).exists()
    assert bloc_year.memberships.exists()  # the year it copied is untouched


def test_a_year_with_anything_of_its_own_is_not_deleted(client_for, secretary, bloc_year):
    from awards.models import Nomination

    year = bloc_year_open(bloc=bloc_year.bloc, year=2015, source=bloc_year)
    Nomination.objects.create(
        bloc_year=year,
        organization=year.memberships.first().organization,
        award_type=Nomination._meta.get_field("award_type").related_model.objects.first(),
    )
    client = client_for(secretary)

    page = client.get(f"/b/{bloc_year.bloc.slug}/2015/delete/")
    assert "không thể xóa" in text(page) and "đề nghị khen thưởng" in text(page)
    client.post(f"/b/{bloc_year.bloc.slug}/2015/delete/")
    assert BlocYear.objects.filter(pk=year.pk).exists()


def test_a_year_past_setting_up_is_not_deleted(client_for, secretary, bloc_year):
    assert bloc_year.phase != BlocYear.Phase.SETUP
    client_for(secretary).post(f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/delete/")
    assert BlocYear.objects.filter(pk=bloc_year.pk).exists()


def test_a_year_whose_leaders_an_applied_election_set_is_not_deleted(
    client_for, secretary, bloc_year
):
    """Applying the election opens next year with the elected head and deputy: deleting that
    year (still being set up) lost the elected deputy, whom 'Mở năm tiếp theo' does not propose."""
    from awards.models import Election
    from members.services import bloc_year_open_next

    next_year = bloc_year_open_next(bloc_year=bloc_year)
    Election.objects.create(bloc_year=bloc_year, applied_at="2023-12-20T10:00:00+07:00")
    client = client_for(secretary)

    page = client.get(f"/b/{bloc_year.bloc.slug}/{next_year.year}/delete/")
    client.post(f"/b/{bloc_year.bloc.slug}/{next_year.year}/delete/")

    assert "không thể xóa" in text(page)
    assert BlocYear.objects.filter(pk=next_year.pk).exists()
