"""Achievement reports (báo cáo thành tích): the nominee writes parts I-II, part III fills itself
from the award history as of the report's date, the head unit confirms, the dossier holds one
per nominee."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from awards import printing, services
from awards.models import AchievementReport, Nomination
from members.models import BlocYear, vn_slugify
from tests.awards.factories import approved, award, members
from tests.factories import BlocRoleFactory, UserFactory
from tests.pdf import PdfInfo, words_outside_text_box


def url(bloc_year, nomination, suffix=""):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/nominations/{nomination.pk}/{suffix}"


def write(nomination, **values):
    fields = {
        "issued_on": datetime.date(nomination.bloc_year.year, 12, 22),
        "overview": "Hội có 12 cán bộ chuyên trách.\nHội có 9 chi hội cơ sở.",
        "achievements": "Hoàn thành xuất sắc các chỉ tiêu giao ước.",
        **values,
    }
    return services.achievement_report_save(nomination=nomination, **fields)


def test_the_nominees_representative_writes_its_report(client_for, member, member_org, bloc_year):
    nomination = approved(bloc_year, member_org)

    response = client_for(member).post(
        url(bloc_year, nomination, "achievement/"),
        {
            "issued_on": f"{bloc_year.year}-12-22",
            "overview": "Hội có 12 cán bộ chuyên trách.",
            "achievements": "Hoàn thành xuất sắc các chỉ tiêu giao ước.",
        },
    )

    assert response.status_code == 302
    report = AchievementReport.objects.get(nomination=nomination)
    assert report.overview == "Hội có 12 cán bộ chuyên trách." and report.confirmed_at is None


def test_another_member_cannot_write_it_and_nothing_changes(client_for, member, bloc_year):
    other = members(bloc_year)[3]
    nomination = approved(bloc_year, other)

    response = client_for(member).post(
        url(bloc_year, nomination, "achievement/"),
        {"issued_on": "2023-12-22", "overview": "x", "achievements": "y"},
    )

    assert response.status_code == 403
    assert not AchievementReport.objects.exists()


def test_the_head_unit_confirms_and_the_report_no_longer_changes(
    client_for, leader, member_org, bloc_year
):
    nomination = approved(bloc_year, member_org)
    write(nomination)

    response = client_for(leader).post(url(bloc_year, nomination, "achievement/confirm/"))

    assert response.status_code == 302
    report = AchievementReport.objects.get()
    assert report.confirmed_at is not None and report.confirmed_by == leader
    page = client_for(leader).get(url(bloc_year, nomination, "achievement/"))
    assert 'id="confirmed"' in page.content.decode()
    with pytest.raises(ValidationError):
        write(nomination, overview="Đổi")
    assert AchievementReport.objects.get().overview.startswith("Hội có 12")


def test_the_head_units_own_report_is_confirmed_by_the_deputy_unit(
    client_for, leader, deputy, bloc_year
):
    """Nobody confirms its own achievements: the head unit's report goes to the deputy unit,
    which signs the confirmation "KT. TRƯỞNG KHỐI / PHÓ TRƯỞNG KHỐI"."""
    nomination = approved(bloc_year, bloc_year.head)
    write(nomination)

    refused = client_for(leader).post(url(bloc_year, nomination, "achievement/confirm/"))
    assert refused.status_code == 403 and AchievementReport.objects.get().confirmed_at is None

    client_for(deputy).post(url(bloc_year, nomination, "achievement/confirm/"))
    assert AchievementReport.objects.get().confirmed_by == deputy
    nomination = Nomination.objects.select_related("achievement_report").get(pk=nomination.pk)
    text = PdfInfo(printing.render_achievement(nomination).content).text
    assert "KT. TRƯỞNG KHỐI PHÓ TRƯỞNG KHỐI" in text


def test_an_incomplete_report_cannot_be_confirmed(client_for, leader, member_org, bloc_year):
    nomination = approved(bloc_year, member_org)

    response = client_for(leader).post(url(bloc_year, nomination, "achievement/confirm/"))

    assert response.status_code == 302
    assert not AchievementReport.objects.filter(confirmed_at__isnull=False).exists()


def granted(bloc_year, organization, code, number, decided_on):
    return Nomination.objects.create(
        bloc_year=bloc_year,
        organization=organization,
        award_type=award(code),
        status=Nomination.Status.GRANTED,
        granted=True,
        submission_number="01/TTr-KTĐ",
        submission_date=datetime.date(bloc_year.year, 12, 26),
        decision_number=number,
        decision_date=decided_on,
        decision_issuer="Chủ tịch UBND tỉnh",
    )


def test_part_three_lists_only_the_awards_granted_by_the_reports_date(bloc_year, member_org):
    earlier = BlocYear.objects.create(
        bloc=bloc_year.bloc,
        year=bloc_year.year - 1,
        province_name=bloc_year.province_name,
        place_name=bloc_year.place_name,
    )
    year = bloc_year.year
    granted(earlier, member_org, "MERIT_CERTIFICATE", "7/QĐ-UBND", datetime.date(year, 2, 3))
    granted(earlier, member_org, "PROVINCE_FLAG", "9/QĐ-UBND", datetime.date(year, 12, 30))
    nomination = approved(bloc_year, member_org)
    write(nomination, issued_on=datetime.date(year, 12, 22))
    nomination = Nomination.objects.select_related("achievement_report").get(pk=nomination.pk)

    text = PdfInfo(printing.render_achievement(nomination).content).text

    assert "BÁO CÁO THÀNH TÍCH" in text and "III. CÁC HÌNH THỨC KHEN THƯỞNG" in text
    assert "7/QĐ-UBND" in text  # granted on 03/02, before the report of 22/12
    assert "9/QĐ-UBND" not in text  # granted on 30/12: after the report's date


def test_the_achievement_report_is_inside_the_text_box_and_has_a_word_copy(
    client_for, observer, member_org, bloc_year
):
    nomination = approved(bloc_year, member_org)
    write(nomination)

    pdf = client_for(observer).get(url(bloc_year, nomination, "achievement.pdf"))
    word = client_for(observer).get(url(bloc_year, nomination, "achievement.docx"))
    other = client_for(observer).get(url(bloc_year, nomination, "achievement.exe"))

    assert pdf.status_code == 200 and words_outside_text_box(pdf.content) == []
    assert word.status_code == 200 and word["Content-Type"].endswith("wordprocessingml.document")
    assert other.status_code == 404


def test_the_submission_lists_one_achievement_report_per_nominee(bloc_year):
    orgs = members(bloc_year)
    for org in orgs[2:4]:
        approved(bloc_year, org)

    titles = [item["title"] for item in printing.dossier_attachments(bloc_year)]

    assert sum(t.startswith("Báo cáo thành tích của") for t in titles) == 2
    assert titles[0].startswith("Biên bản") and titles[1].startswith("Báo cáo tổng kết")


def test_a_user_of_another_bloc_gets_404(client, member_org, bloc_year):
    nomination = approved(bloc_year, member_org)
    stranger = UserFactory(username="stranger")
    BlocRoleFactory(user=stranger)
    client.force_login(stranger)

    assert client.get(url(bloc_year, nomination, "achievement/")).status_code == 404


def test_the_achievement_reports_file_is_named_in_words_a_secretary_reads(bloc_year, member_org):
    """The dossier's files go to the province as they are: "bao-cao-thanh-tich-12-gov-flag.pdf"
    named the nominee by its database key and the award by its English code."""
    member_org.name = "Ủy ban nhân dân huyện Sơn Tây"
    member_org.abbreviation = member_org.short_name = ""
    member_org.save()
    nomination = approved(bloc_year, member_org)

    name = printing.achievement_filename(nomination)

    assert name.startswith("bao-cao-thanh-tich-uy-ban-nhan-dan-huyen-son-tay-")
    assert vn_slugify(nomination.award_type.name) in name and name.endswith(".pdf")
    assert nomination.award_type.code.lower().replace("_", "-") not in name


def test_a_report_cannot_be_dated_after_the_submission_that_sends_it(bloc_year, member_org):
    """The submission of 22/12 lists the report among its attachments: a report dated 28/12
    would be a document the submission could not have known."""
    nomination = approved(bloc_year, member_org)
    submitted_on = datetime.date(bloc_year.year, 12, 22)
    report = write(nomination, issued_on=datetime.date(bloc_year.year, 12, 20))
    services.achievement_report_confirm(report=report, user=None)
    services.nominations_submit(
        bloc_year=bloc_year,
        nominations=[nomination],
        number=f"04/TTr-{bloc_year.bloc.words.symbol}",
        date=submitted_on,
        user=None,
    )
    nomination.refresh_from_db()
    AchievementReport.objects.update(confirmed_at=None)  # the head unit withdrew it to redo it

    with pytest.raises(ValidationError):
        write(nomination, issued_on=datetime.date(bloc_year.year, 12, 28))
    write(nomination, issued_on=submitted_on)  # the same day is fine

    assert nomination.achievement_report.issued_on == submitted_on


def test_a_submission_cannot_be_dated_before_a_report_it_sends(bloc_year, member_org):
    nomination = approved(bloc_year, member_org)
    write(nomination, issued_on=datetime.date(bloc_year.year, 12, 28))

    with pytest.raises(ValidationError) as refused:
        services.nominations_submit(
            bloc_year=bloc_year,
            nominations=[nomination],
            number=f"04/TTr-{bloc_year.bloc.words.symbol}",
            date=datetime.date(bloc_year.year, 12, 22),
            user=None,
        )

    assert "28/12" in str(refused.value)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.APPROVED


def test_in_a_year_entered_afterwards_the_confirmation_takes_its_date_of_record(
    client_for, leader, member_org, bloc_year
):
    """Every act of a year entered afterwards asks for the day it took place; the head unit's
    confirmation said "confirmed on" the day of data entry, years later."""
    BlocYear.objects.filter(pk=bloc_year.pk).update(entered_afterwards=True)
    bloc_year.refresh_from_db()
    nomination = approved(bloc_year, member_org)
    write(nomination)
    confirm = url(bloc_year, nomination, "achievement/confirm/")

    client_for(leader).post(confirm)  # no date of record: refused, nothing confirmed
    assert AchievementReport.objects.get().confirmed_at is None

    client_for(leader).post(confirm, {"on": f"{bloc_year.year}-12-23"})

    confirmed = AchievementReport.objects.get().confirmed_at
    assert confirmed is not None and confirmed.date() == datetime.date(bloc_year.year, 12, 23)
    page = client_for(leader).get(url(bloc_year, nomination, "achievement/")).content.decode()
    assert f"23/12/{bloc_year.year}" in page


def test_a_nomination_goes_to_the_province_only_with_its_confirmed_achievement_report(
    bloc_year, member_org
):
    """The submission lists one achievement report per nominee and the dossier packs it: a
    nominee without a report confirmed by the head unit sent a blank form ("……")."""
    nomination = approved(bloc_year, member_org)

    def submit():
        services.nominations_submit(
            bloc_year=bloc_year,
            nominations=[nomination],
            number=f"04/TTr-{bloc_year.bloc.words.symbol}",
            date=datetime.date(bloc_year.year, 12, 26),
            user=None,
        )

    with pytest.raises(ValidationError, match=member_org.name):
        submit()  # no report
    report = write(nomination)
    with pytest.raises(ValidationError, match=member_org.name):
        submit()  # written, not confirmed
    services.achievement_report_confirm(report=report, user=None)
    submit()

    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED


def test_in_a_bloc_without_a_deputy_the_head_unit_confirms_its_own_report(
    client_for, leader, bloc_year
):
    BlocYear.objects.filter(pk=bloc_year.pk).update(deputy=None)
    bloc_year.refresh_from_db()
    nomination = approved(bloc_year, bloc_year.head)
    write(nomination)

    client_for(leader).post(url(bloc_year, nomination, "achievement/confirm/"))

    assert AchievementReport.objects.get().confirmed_by == leader  # else it could never go
