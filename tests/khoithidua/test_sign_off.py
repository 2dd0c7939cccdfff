"""A leader signs the report off for the bloc, once the meeting's results exist."""

from django.utils.translation import gettext

from khoithidua.models import YearLogEntry, YearReport
from members.selectors import signer_of
from tests.khoithidua.factories import meeting_held, written_report


def test_signing_off_before_the_meetings_results_is_refused_and_changes_nothing(
    client_for, leader, url, bloc_year
):
    written_report(bloc_year)

    response = client_for(leader).post(url("report/sign-off/"), follow=True)

    said = [str(m) for m in response.context["messages"]]
    assert gettext("The year-end meeting's results are not recorded yet.") in said
    assert not YearReport.objects.get().is_signed_off
    assert not YearLogEntry.objects.exists()


def test_the_report_page_lists_every_part_still_to_write(client_for, leader, url, bloc_year):
    report = written_report(bloc_year)
    report.sections.filter(title="Bài học kinh nghiệm").update(text="")
    report.number = ""
    report.save()

    page = client_for(leader).get(url("report/")).content.decode()

    assert 'id="sign-off-problems"' in page
    assert "Bài học kinh nghiệm" in page
    assert page.count("<li>") >= 3  # the meeting, the number, the unwritten part


def test_the_head_units_leader_signs_for_the_bloc(client_for, leader, url, bloc_year):
    written_report(bloc_year)
    meeting_held(bloc_year)

    response = client_for(leader).post(url("report/sign-off/"))

    assert response.status_code == 302
    report = YearReport.objects.get()
    assert report.is_signed_off and report.signed_off_by == leader
    assert report.signer_prefix == "TM. KHỐI THI ĐUA"
    assert report.signer_position == "TRƯỞNG KHỐI"
    assert report.signer_name == signer_of(bloc_year, bloc_year.head).signer_name
    assert YearLogEntry.objects.get().action == YearLogEntry.Action.SIGNED_OFF


def test_the_deputys_leader_signs_for_the_head(client_for, deputy, bloc_year, url):
    written_report(bloc_year)
    meeting_held(bloc_year)

    client_for(deputy).post(url("report/sign-off/"))

    report = YearReport.objects.get()
    assert (report.signer_prefix, report.signer_position) == (
        "TM. KHỐI THI ĐUA\nKT. TRƯỞNG KHỐI",
        "PHÓ TRƯỞNG KHỐI",
    )
    assert report.signer_name == signer_of(bloc_year, bloc_year.deputy).signer_name


def test_a_member_or_the_secretariat_cannot_sign_off(client_for, member, secretary, url, bloc_year):
    written_report(bloc_year)
    meeting_held(bloc_year)

    assert client_for(member).post(url("report/sign-off/")).status_code == 403
    assert client_for(secretary).post(url("report/sign-off/")).status_code == 403
    assert not YearReport.objects.get().is_signed_off


def test_changing_a_signed_report_withdraws_the_sign_off(
    client_for, leader, secretary, url, bloc_year
):
    from tests.khoithidua.test_report_edit import form_data

    written_report(bloc_year)
    meeting_held(bloc_year)
    client_for(leader).post(url("report/sign-off/"))
    report = YearReport.objects.get()

    client_for(secretary).post(url("report/edit/"), form_data(report, number="06/BC-KTĐ"))

    report.refresh_from_db()
    assert not report.is_signed_off
    assert YearLogEntry.objects.filter(action=YearLogEntry.Action.SIGN_OFF_WITHDRAWN).exists()


def test_saving_a_signed_report_unchanged_keeps_the_sign_off(
    client_for, leader, secretary, url, bloc_year
):
    from tests.khoithidua.test_report_edit import form_data

    written_report(bloc_year)
    meeting_held(bloc_year)
    client_for(leader).post(url("report/sign-off/"))
    report = YearReport.objects.get()

    client_for(secretary).post(url("report/edit/"), form_data(report))

    report.refresh_from_db()
    assert report.is_signed_off


def test_signing_off_reserves_the_reports_number_and_refuses_a_taken_one(bloc_year):
    import datetime

    import pytest
    from django.core.exceptions import ValidationError

    from documents.models import RegisterEntry
    from documents.register import reserve
    from khoithidua import services

    reserve(
        issuer=bloc_year.head,
        document_key="elsewhere/1",
        issued_on=datetime.date(bloc_year.year, 3, 1),
        type_code="KH",
        suffix="KTĐ",
        title="Kế hoạch",
        typed_number="05/KH-KTĐ",
    )
    report = written_report(bloc_year, number="05/BC-KTĐ")
    meeting_held(bloc_year)

    with pytest.raises(ValidationError):
        services.report_sign_off(report=report, user=None, organization=bloc_year.head)
    assert not YearReport.objects.get().is_signed_off

    report.number = "06/BC-KTĐ"
    report.save()
    services.report_sign_off(report=report, user=None, organization=bloc_year.head)
    assert RegisterEntry.objects.get(document_key__endswith="/report").number == "06/BC-KTĐ"


def test_a_report_without_a_typed_number_takes_the_next_of_the_register_at_sign_off(
    client_for, leader, url, bloc_year
):
    written_report(bloc_year, number="")
    meeting_held(bloc_year)

    response = client_for(leader).post(url("report/sign-off/"))

    assert response.status_code == 302
    report = YearReport.objects.get()
    assert report.is_signed_off and report.number.endswith("/BC-KTĐ")


def test_a_typed_number_is_kept_as_the_head_unit_spells_it(client_for, leader, url, bloc_year):
    written_report(bloc_year, number="07/BC-CTĐ")
    meeting_held(bloc_year)

    client_for(leader).post(url("report/sign-off/"))

    assert YearReport.objects.get().number == "07/BC-CTĐ"
    page = client_for(leader).get(url("register/")).content.decode()
    assert "07/BC-CTĐ" in page


def test_the_report_is_not_said_ready_while_no_leader_has_a_signer_name(
    client_for, leader, url, bloc_year
):
    """A new bloc's members have no signer until the secretariat enters them: the page said
    'ready to be signed off', the leader's click was refused, and the leader cannot open the
    members' page where the name is entered."""
    written_report(bloc_year)
    meeting_held(bloc_year)
    bloc_year.memberships.filter(organization__in=[bloc_year.head, bloc_year.deputy]).update(
        signer_name=""
    )

    page = client_for(leader).get(url("report/")).content.decode()

    assert 'id="sign-off-problems"' in page
    assert bloc_year.head.name in page.split('id="sign-off-problems"')[1].split("</ul>")[0]
    assert gettext("The report is ready to be signed off by a leader of the bloc.") not in page


def test_the_deputys_signer_alone_lets_the_report_be_signed(client_for, leader, url, bloc_year):
    written_report(bloc_year)
    meeting_held(bloc_year)
    bloc_year.memberships.filter(organization=bloc_year.head).update(signer_name="")

    page = client_for(leader).get(url("report/")).content.decode()

    assert 'id="sign-off-problems"' not in page
