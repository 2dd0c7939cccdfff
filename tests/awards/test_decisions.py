"""After the meeting: the submission to the province and the province's decisions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from awards import services
from awards.models import Nomination
from tests.awards.factories import approved, members, reported, submitted, voted
from tests.utils import text


def url(bloc_year, suffix=""):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/{suffix}"


@pytest.fixture
def orgs(bloc_year, ranking):
    ranking(bloc_year, members(bloc_year))
    return members(bloc_year)


def test_the_secretariat_marks_approved_nominations_submitted(client, secretary, bloc_year, orgs):
    first, second = reported(approved(bloc_year, orgs[2])), reported(approved(bloc_year, orgs[3]))
    client.force_login(secretary)
    response = client.post(
        url(bloc_year, "decisions/submit/"),
        {"nominations": [first.pk, second.pk], "number": "12/TTr-KTĐ", "date": "2023-12-26"},
    )
    assert response.status_code == 302
    for nomination in (first, second):
        nomination.refresh_from_db()
        assert nomination.status == Nomination.Status.SUBMITTED
        assert nomination.submission_number == "12/TTr-KTĐ"
        assert nomination.submission_date == datetime.date(2023, 12, 26)


def test_a_nomination_not_approved_cannot_be_submitted(client, secretary, bloc_year, orgs):
    good, waiting = approved(bloc_year, orgs[2]), voted(bloc_year, orgs[3])
    client.force_login(secretary)
    response = client.post(
        url(bloc_year, "decisions/submit/"),
        {"nominations": [good.pk, waiting.pk], "number": "12/TTr-KTĐ", "date": "2023-12-26"},
    )
    assert response.status_code == 400
    assert "Chỉ trình được đề nghị đã được lãnh đạo Khối phê duyệt." in text(response)
    good.refresh_from_db()
    assert good.status == Nomination.Status.APPROVED  # nothing changed, not even the good one


def test_a_submission_dated_before_the_meeting_is_refused(bloc_year, orgs):
    nomination = approved(bloc_year, orgs[2])
    with pytest.raises(ValidationError) as error:
        services.nominations_submit(
            bloc_year=bloc_year,
            nominations=[nomination],
            number="1/TTr",
            date=datetime.date(2023, 12, 1),
            user=None,
        )
    assert "date" in error.value.message_dict


def test_the_province_decision_is_recorded_once(client, secretary, bloc_year, orgs):
    nomination = submitted(bloc_year, orgs[2])
    client.force_login(secretary)
    data = {
        "number": "3456/QĐ-UBND",
        "date": "2024-01-30",
        "issuer": "Chủ tịch UBND tỉnh",
        "granted": "yes",
    }
    first = client.post(url(bloc_year, f"nominations/{nomination.pk}/decision/"), data)
    assert first.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.status, nomination.granted) == (Nomination.Status.GRANTED, True)

    again = client.post(
        url(bloc_year, f"nominations/{nomination.pk}/decision/"),
        {**data, "number": "9999/QĐ-UBND", "granted": "no"},
    )
    assert again.status_code == 400
    assert "đã được ghi nhận (3456/QĐ-UBND)" in text(again)
    nomination.refresh_from_db()
    assert (nomination.decision_number, nomination.granted) == ("3456/QĐ-UBND", True)


def test_a_decision_not_granted_is_kept_as_such(bloc_year, orgs):
    nomination = submitted(bloc_year, orgs[2])
    services.nomination_record_decision(
        nomination=nomination,
        number="1/QĐ",
        date=datetime.date(2024, 2, 1),
        issuer="UBND tỉnh",
        granted=False,
        user=None,
    )
    nomination.refresh_from_db()
    assert (nomination.status, nomination.granted) == (Nomination.Status.NOT_GRANTED, False)


def test_a_decision_before_submission_is_refused(bloc_year, orgs):
    nomination = approved(bloc_year, orgs[2])
    with pytest.raises(ValidationError, match="đề nghị đã trình"):
        services.nomination_record_decision(
            nomination=nomination,
            number="1/QĐ",
            date=datetime.date(2024, 2, 1),
            issuer="UBND tỉnh",
            granted=True,
            user=None,
        )


def test_the_organization_history_and_the_bloc_table_show_the_award(
    client, member, bloc_year, orgs
):
    from awards.selectors import awards_of_organization

    nomination = submitted(bloc_year, orgs[2])
    services.nomination_record_decision(
        nomination=nomination,
        number="77/QĐ-UBND",
        date=datetime.date(2024, 1, 5),
        issuer="UBND tỉnh",
        granted=True,
        user=None,
    )
    assert list(awards_of_organization(orgs[2])) == [nomination]
    client.force_login(member)
    page = text(client.get(f"/b/{bloc_year.bloc.slug}/awards/"))
    assert "2023" in page and orgs[2].name in page and "Đã được tặng" in page


def test_the_organization_snippet_lists_its_awards_across_years(bloc_year, orgs):
    from django.template.loader import render_to_string

    from awards.selectors import awards_of_organization

    nomination = submitted(bloc_year, orgs[2])
    services.nomination_record_decision(
        nomination=nomination,
        number="88/QĐ-UBND",
        date=datetime.date(2024, 1, 5),
        issuer="UBND tỉnh",
        granted=True,
        user=None,
    )
    html = render_to_string(
        "awards/_organization_awards.html",
        {"organization": orgs[2], "awards": awards_of_organization(orgs[2])},
    )
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in html
    assert "88/QĐ-UBND" in html and "2023" in html
    empty = render_to_string(
        "awards/_organization_awards.html",
        {"organization": orgs[0], "awards": awards_of_organization(orgs[0])},
    )
    assert "chưa có khen thưởng nào" in empty


def test_a_submission_numbered_like_another_document_of_the_register_is_refused(bloc_year):
    import datetime

    import pytest
    from django.core.exceptions import ValidationError

    from awards import services as award_services
    from awards.models import Nomination
    from documents.register import reserve
    from tests.awards.factories import approved, members

    nomination = approved(bloc_year, members(bloc_year)[2])
    reserve(
        issuer=bloc_year.head,
        document_key="elsewhere/2",
        issued_on=datetime.date(bloc_year.year, 12, 1),
        type_code="BC",
        suffix="KTĐ",
        title="Báo cáo",
        typed_number="07/BC-KTĐ",
    )

    with pytest.raises(ValidationError) as refused:
        award_services.nominations_submit(
            bloc_year=bloc_year,
            nominations=[nomination],
            number="07/TTr-KTĐ",
            date=datetime.date(bloc_year.year, 12, 26),
            user=None,
        )

    assert "number" in refused.value.message_dict
    assert Nomination.objects.get(pk=nomination.pk).status == Nomination.Status.APPROVED
