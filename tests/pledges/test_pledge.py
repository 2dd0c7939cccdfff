"""The pledge: commitments and targets written by the secretariat, signed, then read-only;
figures achieved entered at year end; printed with a signature block per member."""

import datetime
from decimal import Decimal

from members.selectors import signer_of
from pledges.models import Pledge, PledgeTarget
from tests.pdf import PdfInfo
from tests.pledges.factories import pledge_with_targets


def test_the_secretariat_writes_the_pledge_with_ordered_commitments(client_for, secretary, url):
    data = {
        "number": "01/GƯTĐ-KTĐ",
        "signed_on": "2023-02-24",
        "place": "Yên Bái",
        "commitments": "Thứ nhất\n\nThứ hai\nThứ ba\n",
    }
    assert client_for(secretary).post(url("pledge/edit/"), data).status_code == 302
    pledge = Pledge.objects.get()
    assert [c.text for c in pledge.commitments.all()] == ["Thứ nhất", "Thứ hai", "Thứ ba"]
    assert pledge.signed_on == datetime.date(2023, 2, 24)
    page = client_for(secretary).get(url("pledge/")).content.decode()
    assert page.index("Thứ nhất") < page.index("Thứ hai") < page.index("Thứ ba")


def test_a_bad_date_is_refused_at_the_field(client_for, secretary, url):
    response = client_for(secretary).post(url("pledge/edit/"), {"signed_on": "31/02/2023"})
    assert response.status_code == 400
    assert not Pledge.objects.exists()


def test_signing_needs_a_date_a_place_and_a_commitment(client_for, secretary, url, bloc_year):
    Pledge.objects.create(bloc_year=bloc_year)
    response = client_for(secretary).post(url("pledge/sign/"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Hãy nhập ngày ký trước" in body and "ít nhất một nội dung" in body
    assert not Pledge.objects.get().is_signed


def test_a_signed_pledge_is_read_only(client_for, secretary, url, bloc_year, orgs):
    pledge = pledge_with_targets(bloc_year)
    client = client_for(secretary)
    assert client.post(url("pledge/sign/")).status_code == 302
    pledge.refresh_from_db()
    assert pledge.is_signed and pledge.signed_at
    assert client.get(url("pledge/edit/")).status_code == 403
    assert client.post(url("pledge/edit/"), {"commitments": "Khác"}).status_code == 403
    # The targets' page now takes only the figures achieved.
    page = client.get(url(f"pledge/targets/{orgs[0].pk}/")).content.decode()
    assert "achieved_" in page and "form-0-text" not in page


def test_the_secretariat_writes_a_members_targets_linked_to_a_criterion(
    client_for, secretary, url, bloc_year, orgs, scored
):
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-text": "Kết nạp hội viên mới",
        "form-0-target_value": "1.500,5",
        "form-0-unit": "hội viên",
        "form-0-criterion": scored[0].pk,
        "form-1-text": "",
    }
    response = client_for(secretary).post(url(f"pledge/targets/{orgs[1].pk}/"), data)
    assert response.status_code == 302
    target = PledgeTarget.objects.get()
    assert (target.organization, target.target_value, target.criterion) == (
        orgs[1],
        Decimal("1500.5"),  # Vietnamese: dots group thousands, the comma marks decimals
        scored[0],
    )


def test_a_target_figure_must_be_a_number(client_for, secretary, url, orgs):
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-text": "Mở lớp",
        "form-0-target_value": "năm lớp",
    }
    response = client_for(secretary).post(url(f"pledge/targets/{orgs[1].pk}/"), data)
    assert response.status_code == 400
    assert "không phải là số" in response.content.decode()
    assert not PledgeTarget.objects.exists()


def test_a_member_enters_its_achieved_figures_once_signed_and_only_its_own(
    client_for, member, url, bloc_year, orgs, member_org
):
    pledge = pledge_with_targets(bloc_year, signed=True)
    client = client_for(member)
    own = PledgeTarget.objects.get(pledge=pledge, organization=member_org)
    response = client.post(url(f"pledge/targets/{member_org.pk}/"), {f"achieved_{own.pk}": "120,5"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.achieved_value == Decimal("120.5")
    assert client.get(url(f"pledge/targets/{orgs[3].pk}/")).status_code == 404


def test_a_negative_achieved_figure_is_refused(client_for, member, url, bloc_year, member_org):
    pledge = pledge_with_targets(bloc_year, signed=True)
    own = PledgeTarget.objects.get(pledge=pledge, organization=member_org)
    response = client_for(member).post(
        url(f"pledge/targets/{member_org.pk}/"), {f"achieved_{own.pk}": "-3"}
    )
    assert response.status_code == 400
    own.refresh_from_db()
    assert own.achieved_value is None


def test_the_sheet_shows_pledged_and_achieved_beside_the_linked_criterion(
    client_for, member, url, bloc_year, member_org, scored
):
    pledge = pledge_with_targets(bloc_year, signed=True, criterion=scored[0])
    PledgeTarget.objects.filter(pledge=pledge, organization=member_org).update(
        achieved_value=Decimal("120")
    )
    from tests.pledges.helpers import sheet_of

    sheet = sheet_of(bloc_year, member_org)
    page = client_for(member).get(url(f"sheets/{sheet.pk}/")).content.decode()
    assert "Kết nạp hội viên mới — 100 hội viên → <strong>120 hội viên</strong>" in page


def test_the_pledge_pdf_has_the_header_the_targets_and_a_signature_per_member(
    client_for, observer, url, bloc_year, orgs
):
    pledge_with_targets(bloc_year, signed=True)
    response = client_for(observer).get(url("pledge/pdf/"))
    assert response["Content-Type"] == "application/pdf"
    info = PdfInfo(response.content)
    assert info.all_a4()
    text = info.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BẢN GIAO ƯỚC THI ĐUA" in text and "Yên Bái, ngày 05 tháng 02 năm 2023" in text
    assert "Thực hiện tốt nhiệm vụ." in text
    for org in orgs:
        assert f"TM. {org.name.upper()}" in text
        assert signer_of(bloc_year, org).signer_name in text
    assert text.count("Kết nạp hội viên mới") == len(orgs)
