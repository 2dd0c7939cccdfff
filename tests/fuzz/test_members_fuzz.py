"""Property-based: whatever a user types or uploads, the members pages answer without a 500
and never write half of it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from members.models import BlocYear, Membership, Organization

NASTY = st.one_of(
    st.text(),
    st.sampled_from(
        [
            "",
            "\x00",
            "Hội\u0301 Khuye\u0302\u0301n học",  # combining diacritics
            "\u202eمرحبا",  # right-to-left override
            "=1+1",
            "NaN",
            "-0",
            "9" * 400,
            " " * 10,
        ]
    ),
)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def snapshot():
    return (
        list(Organization.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values()),
        list(BlocYear.objects.order_by("pk").values()),
    )


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


@FUZZ
@given(name=NASTY, email=NASTY, leader=NASTY)
def test_the_organization_form_never_fails_and_saves_all_or_nothing(
    secretary_client, bloc, name, email, leader
):
    before = Organization.objects.count()
    response = secretary_client.post(
        f"/b/{bloc.slug}/orgs/new/", {"name": name, "email": email, "address": leader}
    )
    assert response.status_code in (200, 302)
    created = Organization.objects.count() - before
    assert created == (1 if response.status_code == 302 else 0)


@FUZZ
@given(
    rows=st.lists(st.lists(st.one_of(NASTY, st.integers(), st.floats()), max_size=4), max_size=6)
)
def test_the_excel_import_never_fails(secretary_client, bloc, rows):
    book = Workbook()
    book.active.append(["Tên đơn vị", "Viết tắt", "Email", "Địa chỉ"])
    for row in rows:
        try:
            book.active.append(row)
        except Exception:  # openpyxl refuses some characters itself; that row is not written
            continue
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("f.xlsx", buffer.getvalue())
    response = secretary_client.post(f"/b/{bloc.slug}/orgs/import/", {"file": upload})
    assert response.status_code in (200, 400)


@FUZZ
@given(payload=st.binary(max_size=2048))
def test_a_random_file_is_refused_without_a_change(secretary_client, bloc, payload):
    before = snapshot()
    upload = SimpleUploadedFile("f.xlsx", payload)
    response = secretary_client.post(f"/b/{bloc.slug}/orgs/import/", {"file": upload})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert snapshot() == before


@FUZZ
@given(head=NASTY, deputy=NASTY)
def test_leadership_posts_with_garbage_change_nothing(secretary_client, bloc_year, head, deputy):
    before = snapshot()
    response = secretary_client.post(
        f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/leadership/", {"head": head, "deputy": deputy}
    )
    # Either the posted choices were valid and saved exactly, or nothing changed at all.
    if response.status_code == 302:
        bloc_year.refresh_from_db()
        assert bloc_year.head_id == (int(head) if head.strip() else None)
        assert bloc_year.deputy_id == (int(deputy) if deputy.strip() else None)
    else:
        assert response.status_code == 200
        assert snapshot() == before
