from io import StringIO

from django.core.management import call_command

from members.models import Bloc, BlocYear, Organization


def test_load_demo_builds_the_seed_bloc_and_is_idempotent(db):
    call_command("load_demo", stdout=StringIO())
    counts = (Organization.objects.count(), BlocYear.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Organization.objects.count(), BlocYear.objects.count()) == counts

    bloc = Bloc.objects.get(slug="hoi-dac-thu-yen-bai")
    assert bloc.name == "Khối Thi đua các tổ chức Hội đặc thù tỉnh Yên Bái"
    assert bloc.organizations.count() == 11
    assert bloc.organizations.filter(notes__contains="minh họa").count() == 3
    y2022, y2023 = bloc.years.get(year=2022), bloc.years.get(year=2023)
    assert y2022.memberships.count() == y2023.memberships.count() == 11
    assert y2022.head.name == "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"
    assert y2022.deputy.name == "Hội Chữ thập đỏ tỉnh"
    assert y2023.head.name == "Hội Chữ thập đỏ tỉnh"
    assert y2023.deputy.name == "Hội Liên hiệp Văn học Nghệ thuật tỉnh"


def test_the_demo_users_log_in_with_the_demo_password(client, db):
    call_command("load_demo", stdout=StringIO())
    for username in ["thuky", "truongkhoi", "hoivien", "quansat", "admin"]:
        response = client.post("/accounts/login/", {"username": username, "password": "khoithidua"})
        assert response.status_code == 302, username
        client.logout()


def test_thuky_reaches_the_2023_year_of_the_demo_bloc(client, db):
    call_command("load_demo", stdout=StringIO())
    response = client.post(
        "/accounts/login/", {"username": "thuky", "password": "khoithidua"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/b/hoi-dac-thu-yen-bai/2023/"


def test_an_organizations_page_shows_its_awards_across_the_years(client, db):
    call_command("load_demo", stdout=StringIO())
    client.post("/accounts/login/", {"username": "quansat", "password": "khoithidua"})
    org = Organization.objects.get(name="Hội Khuyến học tỉnh")
    page = client.get(f"/b/hoi-dac-thu-yen-bai/orgs/{org.pk}/").content.decode()
    awards = page.split('id="organization-awards"')[1]
    assert "2022" in awards
    assert "Cờ thi đua của Chính phủ" in awards
