import pytest

from members.models import BlocYear
from tests.pledges.factories import criteria_table


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Evidence files of these tests go to a temporary folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def criteria(bloc_year):
    """4 scored criteria of 10 points in 2 sections, one bonus (max 3), one deduction (max 3)."""
    return criteria_table(bloc_year)


@pytest.fixture
def scored(criteria):
    return [c for c in criteria if c.kind == "scored"]


@pytest.fixture
def bonus(criteria):
    return next(c for c in criteria if c.kind == "bonus")


@pytest.fixture
def deduction(criteria):
    return next(c for c in criteria if c.kind == "deduction")


@pytest.fixture
def orgs(bloc_year):
    """The five members in order: head, deputy, member's organization, two others."""
    return [m.organization for m in bloc_year.memberships.order_by("position")]


@pytest.fixture
def url(bloc_year):
    def build(suffix="", year=None):
        return f"/b/{bloc_year.bloc.slug}/{year or bloc_year.year}/{suffix}"

    return build


@pytest.fixture
def pledge_phase(bloc_year):
    bloc_year.phase = BlocYear.Phase.PLEDGE
    bloc_year.save(update_fields=["phase"])
    return bloc_year
