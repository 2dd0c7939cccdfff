"""Fragments the pages keep once written (the year's navigation, the awards tabs) are kept per
year and per language: a second bloc, year or language never reads another's."""

from django.conf import settings

from tests.factories import year_with_members


def nav(client, bloc_year, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/").content.decode()
    return page.split('id="nav"', 1)[1].split("</ul>", 1)[0]


def test_the_years_navigation_is_written_in_the_readers_language_for_its_own_year(
    client_for, secretary, bloc_year
):
    client = client_for(secretary)
    next_year = year_with_members(2, bloc=bloc_year.bloc, year=bloc_year.year + 1)

    vietnamese = nav(client, bloc_year, "vi")
    english = nav(client, bloc_year, "en")
    again = nav(client, bloc_year, "vi")
    other_year = nav(client, next_year, "vi")

    assert "Tiêu chí" in vietnamese and "Criteria" not in vietnamese
    assert "Criteria" in english and "Tiêu chí" not in english
    assert again == vietnamese
    assert f"/{next_year.year}/criteria/" in other_year
    assert f"/{bloc_year.year}/criteria/" not in other_year
