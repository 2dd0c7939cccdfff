"""Forged POSTs: an object of another bloc or year addressed in a URL answers 404 and changes
nothing."""

import pytest

from awards.models import Candidate, Nomination
from tests.awards.factories import hold_meeting, members, nominate, voted
from tests.factories import BlocYearFactory, MembershipFactory, year_with_members


@pytest.fixture
def other_year(bloc_year, ranking):
    """Another year of the same bloc, with a voted nomination and a candidate."""
    other = BlocYearFactory(bloc=bloc_year.bloc, year=2022)
    for org in members(bloc_year):
        MembershipFactory(bloc_year=other, organization=org)
    ranking(other, members(other))
    nomination = voted(other, members(other)[2])
    from awards import services

    candidate = services.candidate_add(bloc_year=other, post="head", organization=members(other)[1])
    return other, nomination, candidate


@pytest.fixture
def other_bloc(ranking):
    year = year_with_members(3)
    ranking(year, members(year))
    hold_meeting(year)
    return year, nominate(year, members(year)[0])


def test_a_nomination_of_another_year_answers_404_in_this_year(
    client, leader, secretary, bloc_year, other_year
):
    _other, nomination, _candidate = other_year
    here = f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/nominations/{nomination.pk}/"
    client.force_login(leader)
    assert client.post(here + "approve/").status_code == 404
    client.force_login(secretary)
    assert client.post(here + "withdraw/", {"reason": "x"}).status_code == 404
    assert client.post(here + "tally/", {"votes_for": 1}).status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.VOTED


def test_a_candidate_of_another_year_answers_404(client, secretary, bloc_year, other_year):
    _other, _nomination, candidate = other_year
    client.force_login(secretary)
    base = f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/election/candidates/{candidate.pk}/"
    assert client.post(base + "remove/").status_code == 404
    assert client.post(base + "tally/", {"votes_for": 1}).status_code == 404
    assert Candidate.objects.filter(pk=candidate.pk).exists()


def test_a_nomination_of_another_bloc_answers_404(client, secretary, bloc_year, other_bloc):
    _year, nomination = other_bloc
    client.force_login(secretary)
    here = f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/nominations/{nomination.pk}/"
    assert client.post(here + "withdraw/", {"reason": "x"}).status_code == 404
    assert client.get(here).status_code == 404


def test_submitting_a_nomination_of_another_year_is_refused(
    client, secretary, bloc_year, other_year
):
    _other, nomination, _candidate = other_year
    client.force_login(secretary)
    response = client.post(
        f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/decisions/submit/",
        {"nominations": [nomination.pk], "number": "1/TTr", "date": "2024-01-05"},
    )
    assert response.status_code == 400
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.VOTED


def test_a_user_of_another_bloc_gets_404_everywhere(client, outsider, bloc_year):
    client.force_login(outsider)
    base = f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/"
    assert client.get(base).status_code == 404
    assert client.post(base + "from-ranking/").status_code == 404


def test_an_unknown_document_kind_answers_404(client, member, bloc_year):
    client.force_login(member)
    base = f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/documents/"
    assert client.get(base + "report/").status_code == 404
    assert client.get(base + "report.pdf").status_code == 404
