"""Reading is reading: no GET request of any role on any URL writes to the database (a crawler,
a prefetching browser or a link preview must not create rows). Every SQL statement run while
answering a GET of the permission matrix is watched; the session table aside, none may write."""

import re

from django.db import connection, transaction

from tests.matrix import ROLES
from tests.test_permission_matrix import CASES, world  # noqa: F401 - the matrix's world

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)


def test_no_get_request_writes(world, client):  # noqa: F811
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
                    client.get(case.url(world))
                transaction.set_rollback(True)
    assert not writes
