"""Reading is reading: no GET request of any role on any URL writes to the database (a crawler,
a prefetching browser or a link preview must not create rows). Every SQL statement run while
answering a GET of the permission matrix is watched; the session table aside, none may write."""

import re

from django.db import connection, transaction

from tests.factories import year_with_members
from tests.matrix import ROLES
from tests.test_permission_matrix import CASES, world  # noqa: F401 - the matrix's world

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)


def test_no_get_request_writes(world, client):  # noqa: F811
    assert not _writes_of_every_get(world, client, lambda url: url)


def test_no_get_request_writes_to_a_year_nobody_set_up(world, client):  # noqa: F811
    """A year made by an older version or a data import: a row of BlocYear and its members, no
    rules, no settings, no report, no sheets. Its pages show the defaults; none creates them."""
    bare = year_with_members(5, bloc=world.bloc, year=world.bloc_year.year + 1)
    here, there = f"/{world.bloc_year.year}/", f"/{bare.year}/"
    writes = _writes_of_every_get(world, client, lambda url: url.replace(here, there, 1))
    assert sorted(writes) == []


def _writes_of_every_get(world, client, address) -> dict:  # noqa: F811
    """The writes of every GET of the matrix, every role: {"case as role": {statement, ...}}."""
    writes = {}

    def watch(execute, sql, params, many, context):
        if WRITE.match(sql) and "django_session" not in sql:
            writes.setdefault(current, set()).add(sql.split("(")[0][:80])
        return execute(sql, params, many, context)

    for name, case in sorted(CASES.items()):
        if case.method != "get":
            continue
        for role in ROLES:
            with transaction.atomic():
                client.logout()
                if role != "anonymous":
                    client.force_login(world.users[role])
                current = f"{name} as {role}"
                with connection.execute_wrapper(watch):
                    client.get(address(case.url(world)))
                transaction.set_rollback(True)
    return writes
