"""The province records one decision for many nominations in one form, all or nothing."""

import datetime

from django.utils import timezone

from awards.models import Nomination
from tests.province.factories import nominations

DECISION = {"number": "15/QĐ-UBND", "date": "2024-01-15", "issuer": "Chủ tịch UBND tỉnh"}


def test_the_office_records_one_decision_for_nominations_of_several_blocs(
    client_for, province_office, bloc_year, second_year, province
):
    first = nominations(bloc_year, "MERIT_CERTIFICATE", 2)
    other = nominations(second_year, "PROVINCE_FLAG", 1)[0]
    data = {
        **DECISION,
        f"outcome_{first[0].pk}": "granted",
        f"outcome_{first[1].pk}": "not_granted",
        f"outcome_{other.pk}": "granted",
    }

    response = client_for(province_office).post(f"/p/{province.slug}/2023/nominations/", data)

    assert response.status_code == 302
    statuses = dict(Nomination.objects.values_list("pk", "status"))
    assert statuses == {first[0].pk: "granted", first[1].pk: "not_granted", other.pk: "granted"}
    assert Nomination.objects.get(pk=other.pk).decision_number == "15/QĐ-UBND"


def test_one_refusal_leaves_every_nomination_as_it_was(
    client_for, province_office, bloc_year, second_year, province
):
    good = nominations(bloc_year, "MERIT_CERTIFICATE", 1)[0]
    early = nominations(second_year, "PROVINCE_FLAG", 1)[0]
    Nomination.objects.filter(pk=early.pk).update(submission_date="2024-02-01")
    data = {**DECISION, f"outcome_{good.pk}": "granted", f"outcome_{early.pk}": "granted"}

    response = client_for(province_office).post(f"/p/{province.slug}/2023/nominations/", data)

    assert response.status_code == 200
    assert "01/02/2024" in response.content.decode()  # the submission's date, in the refusal
    assert set(Nomination.objects.values_list("status", flat=True)) == {"submitted"}


def test_a_decision_without_any_choice_is_refused_with_a_message(
    client_for, province_office, bloc_year, province
):
    nominations(bloc_year, "MERIT_CERTIFICATE", 1)

    response = client_for(province_office).post(f"/p/{province.slug}/2023/nominations/", DECISION)

    assert response.status_code == 200
    assert "ít nhất một đề nghị" in response.content.decode()


def test_a_province_observer_may_not_record_decisions(client_for, watcher, bloc_year, province):
    nomination = nominations(bloc_year, "MERIT_CERTIFICATE", 1)[0]

    response = client_for(watcher).post(
        f"/p/{province.slug}/2023/nominations/", {**DECISION, f"outcome_{nomination.pk}": "granted"}
    )

    assert response.status_code == 403
    assert Nomination.objects.get(pk=nomination.pk).status == "submitted"


def test_a_decision_dated_in_the_future_is_refused_and_changes_nothing(
    client_for, province_office, bloc_year, province
):
    # A year typed one too many (2027 for 2026) would record a decision not yet issued, which
    # the year's documents, true only as of their date, then leave out.
    nomination = nominations(bloc_year, "MERIT_CERTIFICATE", 1)[0]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {**DECISION, "date": tomorrow.isoformat(), f"outcome_{nomination.pk}": "granted"}

    response = client_for(province_office).post(f"/p/{province.slug}/2023/nominations/", data)

    assert response.status_code == 200
    assert "Ngày quyết định không thể sau hôm nay" in response.content.decode()
    assert Nomination.objects.get(pk=nomination.pk).status == "submitted"


def test_the_choices_read_as_the_refusal_names_them(
    client_for, province_office, bloc_year, province
):
    # "Granted" alone is also the nomination's status ("Đã được tặng") in the awards catalogue,
    # which won the merge: the refusal asked for “Được tặng”, a choice the page did not show.
    nominations(bloc_year, "MERIT_CERTIFICATE", 1)

    page = client_for(province_office).post(f"/p/{province.slug}/2023/nominations/", DECISION)

    content = page.content.decode()
    assert "Hãy chọn “Được tặng” hoặc “Không được tặng”" in content
    assert '<option value="granted">Được tặng</option>' in content
    assert '<option value="not_granted">Không được tặng</option>' in content
