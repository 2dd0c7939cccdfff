"""Small helpers shared by the pledges tests."""

from pledges.models import Score, ScoreSheet


def sheet_of(bloc_year, organization) -> ScoreSheet:
    sheet, _created = ScoreSheet.objects.get_or_create(
        bloc_year=bloc_year, organization=organization
    )
    return sheet


def row_version(sheet, criterion) -> int:
    score = Score.objects.filter(sheet=sheet, criterion=criterion).first()
    return score.version if score else 0


def row_data(sheet, criterion, points, note="", version=None) -> dict:
    """The fields of one row of the whole-sheet form, with the row's current version."""
    prefix = f"c{criterion.pk}-"
    version = row_version(sheet, criterion) if version is None else version
    return {prefix + "points": points, prefix + "note": note, prefix + "version": version}


def post_row(client, url, sheet, criterion, points, *, note="", version=None, htmx=False, **files):
    """Save one row; with an `evidence` file, then attach it (its own upload, as on the page)."""
    sheet.refresh_from_db()
    headers = {"HX-Request": "true"} if htmx else {}
    data = row_data(sheet, criterion, points, note, version)
    response = client.post(url(f"sheets/{sheet.pk}/rows/{criterion.pk}/"), data, headers=headers)
    if "evidence" in files and response.status_code == 302:
        response = client.post(url(f"sheets/{sheet.pk}/rows/{criterion.pk}/evidence/"), files)
    return response


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
