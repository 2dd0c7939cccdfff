from members.models import BlocRole, ProvinceRole
from tests.factories import UserFactory
from tests.matrix import MANAGERS, PROVINCE, ROLES, Case

PEOPLE = MANAGERS | {"province_office"}
LOGGED_IN_200 = {r: 200 for r in ROLES if r != "anonymous"}
ALL_ROLES = ["outsider", "other_province", "observer", "member", "leader", "secretariat"]


def build(world):
    world.membership = world.bloc_year.memberships.order_by("position").last()
    world.organization = world.membership.organization
    world.member_role = BlocRole.objects.get(user=world.users["member"], bloc=world.bloc)
    world.colleague = ProvinceRole.objects.create(
        user=UserFactory(username="colleague"),
        province=world.bloc.province,
        kind=ProvinceRole.Kind.OBSERVER,
    )


def p(world, suffix=""):
    return f"/p/{world.bloc.province.slug}/{suffix}"


def y(world, suffix=""):
    return f"/b/{world.bloc.slug}/{world.bloc_year.year}/{suffix}"


def b(world, suffix=""):
    return f"/b/{world.bloc.slug}/{suffix}"


CASES = [
    # One bloc: straight to it; the admin sees two blocs and picks one.
    # One bloc: straight to it; a province office to its province; the admin picks.
    Case(
        "home",
        lambda w: "/",
        ok=302,
        expect={"outsider": 302, "other_province": 302, "admin": 200},
    ),
    Case(
        "members:province",
        p,
        allowed=PROVINCE,
        expect={r: 404 for r in ALL_ROLES},
    ),
    Case(
        "members:bloc_new",
        lambda w: p(w, "blocs/new/"),
        allowed=PROVINCE,
        expect={r: 404 for r in ALL_ROLES},
    ),
    Case(
        "members:province_people",
        lambda w: p(w, "people/"),
        allowed=PROVINCE,
        expect={r: 404 for r in ALL_ROLES},
    ),
    Case(
        "members:province_person_resend",
        lambda w: p(w, f"people/{w.colleague.pk}/resend/"),
        method="post",
        allowed=PROVINCE,
        expect={r: 404 for r in ALL_ROLES},
    ),
    Case(
        "members:province_person_active",
        lambda w: p(w, f"people/{w.colleague.pk}/active/"),
        method="post",
        allowed=PROVINCE,
        data=lambda w: {"active": "0"},
        expect={r: 404 for r in ALL_ROLES},
    ),
    Case("members:bloc_edit", lambda w: b(w, "edit/"), allowed=PROVINCE),
    Case("members:bloc_years", lambda w: b(w, "years/")),
    Case("members:year_open", lambda w: b(w, "years/new/"), allowed=MANAGERS),
    Case("members:people", lambda w: b(w, "people/"), allowed=PEOPLE),
    Case("members:person_invite", lambda w: b(w, "people/invite/"), allowed=PEOPLE),
    Case("members:person_edit", lambda w: b(w, f"people/{w.member_role.pk}/"), allowed=PEOPLE),
    Case(
        "members:person_resend",
        lambda w: b(w, f"people/{w.member_role.pk}/resend/"),
        method="post",
        allowed=PEOPLE,
    ),
    Case(
        "members:person_active",
        lambda w: b(w, f"people/{w.member_role.pk}/active/"),
        method="post",
        allowed=PEOPLE,
        data=lambda w: {"active": "0"},
    ),
    # Every logged-in person changes their own password, whatever their blocs.
    Case("password_change", lambda w: "/accounts/password/change/", expect=LOGGED_IN_200),
    Case(
        "password_change_done",
        lambda w: "/accounts/password/change/done/",
        expect=LOGGED_IN_200,
    ),
    Case("password_reset", lambda w: "/accounts/password/reset/", public=True),
    Case("password_reset_done", lambda w: "/accounts/password/reset/sent/", public=True),
    Case(
        "password_reset_confirm",
        lambda w: "/accounts/password/set/MQ/bad-token/",
        public=True,
    ),
    Case("password_reset_complete", lambda w: "/accounts/password/set/done/", public=True),
    Case("healthz", lambda w: "/healthz", public=True),
    Case(
        "login",
        lambda w: "/accounts/login/",
        public=True,
        expect={r: 302 for r in ROLES if r != "anonymous"},
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
    Case("members:year_finishers", lambda w: y(w, "finishers/"), allowed=PROVINCE),
    Case(
        "members:year_phase",
        lambda w: y(w, "phase/"),
        method="post",
        allowed=MANAGERS,
        data=lambda w: {"phase": "review"},
    ),
    Case(
        "members:membership_signer",
        lambda w: y(w, f"members/{w.membership.pk}/signer/"),
        allowed=MANAGERS,
    ),
    Case("members:year_members", lambda w: y(w, "members/"), allowed=MANAGERS),
    Case(
        "members:membership_remove",
        lambda w: y(w, f"members/{w.membership.pk}/remove/"),
        method="post",
        allowed=MANAGERS,
    ),
    Case(
        "members:memberships_copy",
        lambda w: y(w, "members/copy/"),
        method="post",
        allowed=MANAGERS,
    ),
    Case(
        "members:memberships_order",
        lambda w: y(w, "members/order/"),
        method="post",
        allowed=MANAGERS,
        data=lambda w: {f"position_{w.membership.pk}": 1},
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
