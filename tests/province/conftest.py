"""The province's standing users, beside tests/conftest.py's bloc users:

- office        – the province emulation office of the shared bloc's province (Yên Bái)
- watcher       – a read-only observer of that province
- far_office    – the office of another province: everything here is 404 to them
- second_year   – a second bloc of the province, with its 2023 year
"""

import pytest

from members.models import ProvinceRole
from tests.factories import BlocFactory, ProvinceFactory, UserFactory, year_with_members


@pytest.fixture
def province(bloc):
    return bloc.province


@pytest.fixture
def office(province):
    user = UserFactory(username="office", email="office@example.vn")
    ProvinceRole.objects.create(user=user, province=province, kind=ProvinceRole.Kind.OFFICE)
    return user


@pytest.fixture
def watcher(province):
    user = UserFactory(username="watcher")
    ProvinceRole.objects.create(user=user, province=province, kind=ProvinceRole.Kind.OBSERVER)
    return user


@pytest.fixture
def far_office(db):
    user = UserFactory(username="far_office")
    ProvinceRole.objects.create(
        user=user, province=ProvinceFactory(name="Lai Châu", slug="lai-chau")
    )
    return user


@pytest.fixture
def second_year(province):
    return year_with_members(3, bloc=BlocFactory(province=province, name="Khối Thi đua số B"))
