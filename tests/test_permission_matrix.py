"""Every URL of the project answers every role as the matrix says (see tests/matrix.py), and
reading is reading: no GET of any role writes to the database (a crawler, a prefetching browser
or a link preview must not create rows)."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from tests.matrix import ROLES, writes_recorded

APPS = ["members", "pledges", "awards", "province", "signing", "khoithidua", "audit"]
# Django's own admin is guarded by its staff check; it is tested in test_admin.py.
SKIPPED_NAMESPACES = {"admin"}


def _modules():
    for app in APPS:
        try:
            yield import_module(f"tests.{app}.matrix")
        except ModuleNotFoundError:
            continue


CASES = {case.key: case for module in _modules() for case in module.CASES}
NAMES = {case.name for case in CASES.values()}


def _pattern_names(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            yield from _pattern_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_pattern_has_a_row_in_the_matrix():
    missing = sorted(set(_pattern_names()) - NAMES)
    assert not missing, f"URL patterns without a permission-matrix case: {missing}"


def test_the_matrix_names_no_url_that_does_not_exist():
    assert not sorted(NAMES - set(_pattern_names()))


@pytest.fixture
def world(bloc_year, users):
    world = SimpleNamespace(bloc_year=bloc_year, bloc=bloc_year.bloc, users=users)
    for module in _modules():
        if hasattr(module, "build"):
            module.build(world)
    return world


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_role_gets_the_expected_status(name, world, client, pdf_once):
    case = CASES[name]
    answers, writes = {}, {}
    for role in ROLES:
        # Each role's request is rolled back, so a write by one role never changes another's.
        with transaction.atomic():
            client.logout()
            if role != "anonymous":
                client.force_login(world.users[role])
            data = case.data(world) if case.data else {}
            with writes_recorded() as written:
                response = getattr(client, case.method)(case.url(world), data)
            answers[role] = response.status_code
            if case.method == "get" and written:
                writes[role] = written
            transaction.set_rollback(True)
    expected = {role: case.expected(role) for role in ROLES}
    assert answers == expected
    assert not writes
