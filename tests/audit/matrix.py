from tests.matrix import Case

CASES = [
    Case(
        "audit:year",
        lambda w: f"/b/{w.bloc.slug}/{w.bloc_year.year}/audit/",
        allowed=frozenset({"observer", "leader", "secretariat", "admin"}),
    ),
]
