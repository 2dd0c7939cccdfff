"""Beside tests/conftest.py's standing users (province_office, other_province among them):

- watcher       – a read-only observer of the shared bloc's province (Yên Bái)
- second_year   – a second bloc of the province, with its 2023 year
"""

import pytest

from members.models import ProvinceRole
from tests.factories import BlocFactory, UserFactory, year_with_members


@pytest.fixture
def province(bloc):
    return bloc.province


@pytest.fixture
def watcher(province):
    user = UserFactory(username="watcher")
    ProvinceRole.objects.create(user=user, province=province, kind=ProvinceRole.Kind.OBSERVER)
    return user


@pytest.fixture
def second_year(province):
    return year_with_members(3, bloc=BlocFactory(province=province, name="Khối Thi đua số B"))
