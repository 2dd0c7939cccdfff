"""A cụm's pages call it a cụm (members.kinds): every page of the bloc, for each role of the
bloc, says "cụm" wherever the catalogue says "khối"; a khối's pages are as the catalogue says,
and the next request, of any bloc, starts from the plain catalogue."""

import re

import pytest
from django.utils.translation import gettext

from members.kinds import as_cluster
from members.models import Bloc
from tests.factories import BlocFactory, year_with_members
from tests.test_permission_matrix import CASES, world  # noqa: F401 - the matrix's world
from tests.utils import text

KHOI = re.compile(r"\bkhối\b", re.IGNORECASE)


@pytest.fixture
def bloc_year(db):
    bloc = BlocFactory(kind=Bloc.Kind.CUM, name="Cụm thi đua các phường", short_name="Cụm 1")
    return year_with_members(5, bloc=bloc)


def test_the_words_of_a_cluster():
    assert as_cluster("Văn phòng Khối") == "Văn phòng Cụm"
    assert as_cluster("Trưởng khối, Phó Trưởng khối") == "Trưởng cụm, Phó Trưởng cụm"
    assert as_cluster("TM. KHỐI THI ĐUA") == "TM. CỤM THI ĐUA"
    assert as_cluster("Hội Khối u") == "Hội Cụm u"  # a word, wherever it is
    assert as_cluster("khốia") == "khốia"  # never inside another word


def test_no_page_of_a_cum_calls_it_a_khoi(world, client):  # noqa: F811
    # Names are data: the other blocs of the province (offered as an organization's lineage)
    # are named here without the word, so what is found is the interface's own words.
    Bloc.objects.exclude(pk=world.bloc.pk).update(short_name="Bên cạnh")
    found = {}
    for name, case in sorted(CASES.items()):
        address = case.url(world)
        if case.method != "get" or not address.startswith(f"/b/{world.bloc.slug}/"):
            continue
        if name == "audit:year":  # names as recorded when the world was built, outside a page
            continue
        for role in ("secretariat", "member"):
            client.force_login(world.users[role])
            response = client.get(address)
            if response.get("Content-Type", "").startswith("text/html"):
                words = KHOI.findall(text(response))
                if words:
                    found[f"{name} as {role}"] = words
    assert found == {}


def test_the_year_page_of_a_cum_names_its_leaders_as_a_cum_does(world, client):  # noqa: F811
    client.force_login(world.users["secretariat"])
    page = text(client.get(f"/b/{world.bloc.slug}/{world.bloc_year.year}/"))
    assert "Trưởng cụm" in page and "Phó Trưởng cụm" in page


def test_a_khoi_keeps_its_words_and_a_cum_request_leaves_nothing_behind(world, client):  # noqa: F811
    khoi = year_with_members(2, year=2020)
    client.force_login(world.users["admin"])
    client.get(f"/b/{world.bloc.slug}/{world.bloc_year.year}/")  # a cụm's page

    page = text(client.get(f"/b/{khoi.bloc.slug}/{khoi.year}/"))

    assert "Trưởng khối" in page and "cụm" not in page.lower()
    assert gettext("Head (Trưởng khối)") == "Trưởng khối"  # after the request, the plain one
