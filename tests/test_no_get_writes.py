"""Reading is reading, in a year nobody set up: a year made by an older version or a data import
(a row of BlocYear and its members, no rules, no settings, no report, no sheets). Its pages show
the defaults; no GET of any role creates them. (Every GET of a set-up year is watched in the
permission matrix itself.)"""

from tests.factories import year_with_members
from tests.matrix import each_role, writes_recorded
from tests.test_permission_matrix import CASES, world  # noqa: F401 - the matrix's world


def test_no_get_request_writes_to_a_year_nobody_set_up(world, client, pdf_once):  # noqa: F811
    bare = year_with_members(5, bloc=world.bloc, year=world.bloc_year.year + 1)
    here, there = f"/{world.bloc_year.year}/", f"/{bare.year}/"
    writes = {}
    for role, ask in each_role(client, world):
        for name, case in sorted(CASES.items()):
            if case.method == "get":
                with writes_recorded() as written:
                    ask("get", case.url(world).replace(here, there, 1))
                if written:
                    writes[f"{name} as {role}"] = written
    assert writes == {}
