"""The permission matrix: every URL pattern × every role → the status it must answer.

Each app lists its URLs in tests/<app>/matrix.py as CASES, and may add the objects its URLs need
to the shared world in build(world). test_permission_matrix.py fails when a URL pattern of the
project has no case, so a new view cannot ship without its row.

By default a case expects: anonymous → 302 to the login page; outsider (a user of another bloc)
and other_province (the emulation office of another province) → 404; a role of the bloc not in
`allowed` → 403; a role in `allowed` → `ok` (200 for GET, 302 for a POST that redirects).
The province office reads what the observer reads, and writes only where a case allows it.
`expect` overrides any of these per role."""

import re
from collections.abc import Callable
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import dataclass, field

from django.db import connection, transaction

ROLES = [
    "anonymous",
    "outsider",
    "other_province",
    "observer",
    "member",
    "leader",
    "secretariat",
    "province_office",
    "admin",
]
IN_BLOC = ["observer", "member", "leader", "secretariat", "admin"]
PROVINCE = frozenset({"province_office", "admin"})
EVERYONE = frozenset(IN_BLOC)
MANAGERS = frozenset({"secretariat", "admin"})
LEADERS = frozenset({"leader", "admin"})


@dataclass
class Case:
    name: str  # "namespace:url_name"
    url: Callable  # world -> path
    method: str = "get"
    allowed: frozenset = EVERYONE
    data: Callable | None = None  # world -> POST data
    ok: int | None = None
    expect: dict = field(default_factory=dict)
    public: bool = False  # answers without login (login page, health check)
    variant: str = ""  # a second row for the same URL (another object, another rule)

    @property
    def key(self) -> str:
        return f"{self.name} ({self.variant})" if self.variant else self.name

    def expected(self, role: str) -> int:
        if role in self.expect:
            return self.expect[role]
        ok = self.ok or (200 if self.method == "get" else 302)
        if self.public:
            return ok
        if role == "anonymous":
            return 302
        if role in ("outsider", "other_province"):
            return 404
        if role == "province_office" and role not in self.allowed:
            return self.expected("observer")  # it reads what an observer reads, no more
        return ok if role in self.allowed else 403


WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)


@contextmanager
def writes_recorded():
    """The writing statements run inside the block (the session table aside: a login is not a
    write of the page), as a set of their first words: {"UPDATE \"pledges_score\" SET ..."}."""
    writes = set()

    def watch(execute, sql, params, many, context):
        if WRITE.match(sql) and "django_session" not in sql:
            writes.add(sql.split("(")[0][:80])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        yield writes


def each_role(client, world):
    """(role, ask) for each role, the client logged in as that role once. ask(method, url, data)
    answers one request and rolls back all it wrote, so no request changes what the next one
    finds; the session cookie is put back before each, so a request that logs out (or in) does
    not carry over."""
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        cookies = deepcopy(client.cookies)

        def ask(method, url, data=None, cookies=cookies):
            client.cookies = deepcopy(cookies)
            with transaction.atomic():
                response = getattr(client, method)(url, data or {})
                transaction.set_rollback(True)
            return response

        yield role, ask
