"""Every refusal says why, and nothing is taken from the form that the server knows better:
a note too long gets its message in the htmx row, evidence must be what its extension says, and
a member's cross-scores are its own whatever is posted."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pledges.models import CrossScore, Evidence, Score, ScoreSheet, ScoringSettings
from tests.pledges.factories import sheet_with_points
from tests.pledges.helpers import post_row, sheet_of


@pytest.fixture
def sheet(bloc_year, member_org, criteria):
    return sheet_of(bloc_year, member_org)


def test_a_note_too_long_is_refused_in_the_row_with_a_message(
    client_for, member, url, sheet, scored
):
    response = post_row(client_for(member), url, sheet, scored[0], "5", note="x" * 4400, htmx=True)
    row = response.content.decode()
    assert "tối đa 4000 kí tự (hiện có 4400)" in row  # Django's own message, in Vietnamese
    assert not Score.objects.filter(sheet=sheet).exists()
    # The limit is in the page too, so the browser stops the typing before the server refuses.
    page = client_for(member).get(url(f"sheets/{sheet.pk}/")).content.decode()
    assert 'maxlength="4000"' in page


def test_evidence_content_must_match_its_extension(client_for, member, url, sheet, scored):
    page = SimpleUploadedFile("bao-cao.pdf", b"<html><script>alert(1)</script></html>")
    response = post_row(client_for(member), url, sheet, scored[0], "5", evidence=page)
    assert response.status_code == 400
    assert "không phải là tệp .pdf" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_real_image_is_accepted(client_for, member, url, sheet, scored):
    png = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    assert post_row(client_for(member), url, sheet, scored[0], "5", evidence=png).status_code == 302
    assert Evidence.objects.get().content_type == "image/png"


def test_a_member_cross_scores_as_itself_whatever_the_address_or_the_form_says(
    client_for, leader, url, bloc_year, member_org, criteria, scored, orgs
):
    ScoringSettings.objects.create(
        bloc_year=bloc_year, review_mode="cross", cross_scoring_phase=bloc_year.phase
    )
    points = {c: "10" if c.kind == "scored" else "0" for c in criteria}
    target = sheet_with_points(bloc_year, member_org, points, status=ScoreSheet.Status.SUBMITTED)
    data = {f"points_{scored[0].pk}": "7,5", "scorer": orgs[1].pk}
    address = url(f"sheets/{target.pk}/cross/?scorer={orgs[1].pk}")
    assert client_for(leader).post(address, data).status_code == 302
    cross = CrossScore.objects.get()
    assert (cross.scorer, cross.points) == (orgs[0], Decimal("7.5"))  # the leader's own
