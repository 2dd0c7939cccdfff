"""A year's phase moves only through services with their checks: never through a form field,
never by staff in the admin (only superusers repair there)."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from khoithidua.models import YearLogEntry
from members import services
from members.models import BlocYear
from tests.factories import UserFactory


def url(bloc_year, suffix):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/{suffix}"


def test_posting_phase_closed_to_the_settings_form_changes_nothing_of_the_phase(
    client_for, secretary, bloc_year
):
    data = {"phase": "closed", "province_name": "Yên Bái", "place_name": "Yên Bái"}
    response = client_for(secretary).post(url(bloc_year, "settings/"), data)
    assert response.status_code == 302
    bloc_year.refresh_from_db()
    assert (bloc_year.phase, bloc_year.closed_at) == (BlocYear.Phase.SCORING, None)
    assert not YearLogEntry.objects.exists()


def test_the_secretariat_moves_the_year_between_working_phases(client_for, secretary, bloc_year):
    response = client_for(secretary).post(url(bloc_year, "phase/"), {"phase": "pledge"})
    assert response.status_code == 302
    bloc_year.refresh_from_db()
    assert bloc_year.phase == BlocYear.Phase.PLEDGE


def test_closing_is_not_a_phase_the_phase_form_offers(client_for, secretary, bloc_year):
    client_for(secretary).post(url(bloc_year, "phase/"), {"phase": "closed"})
    bloc_year.refresh_from_db()
    assert bloc_year.phase == BlocYear.Phase.SCORING


def test_the_phase_service_refuses_closing_and_a_closed_year(bloc_year):
    with pytest.raises(ValidationError):
        services.bloc_year_set_phase(bloc_year=bloc_year, phase="closed")
    BlocYear.objects.filter(pk=bloc_year.pk).update(phase="closed")
    with pytest.raises(ValidationError):
        services.bloc_year_set_phase(bloc_year=bloc_year, phase="review")


def test_staff_see_the_phase_read_only_in_the_admin(client, bloc_year):
    staff = UserFactory(username="staff", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="members"))
    client.force_login(staff)
    address = f"/admin/members/blocyear/{bloc_year.pk}/change/"
    assert 'name="phase"' not in client.get(address).content.decode()
    data = {
        "bloc": bloc_year.bloc_id,
        "year": bloc_year.year,
        "phase": "closed",
        "province_name": "Yên Bái",
        "place_name": "Yên Bái",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    client.post(address, data)
    bloc_year.refresh_from_db()
    assert bloc_year.phase == BlocYear.Phase.SCORING


def test_a_superuser_may_still_set_the_phase_in_the_admin(client, admin_user, bloc_year):
    client.force_login(admin_user)
    page = client.get(f"/admin/members/blocyear/{bloc_year.pk}/change/").content.decode()
    assert 'name="phase"' in page


@pytest.mark.parametrize(
    "phase, buttons",
    [
        ("setup", [("pledge", "→")]),
        ("scoring", [("pledge", "←"), ("review", "→")]),
        # The last working phase offers only the step back: its arrow points back
        # (it showed "Thẩm định →", a step forward, on the meeting's year page).
        ("meeting", [("review", "←")]),
    ],
)
def test_each_phase_button_points_the_way_it_moves(
    client_for, secretary, bloc_year, phase, buttons
):
    import re

    BlocYear.objects.filter(pk=bloc_year.pk).update(phase=phase)
    html = client_for(secretary).get(url(bloc_year, "")).content.decode()
    found = re.findall(r'name="phase" value="(\w+)">[^<]*?([←→])</button>', html)
    assert found == buttons
