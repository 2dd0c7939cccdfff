"""People of a bloc (issue 9): invitations by e-mail with a one-time link, roles set on these
pages (never in /admin/), deactivation, and every change in the audit trail."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core import mail

from members.models import BlocRole
from tests.utils import text

pytestmark = pytest.mark.django_db


def people_url(bloc, suffix=""):
    return f"/b/{bloc.slug}/people/{suffix}"


def invite(client, bloc, **fields):
    data = {"email": "Le.Van.Hoi@Example.vn", "last_name": "Lê Văn", "first_name": "Hội"}
    data.update(fields)
    return client.post(people_url(bloc, "invite/"), data)


def logs_in(client, username, password) -> bool:
    """Through the login page, as a person would (django-axes needs the request)."""
    client.logout()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302


def link_in(message) -> str:
    return re.search(r"https?://\S+/accounts/password/set/\S+/", message.body).group(0)


def test_the_secretariat_invites_a_representative_who_sets_a_password_and_logs_in(
    client, secretary, bloc, member_org, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, bloc, kind="representative", organization=member_org.pk)

    assert response.status_code == 302
    role = BlocRole.objects.get(bloc=bloc, user__email="le.van.hoi@example.vn")
    assert (role.kind, role.organization) == ("representative", member_org)
    assert not role.user.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["le.van.hoi@example.vn"]
    assert bloc.name in message.subject and "Mời tham gia" in message.subject
    assert "Đại diện đơn vị thành viên" in message.body
    assert message.body.startswith("Xin chào Lê Văn Hội,")  # family name first

    client.logout()
    link = link_in(message)
    form_page = client.get(link, follow=True)
    assert "Chọn mật khẩu" in text(form_page)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Khoi-thi-dua-2024", "new_password2": "Khoi-thi-dua-2024"},
    )
    assert done.status_code == 302
    assert logs_in(client, "le.van.hoi@example.vn", "Khoi-thi-dua-2024")
    assert client.get(f"/b/{bloc.slug}/{2023}/").status_code == 200

    # The link works once.
    client.logout()
    again = client.get(link, follow=True)
    assert "không còn hiệu lực" in text(again)


def test_a_representative_needs_an_organization_and_nothing_is_created(client, secretary, bloc):
    client.force_login(secretary)
    response = invite(client, bloc, kind="representative")
    assert response.status_code == 400
    assert "Chọn đơn vị mà người này đại diện" in text(response)
    assert not get_user_model().objects.filter(email="le.van.hoi@example.vn").exists()
    assert not mail.outbox


def test_only_the_province_office_appoints_the_secretariat(
    client, secretary, province_office, bloc
):
    client.force_login(secretary)
    refused = invite(client, bloc, kind="secretariat")
    assert refused.status_code == 400
    assert not BlocRole.objects.filter(user__email="le.van.hoi@example.vn").exists()

    client.force_login(province_office)
    assert invite(client, bloc, kind="secretariat").status_code == 302
    assert BlocRole.objects.get(user__email="le.van.hoi@example.vn").kind == "secretariat"


def test_the_secretariat_cannot_change_a_secretariat_role(client, secretary, bloc):
    colleague = BlocRole.objects.get(user=secretary, bloc=bloc)
    client.force_login(secretary)
    assert client.get(people_url(bloc, f"{colleague.pk}/")).status_code == 403


def test_a_person_already_in_the_bloc_is_not_invited_twice(client, secretary, member, bloc):
    member.email = "member@example.vn"
    member.save()
    client.force_login(secretary)
    response = invite(client, bloc, email="MEMBER@example.vn", kind="observer")
    assert response.status_code == 400
    assert "đã có vai trò trong Khối" in text(response)


def test_a_deactivated_person_loses_the_bloc_and_can_be_reactivated(
    client, secretary, member, bloc, bloc_year
):
    role = BlocRole.objects.get(user=member, bloc=bloc)
    client.force_login(secretary)
    client.post(people_url(bloc, f"{role.pk}/active/"), {"active": "0"})

    role.refresh_from_db()
    member.refresh_from_db()
    assert not role.is_active and not member.is_active
    assert not logs_in(client, "member", "khoithidua")

    client.force_login(secretary)
    client.post(people_url(bloc, f"{role.pk}/active/"), {"active": "1"})
    member.refresh_from_db()
    assert member.is_active
    client.force_login(member)
    assert client.get(f"/b/{bloc.slug}/{bloc_year.year}/").status_code == 200


def test_invitation_role_change_and_deactivation_are_in_the_audit_trail(
    client, secretary, bloc, member_org
):
    client.force_login(secretary)
    invite(client, bloc, kind="observer")
    role = BlocRole.objects.get(user__email="le.van.hoi@example.vn")
    client.post(
        people_url(bloc, f"{role.pk}/"), {"kind": "representative", "organization": member_org.pk}
    )
    client.post(people_url(bloc, f"{role.pk}/active/"), {"active": "0"})

    entries = LogEntry.objects.get_for_object(role).order_by("timestamp", "pk")
    assert [e.action for e in entries] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.UPDATE,
    ]
    assert all(e.actor == secretary for e in entries)
    assert "kind" in entries[1].changes_dict and "is_active" in entries[2].changes_dict


def test_the_invitation_is_sent_again_on_request(
    client, secretary, bloc, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, bloc, kind="observer")
    role = BlocRole.objects.get(user__email="le.van.hoi@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(people_url(bloc, f"{role.pk}/resend/"))
    assert len(mail.outbox) == 2 and link_in(mail.outbox[1])


def test_a_resent_invitation_makes_the_old_link_stop_working(
    client, secretary, bloc, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, bloc, kind="observer")
    role = BlocRole.objects.get(user__email="le.van.hoi@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(people_url(bloc, f"{role.pk}/resend/"))
    old, new = link_in(mail.outbox[0]), link_in(mail.outbox[1])

    client.logout()
    assert old != new
    assert "không còn hiệu lực" in text(client.get(old, follow=True))
    assert "Chọn mật khẩu" in text(client.get(new, follow=True))


def test_nobody_resends_an_invitation_to_someone_who_has_joined(
    client, secretary, member, bloc, django_capture_on_commit_callbacks
):
    """A resend of a joined person would mail a set-password link for their account: refused,
    their password kept (the page offers no such button; a forged post gets the reason)."""
    member.email = "member@example.vn"
    member.save()
    role = BlocRole.objects.get(user=member, bloc=bloc)
    password = member.password
    client.force_login(secretary)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(people_url(bloc, f"{role.pk}/resend/"), follow=True)

    assert "đã tham gia" in text(response)
    assert not mail.outbox
    member.refresh_from_db()
    assert member.password == password


def test_a_forgotten_password_is_reset_from_the_login_page(client, member):
    member.email = "member@example.vn"
    member.save()
    login_page = client.get("/accounts/login/")
    assert "/accounts/password/reset/" in login_page.content.decode()

    client.post("/accounts/password/reset/", {"email": "member@example.vn"})

    [message] = mail.outbox
    assert "Chọn mật khẩu mới" in message.subject
    assert link_in(message)


def test_everyone_changes_their_own_password(client, member):
    client.force_login(member)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": "khoithidua",
            "new_password1": "Mat-khau-moi-2024",
            "new_password2": "Mat-khau-moi-2024",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("Mat-khau-moi-2024")


def test_an_invited_person_whose_link_expired_asks_for_a_new_one_from_the_login_page(
    client, secretary, bloc, member_org, django_capture_on_commit_callbacks
):
    """The page of a used or expired link offers “Yêu cầu đường liên kết mới”, the forgotten
    password form: someone invited who never chose a password must get a link there too."""
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, bloc, kind="representative", organization=member_org.pk)
    client.logout()
    mail.outbox.clear()

    page = client.get("/accounts/password/reset/")
    assert "Thư điện tử" in text(page) and "Email" not in text(page)
    client.post("/accounts/password/reset/", {"email": "LE.VAN.HOI@example.vn"})

    [message] = mail.outbox
    assert message.to == ["le.van.hoi@example.vn"]
    form_page = client.get(link_in(message), follow=True)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Khoi-thi-dua-2024", "new_password2": "Khoi-thi-dua-2024"},
    )
    assert done.status_code == 302
    assert logs_in(client, "le.van.hoi@example.vn", "Khoi-thi-dua-2024")


def test_a_deactivated_person_gets_no_link_from_the_login_page(client, secretary, member, bloc):
    member.email = "member@example.vn"
    member.is_active = False
    member.set_unusable_password()
    member.save()
    client.post("/accounts/password/reset/", {"email": "member@example.vn"})
    assert not mail.outbox


def test_someone_who_has_joined_is_told_to_log_in_as_before_not_to_choose_a_password(
    client, secretary, member, bloc, django_capture_on_commit_callbacks
):
    """A person already using the app (here in another bloc) who gets a role in this one keeps
    their account: the e-mail must not ask them to choose a password nor carry a link that
    would replace it."""
    from tests.factories import BlocFactory

    member.email = "member@example.vn"
    member.save()
    other = BlocFactory(province=bloc.province)
    from members.models import ProvinceRole

    office = ProvinceRole.objects.create(
        user=get_user_model().objects.create(username="office"),
        province=bloc.province,
        kind=ProvinceRole.Kind.OFFICE,
    ).user
    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/b/{other.slug}/people/invite/",
            {"email": "member@example.vn", "first_name": "Hội", "kind": "observer"},
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert "/accounts/password/set/" not in message.body
    assert "chọn mật khẩu" not in message.body
    assert other.name in message.body and "member" in message.body
    assert "như trước" in message.body
