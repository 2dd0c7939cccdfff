"""Reminders and notices by e-mail, through a real SMTP server on 127.0.0.1: deadlines coming to
those who have not done the step, sheets and nominations returned; never twice for one event; a
user may turn them off."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from awards.models import NominationEvent
from members.models import BlocRole
from pledges.models import ScoreSheet
from province import notices
from province.models import NoticePreference, ProvinceYear, SentNotice
from tests.factories import BlocRoleFactory, UserFactory
from tests.province.factories import nominations

TODAY = datetime.date(2023, 11, 25)


def representative(bloc_year, organization, username):
    user = UserFactory(username=username, email=f"{username}@example.vn")
    BlocRoleFactory(
        user=user,
        bloc=bloc_year.bloc,
        kind=BlocRole.Kind.REPRESENTATIVE,
        organization=organization,
    )
    return user


def scoring_due_in(province, days, year=2023):
    return ProvinceYear.objects.create(
        province=province, year=year, scoring_due=TODAY + datetime.timedelta(days=days)
    )


def recipients(inbox):
    return sorted(message["To"] for message in inbox.messages)


def test_a_deadline_coming_reminds_only_the_members_who_have_not_submitted(
    smtp_server, bloc_year, province
):
    orgs = [m.organization for m in bloc_year.memberships.order_by("position")]
    late = representative(bloc_year, orgs[3], "late")
    done = representative(bloc_year, orgs[4], "done")
    ScoreSheet.objects.create(bloc_year=bloc_year, organization=orgs[4], status="submitted")
    scoring_due_in(province, 5)

    sent = notices.send_due(today=TODAY)

    assert sent == 1
    assert recipients(smtp_server) == [late.email]
    message = smtp_server.messages[0]
    assert "Nhắc hạn" in message["Subject"]
    body = message.get_content()
    assert "ngày 30 tháng 11 năm 2023" in body
    assert bloc_year.bloc.name in body
    assert done.email not in recipients(smtp_server)


def test_running_the_job_again_never_sends_the_same_reminder_twice(
    smtp_server, bloc_year, province
):
    representative(bloc_year, bloc_year.memberships.order_by("position")[3].organization, "late")
    scoring_due_in(province, 2)

    for _run in range(3):
        notices.send_due(today=TODAY)

    assert len(smtp_server.messages) == 1
    assert SentNotice.objects.count() == 1


def test_the_database_refuses_a_second_notice_of_one_event(bloc_year, member):
    SentNotice.objects.create(user=member, event="deadline:1:scoring:2023-11-30", kind="deadline")

    with pytest.raises(IntegrityError), transaction.atomic():
        SentNotice.objects.create(
            user=member, event="deadline:1:scoring:2023-11-30", kind="deadline"
        )


def test_the_scheduled_command_sends_what_is_due(smtp_server, bloc_year, province):
    representative(bloc_year, bloc_year.memberships.order_by("position")[3].organization, "late")
    ProvinceYear.objects.create(
        province=province, year=2023, scoring_due=timezone.localdate() + datetime.timedelta(days=1)
    )

    call_command("send_reminders", stdout=io.StringIO())
    call_command("send_reminders", stdout=io.StringIO())

    assert recipients(smtp_server) == ["late@example.vn"]


def test_no_reminder_before_the_window_or_after_the_deadline(smtp_server, bloc_year, province):
    representative(bloc_year, bloc_year.memberships.order_by("position")[3].organization, "late")
    scoring_due_in(province, 8)  # the default window is 7 days

    assert notices.send_due(today=TODAY) == 0
    assert notices.send_due(today=TODAY + datetime.timedelta(days=9)) == 0
    assert notices.send_due(today=TODAY + datetime.timedelta(days=1)) == 1
    assert len(smtp_server.messages) == 1


def test_a_user_who_turned_reminders_off_gets_none(smtp_server, bloc_year, province):
    quiet = representative(
        bloc_year, bloc_year.memberships.order_by("position")[3].organization, "quiet"
    )
    NoticePreference.objects.create(user=quiet, reminders=False)
    scoring_due_in(province, 3)

    assert notices.send_due(today=TODAY) == 0
    assert smtp_server.messages == []


def test_the_preference_page_turns_reminders_off(client_for, member):
    client = client_for(member)

    response = client.post("/account/e-mail/", {"notices": "on"})

    assert response.status_code == 302
    preference = NoticePreference.objects.get(user=member)
    assert preference.reminders is False
    assert preference.notices is True
    assert "Nhắc tôi" in client.get("/account/e-mail/").content.decode()


def test_a_returned_sheet_is_told_to_its_representatives_once(smtp_server, bloc_year):
    org = bloc_year.memberships.order_by("position")[3].organization
    rep = representative(bloc_year, org, "rep")
    ScoreSheet.objects.create(
        bloc_year=bloc_year, organization=org, status="returned", return_reason="Thiếu minh chứng"
    )

    assert notices.send_due() == 1
    assert notices.send_due() == 0

    assert recipients(smtp_server) == [rep.email]
    assert "Thiếu minh chứng" in smtp_server.messages[0].get_content()


def test_a_returned_sheet_the_member_works_on_is_not_told_again_until_returned_again(
    smtp_server, bloc_year
):
    org = bloc_year.memberships.order_by("position")[3].organization
    representative(bloc_year, org, "rep")
    handed_in = timezone.make_aware(datetime.datetime(2023, 11, 20, 9, 0))
    sheet = ScoreSheet.objects.create(
        bloc_year=bloc_year,
        organization=org,
        status="returned",
        return_reason="Thiếu minh chứng",
        submitted_at=handed_in,
    )
    assert notices.send_due() == 1

    # The member corrects a row: each save of the sheet moves its version on.
    ScoreSheet.objects.filter(pk=sheet.pk).update(version=F("version") + 1)
    assert notices.send_due() == 0

    # Handed in again and returned again: a new return, told again.
    ScoreSheet.objects.filter(pk=sheet.pk).update(
        submitted_at=handed_in + datetime.timedelta(days=1), version=F("version") + 1
    )
    assert notices.send_due() == 1
    assert len(smtp_server.messages) == 2


def test_a_returned_nomination_is_told_to_the_secretariat(smtp_server, bloc_year, secretary):
    secretary.email = "thuky@example.vn"
    secretary.save()
    nomination = nominations(bloc_year, "MERIT_CERTIFICATE", 1, status="returned")[0]
    NominationEvent.objects.create(
        nomination=nomination,
        action=NominationEvent.Action.RETURN,
        from_status="voted",
        to_status="returned",
        at=datetime.datetime.now(datetime.UTC),
        reason="Chưa đủ hồ sơ",
    )

    assert notices.send_due() == 1

    assert recipients(smtp_server) == ["thuky@example.vn"]
    assert "Chưa đủ hồ sơ" in smtp_server.messages[0].get_content()


def test_a_failed_send_is_not_recorded_so_the_next_run_tries_again(settings, bloc_year, province):
    representative(bloc_year, bloc_year.memberships.order_by("position")[3].organization, "late")
    scoring_due_in(province, 2)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2

    assert notices.send_due(today=TODAY) == 0

    assert not SentNotice.objects.exists()
