from tests.matrix import MANAGERS, Case


def build(world):
    world.membership = world.bloc_year.memberships.order_by("position").last()
    world.organization = world.membership.organization


def y(world, suffix=""):
    return f"/b/{world.bloc.slug}/{world.bloc_year.year}/{suffix}"


def b(world, suffix=""):
    return f"/b/{world.bloc.slug}/{suffix}"


CASES = [
    # One bloc: straight to it; the admin sees two blocs and picks one.
    Case("home", lambda w: "/", ok=302, expect={"outsider": 302, "admin": 200}),
    Case("healthz", lambda w: "/healthz", public=True),
    Case(
        "login",
        lambda w: "/accounts/login/",
        public=True,
        expect={
            r: 302 for r in ["outsider", "observer", "member", "leader", "secretariat", "admin"]
        },
    ),
    Case("logout", lambda w: "/accounts/logout/", method="post", public=True),
    Case(
        "set_language",
        lambda w: "/i18n/setlang/",
        method="post",
        public=True,
        data=lambda w: {"language": "en", "next": "/"},
    ),
    Case("members:bloc", b, ok=302),  # to the current year
    Case("members:organizations", lambda w: b(w, "orgs/")),
    Case("members:organization_new", lambda w: b(w, "orgs/new/"), allowed=MANAGERS),
    Case("members:organization_import", lambda w: b(w, "orgs/import/"), allowed=MANAGERS),
    Case("members:organization_import_template", lambda w: b(w, "orgs/import/template.xlsx")),
    Case("members:organization", lambda w: b(w, f"orgs/{w.organization.pk}/")),
    Case(
        "members:organization_edit",
        lambda w: b(w, f"orgs/{w.organization.pk}/edit/"),
        allowed=MANAGERS,
    ),
    Case("members:year", y),
    Case("members:year_edit", lambda w: y(w, "settings/"), allowed=MANAGERS),
    Case("members:year_members", lambda w: y(w, "members/"), allowed=MANAGERS),
    Case(
        "members:membership_remove",
        lambda w: y(w, f"members/{w.membership.pk}/remove/"),
        method="post",
        allowed=MANAGERS,
    ),
    Case(
        "members:membership_move",
        lambda w: y(w, f"members/{w.membership.pk}/move/"),
        method="post",
        allowed=MANAGERS,
        data=lambda w: {"direction": "up"},
    ),
    Case(
        "members:membership_flag",
        lambda w: y(w, f"members/{w.membership.pk}/flag/"),
        allowed=MANAGERS,
    ),
    Case("members:year_leadership", lambda w: y(w, "leadership/"), allowed=MANAGERS),
    Case("members:year_open_next", lambda w: y(w, "next/"), allowed=MANAGERS),
]
