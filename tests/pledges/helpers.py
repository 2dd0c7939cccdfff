"""Small helpers shared by the pledges tests."""

from pledges.models import ScoreSheet


def sheet_of(bloc_year, organization) -> ScoreSheet:
    sheet, _created = ScoreSheet.objects.get_or_create(
        bloc_year=bloc_year, organization=organization
    )
    return sheet


def post_row(client, url, sheet, criterion, points, *, note="", version=None, htmx=False, **files):
    sheet.refresh_from_db()
    data = {"points": points, "note": note, "version": version or sheet.version, **files}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(url(f"sheets/{sheet.pk}/rows/{criterion.pk}/"), data, headers=headers)


def fill(client, url, sheet, criteria, points="5"):
    """Give every criterion points through the page, as a member would."""
    for criterion in criteria:
        value = "-1" if criterion.kind == "deduction" else points
        if criterion.kind == "bonus":
            value = "1"
        response = post_row(client, url, sheet, criterion, value)
        assert response.status_code == 302, response.content.decode()[:500]


def submit(client, url, sheet):
    sheet.refresh_from_db()
    return client.post(url(f"sheets/{sheet.pk}/submit/"), {"version": sheet.version})
