"""Every query parameter the views read, given hostile values, on every URL of the permission
matrix and for every role: never a server error (the test client raises any exception a view
lets through, so a 500 cannot hide). Each request is rolled back, as in the matrix; each role
logs in once.

Each request sets every parameter at once, each to a different value; the roles take turns
through the rounds, so on every URL every parameter gets every value and every role gets
hostile input (about 2 000 requests, not 10 000)."""

from urllib.parse import urlencode

from tests.matrix import ROLES, each_role
from tests.test_permission_matrix import CASES, world  # noqa: F401 - the matrix's world

# Every name read from request.GET in the project (grep "request.GET", documents/query.py).
PARAMETERS = [
    *("organization", "kind", "page", "q", "sort", "section", "scorer", "all", "embed"),
    *("year", "show"),  # the province's pages
]
HOSTILE = [
    "²",
    "٣",
    "a\x00b",
    "x" * 5000,
    "-1",
    "0",
    "1e999",
    "99999999999999999999",
    "../../etc/passwd",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "\u202e\u200b",
    "",
    " ",
    "%",
    "1.5",
    "NaN",
]


PER_ROLE = -(-len(HOSTILE) // len(ROLES))  # rounds per role, so the roles cover them all


def queries(role_index: int) -> list[str]:
    """This role's share of the rounds; round r gives parameter i the value r + i."""
    rounds = range(role_index * PER_ROLE, (role_index + 1) * PER_ROLE)
    return [
        urlencode({p: HOSTILE[(r + i) % len(HOSTILE)] for i, p in enumerate(PARAMETERS)})
        for r in rounds
    ]


def test_no_query_parameter_makes_any_page_fail_for_any_role(world, client, pdf_once):  # noqa: F811
    # One world for every URL: building it is most of the cost of one case.
    answers = {name: set() for name in CASES}
    for role, ask in each_role(client, world):
        for query in queries(ROLES.index(role)):
            for name, case in CASES.items():
                data = case.data(world) if case.data else {}
                answers[name].add(ask(case.method, f"{case.url(world)}?{query}", data).status_code)
    assert {name: found for name, found in answers.items() if max(found) >= 500} == {}
