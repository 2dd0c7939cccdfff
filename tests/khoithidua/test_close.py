"""Closing the year: only when everything is done; then read-only, its documents stored.
Reopening: the administrator only, with a reason, logged."""

import hashlib

import pytest
from django.utils.translation import gettext

from documents import registry
from documents.models import StoredDocument
from khoithidua import services
from khoithidua.models import YearLogEntry
from members.models import BlocYear
from pledges.models import Pledge
from tests.khoithidua.factories import closed_year, ready_to_close, written_report
from tests.pledges.factories import pledge_with_targets


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_closing_a_year_not_ready_lists_everything_missing_and_changes_nothing(
    client_for, leader, url, bloc_year
):
    written_report(bloc_year)

    response = client_for(leader).post(url("close/"), follow=True)

    said = messages_of(response)
    assert gettext("The year-end report is not signed off.") in said
    assert gettext("Next year's head and deputy are not elected and applied.") in said
    assert any("0" in m and "5" in m for m in said)  # 0 of 5 score sheets are final
    bloc_year.refresh_from_db()
    assert not bloc_year.is_closed and bloc_year.closed_at is None
    assert not StoredDocument.objects.exists()


def test_the_close_page_shows_what_is_missing_before_the_leader_tries(
    client_for, leader, url, bloc_year
):
    page = client_for(leader).get(url("close/")).content.decode()

    assert 'id="closing-problems"' in page
    assert "disabled" in page


def test_the_close_page_warns_of_a_pledge_missing_or_not_signed_without_stopping_the_close(
    client_for, leader, url, bloc_year
):
    ready_to_close(bloc_year, leader)
    Pledge.objects.filter(bloc_year=bloc_year).delete()
    page = client_for(leader).get(url("close/")).content.decode()
    assert "Năm này chưa có giao ước" in page and "disabled" not in page

    pledge_with_targets(bloc_year, signed=False)
    page = client_for(leader).get(url("close/")).content.decode()
    assert "Giao ước chưa được ghi nhận là đã ký" in page

    Pledge.objects.filter(bloc_year=bloc_year).delete()
    pledge_with_targets(bloc_year, signed=True)
    assert 'id="closing-warnings"' not in client_for(leader).get(url("close/")).content.decode()


def test_a_leader_closes_a_ready_year_and_its_documents_are_stored(
    client_for, leader, url, bloc_year
):
    ready_to_close(bloc_year, leader)

    response = client_for(leader).post(url("close/"))

    assert response.status_code == 302
    bloc_year.refresh_from_db()
    assert bloc_year.phase == BlocYear.Phase.CLOSED and bloc_year.closed_at is not None
    report = StoredDocument.objects.get(key=registry.document_key("report", bloc_year))
    assert report.sha256 == hashlib.sha256(bytes(report.content)).hexdigest()
    assert report.data["context"]["bloc_year"]["pk"] == bloc_year.pk
    assert YearLogEntry.objects.filter(action=YearLogEntry.Action.CLOSED, user=leader).exists()


def test_reprinting_a_closed_year_returns_the_stored_report(client_for, observer, url, bloc_year):
    closed_year(bloc_year)
    stored = StoredDocument.objects.get(key=registry.document_key("report", bloc_year))
    # Even if the data changes behind the year's back, the filed document does not.
    bloc_year.memberships.update(signer_name="Người khác")

    first = client_for(observer).get(url("report/pdf/"))
    second = client_for(observer).get(url("report/pdf/"))

    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert first.content == second.content == bytes(stored.content)


@pytest.mark.parametrize(
    "method,suffix",
    [
        ("get", "report/edit/"),
        ("post", "report/edit/"),
        ("post", "report/sign-off/"),
        ("get", "close/"),
        ("post", "close/"),
        ("get", "settings/"),
        ("post", "members/"),
    ],
)
def test_every_write_to_a_closed_year_answers_403(
    client_for, secretary, leader, url, bloc_year, method, suffix
):
    closed_year(bloc_year)

    for user in (secretary, leader):
        response = getattr(client_for(user), method)(url(suffix), {})
        assert response.status_code == 403, (user, suffix)


def test_a_closed_year_still_reads_and_prints(client_for, member, url, bloc_year):
    closed_year(bloc_year)
    client = client_for(member)

    assert client.get(url("report/")).status_code == 200
    assert client.get(url("report/preview/")).status_code == 200
    assert client.get(url()).status_code == 200


def test_only_the_administrator_reopens_a_closed_year_with_a_reason_and_it_is_logged(
    client_for, admin_user, leader, url, bloc_year
):
    closed_year(bloc_year, leader)

    assert client_for(leader).post(url("reopen/"), {"reason": "Sửa điểm"}).status_code == 403
    response = client_for(admin_user).post(url("reopen/"), {"reason": "Sửa sai điểm Hội X"})

    assert response.status_code == 302
    bloc_year.refresh_from_db()
    assert not bloc_year.is_closed and bloc_year.closed_at is None
    entry = YearLogEntry.objects.get(action=YearLogEntry.Action.REOPENED)
    assert (entry.user, entry.reason) == (admin_user, "Sửa sai điểm Hội X")
    # The documents filed at closing stay as history; reprints now render fresh.
    assert StoredDocument.objects.filter(superseded_at__isnull=False).exists()
    assert not StoredDocument.objects.filter(superseded_at__isnull=True).exists()
    assert not bloc_year.year_report.is_signed_off


def test_reopening_without_a_reason_is_refused_at_the_field(client_for, admin_user, url, bloc_year):
    closed_year(bloc_year)

    response = client_for(admin_user).post(url("reopen/"), {"reason": "   "})

    assert response.status_code == 400
    assert "is-invalid" in response.content.decode()
    bloc_year.refresh_from_db()
    assert bloc_year.is_closed


def test_the_services_refuse_what_the_pages_refuse(bloc_year, leader, admin_user):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.year_close(bloc_year=bloc_year, user=leader)
    with pytest.raises(ValidationError):
        services.year_reopen(bloc_year=bloc_year, user=admin_user, reason="x")  # not closed
    closed_year(bloc_year)
    with pytest.raises(ValidationError):
        services.year_reopen(bloc_year=bloc_year, user=leader, reason="x")  # not the province
    bloc_year.refresh_from_db()
    report = services.report_get_or_create(bloc_year=bloc_year)
    with pytest.raises(ValidationError):
        services.report_save(
            report=report, user=leader, number="1", issued_on=None, recipients="", sections=[]
        )
    assert report.number == "05/BC-KTĐ"


def test_the_close_page_says_the_province_office_reopens_not_an_administrator(
    client_for, leader, url, bloc_year
):
    """Nobody needs /admin/ to reopen a year: the page must not send the bloc to one."""
    page = client_for(leader).get(url("close/")).content.decode()

    assert "Ban Thi đua – Khen thưởng tỉnh" in page
    assert "quản trị" not in page
