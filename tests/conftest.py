"""Standing users, one per role, around one bloc year (STYLE.md: alice, bob, charlie):

- secretary  – the bloc's secretariat
- leader     – represents the head unit of the year
- deputy     – represents the deputy unit of the year
- member     – represents an ordinary member
- observer   – the provincial emulation office
- admin      – superuser
- outsider   – secretariat of another bloc: everything here is 404 to them
- province_office – the emulation office of the bloc's province
- other_province  – the emulation office of another province: 404 everywhere here
"""

import os

import pytest

from members.models import BlocRole, Province, ProvinceRole
from tests.factories import BlocRoleFactory, UserFactory, year_with_members

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def bloc_year(db):
    return year_with_members(5)


@pytest.fixture
def bloc(bloc_year):
    return bloc_year.bloc


@pytest.fixture
def member_org(bloc_year):
    """The organization `member` represents: neither head nor deputy."""
    return bloc_year.memberships.order_by("position")[2].organization


@pytest.fixture
def secretary(bloc):
    return BlocRoleFactory(user=UserFactory(username="secretary"), bloc=bloc).user


@pytest.fixture
def leader(bloc, bloc_year):
    return BlocRoleFactory(
        user=UserFactory(username="leader"),
        bloc=bloc,
        kind=BlocRole.Kind.REPRESENTATIVE,
        organization=bloc_year.head,
    ).user


@pytest.fixture
def deputy(bloc, bloc_year):
    return BlocRoleFactory(
        user=UserFactory(username="deputy"),
        bloc=bloc,
        kind=BlocRole.Kind.REPRESENTATIVE,
        organization=bloc_year.deputy,
    ).user


@pytest.fixture
def member(bloc, member_org):
    return BlocRoleFactory(
        user=UserFactory(username="member"),
        bloc=bloc,
        kind=BlocRole.Kind.REPRESENTATIVE,
        organization=member_org,
    ).user


@pytest.fixture
def observer(bloc):
    return BlocRoleFactory(
        user=UserFactory(username="observer"), bloc=bloc, kind=BlocRole.Kind.OBSERVER
    ).user


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def outsider(db):
    other = year_with_members(2, year=2023)
    return BlocRoleFactory(user=UserFactory(username="outsider"), bloc=other.bloc).user


@pytest.fixture
def province_office(bloc):
    """The emulation office of the bloc's province."""
    user = UserFactory(username="province_office")
    ProvinceRole.objects.create(user=user, province=bloc.province)
    return user


@pytest.fixture
def other_province(db):
    """The emulation office of another province: nothing of this one is theirs."""
    user = UserFactory(username="other_province")
    province = Province.objects.create(name="Lai Châu", slug="lai-chau")
    ProvinceRole.objects.create(user=user, province=province)
    return user


@pytest.fixture
def users(
    secretary, leader, member, observer, admin_user, outsider, province_office, other_province
):
    return {
        "secretariat": secretary,
        "leader": leader,
        "member": member,
        "observer": observer,
        "admin": admin_user,
        "outsider": outsider,
        "province_office": province_office,
        "other_province": other_province,
    }


@pytest.fixture(scope="session")
def authority():
    """A certificate authority made for the test session (tests/pki.py)."""
    from tests.pki import Authority

    return Authority("CA thử nghiệm của tỉnh")


@pytest.fixture(scope="session")
def stranger():
    """An authority nobody trusts."""
    from tests.pki import Authority

    return Authority("CA không được tin cậy")


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory, authority):
    """A real PKCS#11 token (Debian's softhsm2) holding the key and certificate of
    tests.pki.SIGNER: one a session, as SoftHSM reads its configuration once a process."""
    from tests.pki import softhsm_token as make_token

    return make_token(tmp_path_factory.mktemp("softhsm"), authority)


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 (aiosmtpd, on a free port), with Django's SMTP backend
    pointed at it; `smtp_server.messages` holds what it received, parsed."""
    import socket
    from email import message_from_bytes, policy

    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            message = message_from_bytes(envelope.original_content, policy=policy.default)
            self.messages.append(message)
            return "250 OK"

    with (
        socket.socket() as probe
    ):  # a free port (aiosmtpd checks readiness on the port it is given)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


_converted: dict[str, bytes] = {}


@pytest.fixture
def pdf_once(monkeypatch):
    """WeasyPrint's conversion reused for an HTML already converted in this process. The tests
    that walk every URL as every role print the same documents over and over; the conversion is
    a function of its HTML alone, so the views, their queries and their templates all still run,
    and any HTML a request changes is converted afresh."""
    from documents import rendering

    convert = rendering.html_to_pdf

    def html_to_pdf(html: str) -> bytes:
        if html not in _converted:
            _converted[html] = convert(html)
        return _converted[html]

    monkeypatch.setattr(rendering, "html_to_pdf", html_to_pdf)
