"""The signing pages as their users meet them: the province office names its authority, the
head unit adds its key and signs the report, an office uploads a copy it signed elsewhere,
anyone checks a PDF. Checked independently by poppler's pdfsig too."""

import subprocess

from django.core.files.uploadedfile import SimpleUploadedFile

from documents import registry, signatures
from signing import selectors
from signing.models import SigningKey, TrustAnchor
from tests.khoithidua.factories import signed_report
from tests.pki import PASSPHRASE, SIGNER, SOFTHSM, png


def _y(bloc_year, suffix=""):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/signatures/{suffix}"


def _file(name, data, kind="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=kind)


def test_the_province_office_trusts_an_authority_by_uploading_its_certificate(
    client_for, province_office, bloc, authority
):
    client = client_for(province_office)
    response = client.post(
        f"/p/{bloc.province.slug}/trust/", {"certificate": _file("ca.pem", authority.pem)}
    )

    assert response.status_code == 302
    assert TrustAnchor.objects.get().name == "CA thử nghiệm của tỉnh"
    page = client.get(f"/p/{bloc.province.slug}/trust/").content.decode()
    assert "CA thử nghiệm của tỉnh" in page


def test_a_file_that_is_not_a_certificate_is_refused_in_vietnamese(
    client_for, province_office, bloc
):
    response = client_for(province_office).post(
        f"/p/{bloc.province.slug}/trust/", {"certificate": _file("ca.pem", b"not a cert")}
    )

    assert response.status_code == 400
    assert "không phải chứng thư số" in response.content.decode()
    assert not TrustAnchor.objects.exists()


def test_the_leader_adds_the_head_units_key_and_signs_the_report_on_its_page(
    client_for, leader, bloc_year, issued_report, trusted, authority, head_signer, tmp_path
):
    client = client_for(leader)
    response = client.post(
        f"/b/{bloc_year.bloc.slug}/keys/new/",
        {
            "organization": bloc_year.head.pk,
            "label": "Khóa của Chủ tịch",
            "kind": "pkcs12",
            "key_file": _file(
                "khoa.p12",
                authority.pkcs12(head_signer, bloc_year.head.name, passphrase=PASSPHRASE),
            ),
            "secret": PASSPHRASE,
            "signature_image": _file("chu-ky.png", png((20, 40, 200, 255))),
            "seal_image": _file("dau.png", png((220, 20, 20, 200), size=(120, 120))),
        },
    )
    assert response.status_code == 302
    key = SigningKey.objects.get()
    assert bytes(key.seal_image).startswith(b"\x89PNG") and key.subject == head_signer

    response = client.post(_y(bloc_year, "report/sign/"), {"key": key.pk, "secret": PASSPHRASE})

    assert response.status_code == 302
    page = client.get(_y(bloc_year, "report/")).content.decode()
    assert "Chữ ký số hợp lệ" in page and head_signer in page
    signed = registry.render("report", bloc_year).content
    # poppler's pdfsig, with the authority in an NSS database, agrees on its own.
    db = tmp_path / "nss"
    db.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"], check=True)
    (tmp_path / "ca.pem").write_bytes(authority.pem)
    subprocess.run(
        [
            "certutil",
            "-A",
            "-d",
            f"sql:{db}",
            "-n",
            "ca",
            "-t",
            "CT,C,C",
            "-i",
            str(tmp_path / "ca.pem"),
        ],
        check=True,
    )
    (tmp_path / "signed.pdf").write_bytes(signed)
    report = subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{db}", str(tmp_path / "signed.pdf")],
        capture_output=True,
        text=True,
    )
    assert "Signature is Valid" in report.stdout and "Certificate is Trusted" in report.stdout


def test_a_wrong_passphrase_on_the_page_says_so_and_signs_nothing(
    client_for, leader, bloc_year, issued_report, trusted, head_key
):
    response = client_for(leader).post(
        _y(bloc_year, "report/sign/"), {"key": head_key.pk, "secret": "sai"}
    )

    assert response.status_code == 400
    assert "Không mở được tệp khóa" in response.content.decode()
    assert not selectors.document_of_year(bloc_year, "report").is_signed


def test_an_upload_signed_over_other_bytes_is_refused_with_the_reason_on_the_page(
    client_for, leader, bloc_year, issued_report, trusted, stranger, head_signer
):
    client = client_for(leader)
    client.post(_y(bloc_year, "report/keep/"))
    copy = client.get(_y(bloc_year, "report/copy.pdf")).content
    key = signatures.Pkcs12Key(
        data=stranger.pkcs12(head_signer, passphrase=PASSPHRASE), passphrase=PASSPHRASE
    )
    box = signatures.signature_box(copy, head_signer)
    signed = signatures.sign_pdf(
        copy, key=key, appearance=signatures.Appearance(organization="X", box=box)
    )

    response = client.post(
        _y(bloc_year, "report/upload/"), {"file": _file("da-ky.pdf", signed, "application/pdf")}
    )

    assert response.status_code == 400
    assert "không dẫn tới tổ chức chứng thực mà tỉnh tin cậy" in response.content.decode()


def test_anyone_of_the_bloc_checks_a_pdf_and_nothing_is_kept(
    client_for, observer, bloc_year, trusted, authority, head_signer
):
    from documents.rendering import html_to_pdf

    pdf = html_to_pdf(f"<p>Văn bản</p><p>{head_signer}</p>")
    key = signatures.Pkcs12Key(
        data=authority.pkcs12(head_signer, passphrase=PASSPHRASE), passphrase=PASSPHRASE
    )
    signed = signatures.sign_pdf(
        pdf,
        key=key,
        appearance=signatures.Appearance(
            organization="X", box=signatures.signature_box(pdf, head_signer)
        ),
    )

    response = client_for(observer).post(
        _y(bloc_year, "verify/"), {"file": _file("x.pdf", signed, "application/pdf")}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Chữ ký số hợp lệ" in page and "CA thử nghiệm của tỉnh" in page


def test_a_key_on_a_pkcs11_token_is_added_and_signs(
    client_for, leader, bloc_year, trusted, authority, softhsm_token, settings
):
    # The token's key is certified to tests.pki.SIGNER: the head unit's signer this year.
    bloc_year.memberships.filter(organization=bloc_year.head).update(signer_name=SIGNER)
    signed_report(bloc_year, leader)
    settings.SIGNING_PKCS11_MODULES = {"SoftHSM": SOFTHSM}
    client = client_for(leader)
    response = client.post(
        f"/b/{bloc_year.bloc.slug}/keys/new/",
        {
            "organization": bloc_year.head.pk,
            "label": "Token của Chủ tịch",
            "kind": "pkcs11",
            "module": "SoftHSM",
            "token_label": "khoithidua",
            "key_label": "signer",
            "secret": "246810",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    key = SigningKey.objects.get()
    assert key.subject == SIGNER and not bytes(key.pkcs12)

    response = client.post(_y(bloc_year, "report/sign/"), {"key": key.pk, "secret": "246810"})

    assert response.status_code == 302
    [check] = signatures.verify_pdf(
        registry.render("report", bloc_year).content, trust_roots=[authority.pem]
    )
    assert check.ok and check.signer == SIGNER


def test_the_keys_page_says_which_keys_the_province_would_refuse(
    client_for, secretary, bloc_year, trusted, head_key, stranger, member_org, member
):
    from signing import services

    services.key_add(
        organization=member_org,
        user=member,
        label="Khóa lạ",
        kind="pkcs12",
        secret=PASSPHRASE,
        pkcs12_data=stranger.pkcs12("Người lạ", passphrase=PASSPHRASE),
    )

    page = client_for(secretary).get(f"/b/{bloc_year.bloc.slug}/keys/").content.decode()

    assert page.count('class="small text-danger untrusted"') == 1
