"""The bands and the tie rule are frozen once the first sheet is final; changing them afterwards
is the province office's act, with its reason, in the audit trail."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from members.models import Province, ProvinceRole
from pledges import services
from pledges.models import ScoreSheet, ScoringSettings
from tests.factories import UserFactory

BANDS = "90 | Xuất sắc\n70 | Tốt\n0 | Khác"


def finalize_one(bloc_year):
    organization = bloc_year.memberships.first().organization
    ScoreSheet.objects.create(
        bloc_year=bloc_year,
        organization=organization,
        status=ScoreSheet.Status.FINAL,
        finalized_at=timezone.now(),
    )


def settings_url(bloc_year):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/scoring/settings/"


def form_data(**values):
    return {
        "review_mode": "head",
        "aggregate": "mean",
        "tie_rule": "scored_then_deductions",
        "bands": BANDS,
        "member_edit_phase": "scoring",
        "cross_scoring_phase": "review",
        "flagged_drops_grade": "on",
        **values,
    }


def test_before_any_final_sheet_the_secretariat_changes_the_bands(bloc_year):
    services.scoring_settings_save(bloc_year=bloc_year, classification_bands=[[90, "Xuất sắc"]])

    assert ScoringSettings.objects.get().classification_bands == [[90, "Xuất sắc"]]


def test_a_band_is_a_share_of_the_scale_not_a_number_of_points(bloc_year):
    with pytest.raises(ValidationError):
        services.scoring_settings_save(
            bloc_year=bloc_year, classification_bands=[[950, "Xuất sắc"]]
        )


def test_once_a_sheet_is_final_the_secretariat_cannot_change_bands_or_tie_rule(bloc_year):
    services.scoring_settings_save(bloc_year=bloc_year, review_mode="head")
    finalize_one(bloc_year)

    with pytest.raises(ValidationError):
        services.scoring_settings_save(bloc_year=bloc_year, classification_bands=[[90, "X"]])
    with pytest.raises(ValidationError):
        services.scoring_settings_save(bloc_year=bloc_year, tie_rule="shared")
    assert ScoringSettings.objects.get().tie_rule == "scored_then_deductions"


def test_the_province_office_changes_them_with_a_reason_kept_in_the_audit_trail(client, bloc_year):
    services.scoring_settings_save(bloc_year=bloc_year, review_mode="head")
    finalize_one(bloc_year)
    province = bloc_year.bloc.province or Province.objects.create(name="Yên Bái", slug="yen-bai")
    office = UserFactory(username="office")
    ProvinceRole.objects.create(user=office, province=province)
    client.force_login(office)

    refused = client.post(settings_url(bloc_year), form_data())
    accepted = client.post(
        settings_url(bloc_year), form_data(amendment_reason="Quyết định 12/QĐ-UBND sửa quy chế")
    )

    assert refused.status_code == 400
    assert accepted.status_code == 302
    saved = ScoringSettings.objects.get()
    assert saved.classification_bands[0] == [90, "Xuất sắc"]
    entry = LogEntry.objects.get_for_object(saved).order_by("-timestamp").first()
    assert "Quyết định 12/QĐ-UBND" in str(entry.changes)
