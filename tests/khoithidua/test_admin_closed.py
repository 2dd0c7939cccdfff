"""A closed year is read-only in the admin too, except for superusers."""

from django.contrib.auth.models import Permission

from khoithidua.models import YearReport
from tests.factories import BlocRoleFactory, UserFactory
from tests.khoithidua.factories import closed_year, written_report


def staff_with_report_permissions(bloc):
    staff = UserFactory(username="staff", is_staff=True)
    staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label="khoithidua", codename__endswith="report")
    )
    BlocRoleFactory(user=staff, bloc=bloc)  # the admin shows staff their own blocs only
    return staff


def test_staff_can_change_an_open_years_report_in_the_admin(client, bloc_year):
    report = written_report(bloc_year)
    client.force_login(staff_with_report_permissions(bloc_year.bloc))

    response = client.get(f"/admin/khoithidua/yearreport/{report.pk}/change/")

    assert response.status_code == 200
    assert 'name="number"' in response.content.decode()


def test_staff_cannot_change_a_closed_years_report_in_the_admin(client, bloc_year):
    closed_year(bloc_year)
    report = YearReport.objects.get()
    client.force_login(staff_with_report_permissions(bloc_year.bloc))

    page = client.get(f"/admin/khoithidua/yearreport/{report.pk}/change/")
    post = client.post(f"/admin/khoithidua/yearreport/{report.pk}/change/", {"number": "99"})

    assert 'name="number"' not in page.content.decode()  # shown read-only
    assert post.status_code == 403
    report.refresh_from_db()
    assert report.number == "05/BC-KTĐ"
