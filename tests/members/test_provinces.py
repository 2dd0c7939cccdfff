"""The province office (issue 9): it sees every bloc of its province, creates blocs, and stands
in each of them as the province; another province's office sees nothing of them."""

import pytest

from members.models import Bloc, Province, vn_slugify
from tests.factories import BlocFactory, year_with_members
from tests.utils import text

pytestmark = pytest.mark.django_db


def test_a_vietnamese_name_becomes_a_readable_slug():
    assert vn_slugify("Khối thi đua các phường") == "khoi-thi-dua-cac-phuong"
    assert vn_slugify("Cụm thi đua số 3 – Đồng bằng") == "cum-thi-dua-so-3-dong-bang"


def test_the_office_lands_on_its_province_and_sees_its_blocs(client, province_office, bloc):
    client.force_login(province_office)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == f"/p/{bloc.province.slug}/"
    assert bloc.name in text(response)


def test_the_office_creates_a_bloc_whose_slug_comes_from_its_vietnamese_name(
    client, province_office, bloc
):
    client.force_login(province_office)
    response = client.post(
        f"/p/{bloc.province.slug}/blocs/new/",
        {"kind": "cum", "name": "Cụm thi đua các phường", "short_name": "", "slug": ""},
    )
    created = Bloc.objects.get(name="Cụm thi đua các phường")
    assert response.status_code == 302
    assert created.slug == "cum-thi-dua-cac-phuong"
    assert created.province == bloc.province


def test_a_bloc_name_with_a_taken_slug_is_refused_with_a_message(client, province_office, bloc):
    client.force_login(province_office)
    response = client.post(
        f"/p/{bloc.province.slug}/blocs/new/",
        {"kind": "khoi", "name": "Khối mới", "slug": bloc.slug},
    )
    assert response.status_code == 400
    assert "đã được khối khác dùng" in text(response)
    assert not Bloc.objects.filter(name="Khối mới").exists()


def test_another_provinces_office_gets_404_in_this_province(client, other_province, bloc):
    client.force_login(other_province)
    assert client.get(f"/p/{bloc.province.slug}/").status_code == 404
    assert client.get(f"/b/{bloc.slug}/").status_code == 404


def test_the_office_of_a_province_sees_the_blocs_of_provinces_merged_into_it(
    client, province_office, bloc
):
    lao_cai = Province.objects.create(name="Lào Cai", slug="lao-cai")
    from members.models import ProvinceRole

    ProvinceRole.objects.filter(user=province_office).update(province=lao_cai)
    bloc.province.merged_into = lao_cai
    bloc.province.save()
    own = BlocFactory(province=lao_cai, name="Khối Thi đua các sở tỉnh Lào Cai")
    year_with_members(2, bloc=own)

    client.force_login(province_office)
    page = text(client.get("/p/lao-cai/"))
    assert bloc.name in page and own.name in page
    assert client.get(f"/b/{bloc.slug}/years/").status_code == 200


def test_the_province_office_reads_a_bloc_but_does_not_write_its_scores(
    client, province_office, bloc_year
):
    client.force_login(province_office)
    assert client.get(f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/").status_code == 200
    assert client.get(f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/members/").status_code == 403


def test_the_office_invites_a_colleague_who_then_sees_the_province(
    client, province_office, bloc, django_capture_on_commit_callbacks
):
    from django.core import mail

    from members.models import ProvinceRole

    client.force_login(province_office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/p/{bloc.province.slug}/people/",
            {"email": "dongnghiep@example.vn", "first_name": "Hà", "kind": "observer"},
        )
    assert response.status_code == 302
    role = ProvinceRole.objects.get(user__email="dongnghiep@example.vn")
    assert role.kind == "observer" and role.province == bloc.province
    assert "/accounts/password/set/" in mail.outbox[0].body
    assert f"tỉnh {bloc.province.name}" in mail.outbox[0].subject  # not the bare name

    client.force_login(role.user)
    assert client.get(f"/b/{bloc.slug}/years/").status_code == 200
    assert client.get(f"/p/{bloc.province.slug}/blocs/new/").status_code == 403


def test_a_bloc_name_taken_or_without_letters_gets_one_clear_message(client, province_office, bloc):
    client.force_login(province_office)
    before = Bloc.objects.count()
    url = f"/p/{bloc.province.slug}/blocs/new/"
    empty = client.post(url, {"kind": "khoi", "name": ""})
    assert text(empty).count("Trường này là bắt buộc.") == 1
    assert "không có chữ cái" not in text(empty)
    taken = client.post(url, {"kind": "cum", "name": bloc.name.upper()})
    assert f"Tên “{bloc.name.upper()}” đã được dùng cho một khối hoặc cụm khác." in text(taken)
    symbols = client.post(url, {"kind": "khoi", "name": "!!!"})
    assert "không có chữ cái hay chữ số" in text(symbols)
    assert Bloc.objects.count() == before


def test_a_new_cum_is_called_a_cum_in_the_message_after_its_creation(client, province_office, bloc):
    client.force_login(province_office)
    response = client.post(
        f"/p/{bloc.province.slug}/blocs/new/",
        {"kind": "cum", "name": "Cụm thi đua các phường, xã thành phố", "slug": ""},
    )
    page = text(client.get(response.headers["Location"]))
    assert "cử Văn phòng Cụm" in page
    assert "Văn phòng Khối" not in page


def test_a_web_address_typed_in_vietnamese_is_transliterated_not_refused_in_english(
    client, province_office, bloc
):
    """The office types the address as it reads it; Django's own refusal of it was English."""
    new = BlocFactory(province=bloc.province)  # no year yet: its address may still change
    client.force_login(province_office)
    response = client.post(
        f"/b/{new.slug}/edit/",
        {"kind": "khoi", "name": new.name, "slug": "Khối Đảng đoàn thể!"},
    )
    assert response.status_code == 302
    new.refresh_from_db()
    assert new.slug == "khoi-dang-doan-the"


def test_the_web_address_of_a_bloc_with_years_does_not_change(client, province_office, bloc):
    """The year's issued documents are filed under "<address>/<year>/<kind>" (the register's
    numbers, the stored copies of a closed year, the signed copies): after a change of address
    the issued pledge printed again without its number. Links in e-mails broke too."""
    client.force_login(province_office)
    response = client.post(
        f"/b/{bloc.slug}/edit/",
        {"kind": "khoi", "name": bloc.name, "slug": "dia-chi-moi"},
    )
    assert response.status_code == 400
    assert "đã có năm thi đua" in text(response)
    old = bloc.slug
    bloc.refresh_from_db()
    assert bloc.slug == old

    # Its name and the rest still change.
    response = client.post(
        f"/b/{bloc.slug}/edit/",
        {"kind": "khoi", "name": "Tên mới của Khối", "slug": bloc.slug},
    )
    assert response.status_code == 302
