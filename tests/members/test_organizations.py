import re

import pytest

from members.models import Organization
from tests.factories import OrganizationFactory
from tests.utils import text


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


def test_the_secretariat_creates_an_organization(secretary_client, bloc):
    response = secretary_client.post(
        f"/b/{bloc.slug}/orgs/new/",
        {"name": "Hội Luật gia tỉnh", "abbreviation": "LG", "address": "Phường Yên Thịnh"},
    )
    assert response.status_code == 302
    org = Organization.objects.get(bloc=bloc, name="Hội Luật gia tỉnh")
    assert (org.abbreviation, org.address) == ("LG", "Phường Yên Thịnh")


def test_a_duplicate_name_is_refused_at_the_field_and_nothing_is_saved(secretary_client, bloc):
    existing = bloc.organizations.first()
    before = Organization.objects.count()
    response = secretary_client.post(f"/b/{bloc.slug}/orgs/new/", {"name": existing.name})
    assert response.status_code == 200
    assert "Khối đã có đơn vị tên" in text(response)
    assert Organization.objects.count() == before


def test_an_empty_name_is_refused(secretary_client, bloc):
    response = secretary_client.post(f"/b/{bloc.slug}/orgs/new/", {"name": ""})
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in text(response)


def test_the_same_name_may_exist_in_another_bloc(secretary_client, bloc):
    other = OrganizationFactory(name="Hội Nhà báo tỉnh")
    response = secretary_client.post(f"/b/{bloc.slug}/orgs/new/", {"name": other.name})
    assert response.status_code == 302


def test_the_secretariat_edits_an_organization(secretary_client, bloc):
    org = bloc.organizations.first()
    response = secretary_client.post(
        f"/b/{bloc.slug}/orgs/{org.pk}/edit/", {"name": "Tên mới của hội"}
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name == "Tên mới của hội"


def test_an_organization_of_another_bloc_is_not_found(secretary_client, bloc):
    other = OrganizationFactory()
    assert secretary_client.get(f"/b/{bloc.slug}/orgs/{other.pk}/").status_code == 404
    assert secretary_client.post(f"/b/{bloc.slug}/orgs/{other.pk}/edit/", {}).status_code == 404


def test_the_list_searches_sorts_and_pages(secretary_client, bloc):
    OrganizationFactory.create_batch(30, bloc=bloc)
    OrganizationFactory(bloc=bloc, name="Hội Đông y tỉnh", abbreviation="ĐY")
    page = secretary_client.get(f"/b/{bloc.slug}/orgs/", {"q": "đông y"}).content.decode()
    assert "Hội Đông y tỉnh" in page
    assert "Hội thành viên số" not in page
    first = secretary_client.get(f"/b/{bloc.slug}/orgs/", {"sort": "-name"}).content.decode()
    assert "Trang 1/2" in first
    second = secretary_client.get(f"/b/{bloc.slug}/orgs/", {"page": 2}).content.decode()
    assert "Trang 2/2" in second


def test_a_member_may_read_but_not_create(client, member, bloc):
    client.force_login(member)
    assert client.get(f"/b/{bloc.slug}/orgs/").status_code == 200
    assert client.post(f"/b/{bloc.slug}/orgs/new/", {"name": "X"}).status_code == 403
    assert not Organization.objects.filter(name="X").exists()


NAMES = ["Đoàn", "Dân", "Ân", "An", "Ăn"]
IN_ORDER = ["An", "Ăn", "Ân", "Dân", "Đoàn"]


def _order_in(page: str) -> list[str]:
    """The names as the page shows them, top to bottom (each alone in its element)."""
    return sorted(NAMES, key=lambda name: re.search(rf">\s*{name}\s*<", page).start())


def test_organizations_are_listed_in_vietnamese_alphabetical_order(
    secretary_client, bloc, bloc_year
):
    for name in NAMES:
        OrganizationFactory(bloc=bloc, name=name)

    listing = secretary_client.get(f"/b/{bloc.slug}/orgs/").content.decode()
    backwards = secretary_client.get(f"/b/{bloc.slug}/orgs/", {"sort": "-name"}).content.decode()
    to_add = secretary_client.get(f"/b/{bloc.slug}/{bloc_year.year}/members/").content.decode()
    invite = secretary_client.get(f"/b/{bloc.slug}/people/invite/").content.decode()

    assert _order_in(listing) == IN_ORDER
    assert _order_in(backwards) == IN_ORDER[::-1]
    assert _order_in(to_add) == IN_ORDER  # the organizations to add to the year
    assert _order_in(invite) == IN_ORDER  # the organization a representative represents


def test_a_merger_chosen_on_the_form_is_kept(secretary_client, bloc):
    """Two members merge into a new organization: the predecessors picked on the form are saved
    (the form saves without commit, which by itself drops a many-to-many field)."""
    first, second = bloc.organizations.order_by("pk")[:2]
    response = secretary_client.post(
        f"/b/{bloc.slug}/orgs/new/",
        {"name": "Hội hợp nhất", "predecessors": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    merged = Organization.objects.get(bloc=bloc, name="Hội hợp nhất")
    assert set(merged.predecessors.all()) == {first, second}
    page = text(secretary_client.get(f"/b/{bloc.slug}/orgs/{merged.pk}/"))
    assert "Đơn vị tiền thân" in page or first.name in page
    assert first.name in page and second.name in page

    # Editing it again without touching the list keeps them; clearing the list clears them.
    secretary_client.post(
        f"/b/{bloc.slug}/orgs/{merged.pk}/edit/",
        {"name": "Hội hợp nhất", "predecessors": [first.pk, second.pk]},
    )
    assert merged.predecessors.count() == 2
    secretary_client.post(f"/b/{bloc.slug}/orgs/{merged.pk}/edit/", {"name": "Hội hợp nhất"})
    assert merged.predecessors.count() == 0


def test_an_organizations_page_says_e_mail_in_vietnamese(secretary_client, bloc):
    org = bloc.organizations.first()
    page = text(secretary_client.get(f"/b/{bloc.slug}/orgs/{org.pk}/"))
    assert "Thư điện tử" in page
    assert "Email" not in page


def test_an_organization_cannot_descend_from_its_own_successor(secretary_client, bloc):
    """A merged into B: B cannot then be named among A's predecessors (the line would loop,
    and each would be the other's predecessor and successor on their pages)."""
    first, second = bloc.organizations.order_by("pk")[:2]
    merged = OrganizationFactory(bloc=bloc, name="Hội hợp nhất")
    merged.predecessors.set([first])
    later = OrganizationFactory(bloc=bloc, name="Hội sau hợp nhất")
    later.predecessors.set([merged])

    response = secretary_client.post(
        f"/b/{bloc.slug}/orgs/{first.pk}/edit/",
        {"name": first.name, "predecessors": [later.pk, second.pk]},
    )

    assert response.status_code == 200
    assert "Hội sau hợp nhất" in text(response) and "kế thừa" in text(response)
    assert not first.predecessors.exists()
