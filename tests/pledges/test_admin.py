"""In the Django admin, a closed year's scores are read-only and the history is never edited."""

from members.models import BlocYear
from pledges.models import ScoreChange
from tests.pledges.factories import sheet_with_points


def test_a_closed_years_sheet_cannot_be_changed_in_the_admin_by_staff(
    client, bloc_year, orgs, criteria
):
    from django.contrib.auth.models import Permission

    from tests.factories import BlocRoleFactory, UserFactory

    sheet = sheet_with_points(bloc_year, orgs[0], {c: "1" for c in criteria})
    staff = UserFactory(username="staff", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="pledges"))
    BlocRoleFactory(user=staff, bloc=bloc_year.bloc)  # the admin shows staff their own blocs only
    client.force_login(staff)
    url = f"/admin/pledges/scoresheet/{sheet.pk}/change/"
    assert 'name="scores-0-self_points"' in client.get(url).content.decode()
    BlocYear.objects.filter(pk=bloc_year.pk).update(phase=BlocYear.Phase.CLOSED)
    assert 'name="scores-0-self_points"' not in client.get(url).content.decode()
    assert client.post(url, {"status": "draft"}).status_code == 403


def test_staff_never_move_a_sheets_status_in_the_admin(client, bloc_year, orgs, criteria):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    sheet = sheet_with_points(bloc_year, orgs[0], {c: "1" for c in criteria})
    staff = UserFactory(username="staff", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="pledges"))
    client.force_login(staff)
    page = client.get(f"/admin/pledges/scoresheet/{sheet.pk}/change/").content.decode()
    assert 'name="status"' not in page and 'name="version"' not in page


def test_a_superuser_may_still_correct_a_closed_year_in_the_admin(
    client, admin_user, bloc_year, orgs, criteria
):
    sheet = sheet_with_points(bloc_year, orgs[0], {c: "1" for c in criteria})
    BlocYear.objects.filter(pk=bloc_year.pk).update(phase=BlocYear.Phase.CLOSED)
    client.force_login(admin_user)
    page = client.get(f"/admin/pledges/scoresheet/{sheet.pk}/change/").content.decode()
    assert 'name="status"' in page


def test_the_score_history_is_read_only_in_the_admin(client, admin_user, bloc_year, orgs, criteria):
    sheet = sheet_with_points(bloc_year, orgs[0], {c: "1" for c in criteria})
    change = ScoreChange.objects.create(score=sheet.scores.first(), field="self", new_value=1)
    client.force_login(admin_user)
    assert client.get("/admin/pledges/scorechange/add/").status_code == 403
    assert client.post(f"/admin/pledges/scorechange/{change.pk}/delete/").status_code == 403
