"""Digital signatures (issue 14): a certificate authority made in the test, a PKCS#12 key and a
PKCS#11 token on SoftHSM2; every signature checked by pyHanko's validator and, independently,
by poppler's pdfsig with the authority in an NSS database."""

import datetime
import subprocess
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError

from documents import signatures
from documents.rendering import html_to_pdf
from documents.signatures import Appearance, Pkcs11Key, Pkcs12Key
from tests.pki import ORGANIZATION, PASSPHRASE, SIGNER, SOFTHSM, png


def _document(year=2022) -> bytes:
    html = f"""<html><head><style>@page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
    body {{ font-family: "Liberation Serif"; font-size: 14pt; }}</style></head><body>
    <p>BÁO CÁO Tổng kết công tác thi đua, khen thưởng năm {year}</p>
    <div style="margin-left: 50%; text-align: center; margin-top: 20mm">
      <p><b>TM. KHỐI THI ĐUA</b></p><p><b>TRƯỞNG KHỐI</b></p>
      <p style="margin-top: 30mm"><b>{SIGNER}</b></p></div></body></html>"""
    return html_to_pdf(html)


@pytest.fixture(scope="module")
def issued() -> bytes:
    """An issued document with a signature block, as the app prints them."""
    return _document()


def _appearance(pdf: bytes) -> Appearance:
    return Appearance(
        organization=ORGANIZATION,
        box=signatures.signature_box(pdf, SIGNER),
        signature_png=png((20, 40, 200, 255)),
        seal_png=png((220, 20, 20, 200), size=(120, 120)),
    )


def _nss_db(tmp_path, authority, p12: bytes | None = None):
    """An NSS database trusting the authority (and holding the signer's key for pdfsig)."""
    db = tmp_path / "nss"
    db.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"], check=True)
    root = tmp_path / "root.pem"
    root.write_bytes(authority.pem)
    subprocess.run(
        ["certutil", "-A", "-d", f"sql:{db}", "-n", "root", "-t", "CT,C,C", "-i", str(root)],
        check=True,
    )
    if p12 is not None:
        key = tmp_path / "signer.p12"
        key.write_bytes(p12)
        subprocess.run(
            ["pk12util", "-d", f"sql:{db}", "-i", str(key), "-W", PASSPHRASE, "-K", ""],
            check=True,
            capture_output=True,
        )
    return db


def _pdfsig(path, db) -> str:
    # No -no-ocsp: poppler 22.12 then reports a generic certificate error. The test's
    # certificates name no OCSP responder, so nothing is fetched from the network.
    result = subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{db}", str(path)],
        capture_output=True,
        text=True,
    )
    return result.stdout + result.stderr


def test_a_pkcs12_signature_is_valid_trusted_and_shows_the_decree_30_face(
    issued, authority, tmp_path
):
    key = Pkcs12Key(data=authority.pkcs12(SIGNER, ORGANIZATION, PASSPHRASE), passphrase=PASSPHRASE)
    when = datetime.datetime(2022, 12, 20, 15, 30, tzinfo=signatures.VIETNAM)

    signed = signatures.sign_pdf(issued, key=key, appearance=_appearance(issued), when=when)

    assert signed.startswith(issued)  # an incremental update: the issued bytes are untouched
    [check] = signatures.verify_pdf(signed, trust_roots=[authority.pem])
    assert check.ok and check.covers_whole_file
    assert (check.signer, check.organization) == (SIGNER, ORGANIZATION)
    assert check.chain == [SIGNER, "CA thử nghiệm của tỉnh"]
    face = signatures.appearance_pdf(_appearance(issued), when)
    from pypdf import PdfReader

    text = PdfReader(BytesIO(face)).pages[0].extract_text()
    assert ORGANIZATION in text and "2022-12-20T15:30:00+07:00" in text

    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    report = _pdfsig(path, _nss_db(tmp_path, authority))
    assert "Signature is Valid" in report
    assert "Certificate is Trusted" in report
    assert SIGNER in report


def test_a_wrong_passphrase_is_refused_with_a_message_and_logs_no_error(issued, authority, caplog):
    key = Pkcs12Key(data=authority.pkcs12(SIGNER, ORGANIZATION, PASSPHRASE), passphrase="sai")
    with pytest.raises(ValidationError, match="passphrase|mật khẩu"):
        signatures.sign_pdf(issued, key=key, appearance=_appearance(issued))
    # A mistyped passphrase is the user's, not the server's: no error with a traceback in the log.
    assert [r for r in caplog.records if r.levelname == "ERROR"] == []


def test_a_pkcs11_token_signs_and_both_validators_accept_it(
    issued, authority, softhsm_token, tmp_path
):
    key = Pkcs11Key(
        library=SOFTHSM,
        token_label="khoithidua",
        key_label="signer",
        pin="246810",
        certificate=softhsm_token,
    )
    signed = signatures.sign_pdf(issued, key=key, appearance=_appearance(issued))

    [check] = signatures.verify_pdf(signed, trust_roots=[authority.pem])
    assert check.ok and check.signer == SIGNER
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    report = _pdfsig(path, _nss_db(tmp_path, authority))
    assert "Signature is Valid" in report and "Certificate is Trusted" in report


def test_a_wrong_pin_is_refused_with_a_message(issued, softhsm_token):
    key = Pkcs11Key(SOFTHSM, "khoithidua", "signer", "000000", certificate=softhsm_token)
    with pytest.raises(ValidationError, match="PIN"):
        signatures.sign_pdf(issued, key=key, appearance=_appearance(issued))


def test_a_document_signed_in_the_offices_own_tool_is_accepted(issued, authority, tmp_path):
    """The office's usual tool, here poppler's pdfsig with the key in an NSS database."""
    db = _nss_db(tmp_path, authority, authority.pkcs12(SIGNER, ORGANIZATION, PASSPHRASE))
    nick = subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{db}", "-list-nicks"], capture_output=True, text=True
    ).stdout.split()[-1]
    # The copy to sign carries the empty field where the signature goes; the tool signs there.
    kept = signatures.with_signature_field(issued, signatures.signature_box(issued, SIGNER))
    source, signed_path = tmp_path / "issued.pdf", tmp_path / "signed.pdf"
    source.write_bytes(kept)
    subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{db}", "-sign", signatures.FIELD_NAME, "-nick", nick]
        + [str(source), str(signed_path)],
        check=True,
        capture_output=True,
    )

    [check] = signatures.accept_returned(
        kept, signed_path.read_bytes(), trust_roots=[authority.pem]
    )
    assert check.signer == SIGNER and check.ok and check.visible


def test_an_invisible_signature_is_refused_with_the_reason(issued, authority, tmp_path):
    """Decree 30 shows the signature on the page: pdfsig's own invisible one is not enough."""
    db = _nss_db(tmp_path, authority, authority.pkcs12(SIGNER, ORGANIZATION, PASSPHRASE))
    nick = subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{db}", "-list-nicks"], capture_output=True, text=True
    ).stdout.split()[-1]
    source, signed_path = tmp_path / "issued.pdf", tmp_path / "signed.pdf"
    source.write_bytes(issued)
    subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{db}", "-add-signature", "-nick", nick]
        + ["-new-signature-field-name", "KySo", str(source), str(signed_path)],
        check=True,
        capture_output=True,
    )

    with pytest.raises(ValidationError, match="visible|hiển thị"):
        signatures.accept_returned(issued, signed_path.read_bytes(), trust_roots=[authority.pem])


def test_a_change_made_before_signing_is_refused(issued, authority):
    """An unsigned update (here: a page turned) signed over does not pass as the issued copy."""
    from pyhanko.pdf_utils.generic import NameObject, NumberObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(issued))
    page_ref = writer.root["/Pages"]["/Kids"].raw_get(0)
    page_ref.get_object()[NameObject("/Rotate")] = NumberObject(90)
    writer.mark_update(page_ref)
    changed = BytesIO()
    writer.write(changed)
    key = Pkcs12Key(data=authority.pkcs12(SIGNER, ORGANIZATION, PASSPHRASE), passphrase=PASSPHRASE)
    signed = signatures.sign_pdf(
        changed.getvalue(), key=key, appearance=_appearance(changed.getvalue())
    )

    with pytest.raises(ValidationError, match="before it was signed|trước khi ký"):
        signatures.accept_returned(issued, signed, trust_roots=[authority.pem])


def test_a_change_after_the_signature_is_no_valid_signature_on_the_check_page(issued, authority):
    from pyhanko.pdf_utils.generic import NameObject, NumberObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    key = Pkcs12Key(data=authority.pkcs12(SIGNER, ORGANIZATION, PASSPHRASE), passphrase=PASSPHRASE)
    signed = signatures.sign_pdf(issued, key=key, appearance=_appearance(issued))
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    page_ref = writer.root["/Pages"]["/Kids"].raw_get(0)
    page_ref.get_object()[NameObject("/Rotate")] = NumberObject(90)
    writer.mark_update(page_ref)
    changed = BytesIO()
    writer.write(changed)

    [check] = signatures.verify_pdf(changed.getvalue(), trust_roots=[authority.pem])
    assert not check.ok and check.trusted  # changed, yet still by a trusted certificate
    assert any("not only by adding signatures" in p or "không chỉ" in p for p in check.problems)


def test_a_pdf_signed_over_altered_bytes_is_refused_with_the_reason(issued, authority):
    altered = _document(year=2023)  # another text than the one issued
    assert altered != issued
    key = Pkcs12Key(data=authority.pkcs12(SIGNER, ORGANIZATION, PASSPHRASE), passphrase=PASSPHRASE)
    signed = signatures.sign_pdf(altered, key=key, appearance=_appearance(altered))

    with pytest.raises(ValidationError, match="không chứa nguyên văn|does not contain"):
        signatures.accept_returned(issued, signed, trust_roots=[authority.pem])


def test_a_document_changed_after_signing_is_refused(issued, authority):
    key = Pkcs12Key(data=authority.pkcs12(SIGNER, ORGANIZATION, PASSPHRASE), passphrase=PASSPHRASE)
    signed = bytearray(signatures.sign_pdf(issued, key=key, appearance=_appearance(issued)))
    position = signed.index(b"stream\n") + len(b"stream\n") + 5  # a signed content byte
    signed[position] ^= 0xFF

    with pytest.raises(ValidationError) as refused:
        signatures.accept_returned(issued, bytes(signed), trust_roots=[authority.pem])
    assert refused.value.messages


def test_an_untrusted_certificate_is_refused_with_the_reason(issued, authority, stranger):
    key = Pkcs12Key(data=stranger.pkcs12(SIGNER, ORGANIZATION, PASSPHRASE), passphrase=PASSPHRASE)
    signed = signatures.sign_pdf(issued, key=key, appearance=_appearance(issued))

    with pytest.raises(ValidationError) as refused:
        signatures.accept_returned(issued, signed, trust_roots=[authority.pem])
    assert any(SIGNER in message for message in refused.value.messages)
