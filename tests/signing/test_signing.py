"""Signing a year's documents in the app and in the office's own tool, and checking them
(issue 14). The keys and the authority are made in the test (tests/pki.py)."""

import pytest
from django.core.exceptions import ValidationError
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from documents import registry, signatures
from documents.models import StoredDocument
from signing import selectors, services
from signing.models import SignatureRecord, SigningKey
from tests.pki import PASSPHRASE, SIGNER


def _report(bloc_year):
    return selectors.document_of_year(bloc_year, "report")


def _signature_widgets(pdf: bytes) -> list:
    """(page index, rounded rectangle) of every signature widget of the PDF."""
    from io import BytesIO

    from pypdf import PdfReader

    widgets = []
    for index, page in enumerate(PdfReader(BytesIO(pdf)).pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if (
                annotation.get("/FT") == "/Sig"
                or annotation.get("/Parent", {}).get("/FT") == "/Sig"
            ):
                widgets.append((index, [round(float(v)) for v in annotation["/Rect"]]))
    return widgets


def _sign_outside(pdf: bytes, authority, name, organization) -> bytes:
    """What an office's own tool does: an incremental signature on top of the given bytes."""
    key = signatures.Pkcs12Key(
        data=authority.pkcs12(name, organization, passphrase=PASSPHRASE), passphrase=PASSPHRASE
    )
    appearance = signatures.Appearance(
        organization=organization, box=signatures.signature_box(pdf, name)
    )
    return signatures.sign_pdf(pdf, key=key, appearance=appearance)


def test_the_head_units_key_signs_the_report_and_every_print_gives_the_signed_copy(
    bloc_year, issued_report, trusted, head_key, head_signer, leader
):
    stored = services.document_sign(
        bloc_year=bloc_year,
        document=_report(bloc_year),
        key=head_key,
        secret=PASSPHRASE,
        user=leader,
    )

    assert stored.is_signed and stored.signatures[0]["signer"] == head_signer
    printed = registry.render("report", bloc_year).content
    assert printed == bytes(stored.content)
    [check] = signatures.verify_pdf(
        printed, trust_roots=selectors.trust_roots(bloc_year.bloc.province)
    )
    assert check.ok and check.chain == [head_signer, "CA thử nghiệm của tỉnh"]
    # The issued bytes are untouched underneath the signature.
    issued = StoredDocument.objects.get(key=stored.key, signed_at__isnull=True)
    assert printed.startswith(bytes(issued.content)) and stored.issued_sha256 == issued.sha256
    # The signature's widget sits between the title and the signer's printed name.
    page, box = signatures.signature_box(bytes(issued.content), head_signer)
    assert _signature_widgets(printed) == [(page, [round(v) for v in box])]
    assert [r.action for r in SignatureRecord.objects.order_by("at", "pk")] == [
        SignatureRecord.Action.ISSUED,
        SignatureRecord.Action.SIGNED,
    ]


def test_a_wrong_passphrase_signs_nothing_and_says_why(
    bloc_year, issued_report, trusted, head_key, leader
):
    with pytest.raises(ValidationError, match="passphrase|mật khẩu"):
        services.document_sign(
            bloc_year=bloc_year,
            document=_report(bloc_year),
            key=head_key,
            secret="sai",
            user=leader,
        )
    assert not StoredDocument.objects.filter(signed_at__isnull=False).exists()


def test_no_signature_is_accepted_before_the_province_names_its_authorities(
    bloc_year, issued_report, head_key, leader
):
    with pytest.raises(ValidationError, match="trust anchors|tin cậy"):
        services.document_sign(
            bloc_year=bloc_year,
            document=_report(bloc_year),
            key=head_key,
            secret=PASSPHRASE,
            user=leader,
        )
    assert not StoredDocument.objects.filter(signed_at__isnull=False).exists()


def test_a_key_of_another_organization_cannot_sign_the_head_units_report(
    bloc_year, issued_report, trusted, authority, member, member_org
):
    other = services.key_add(
        organization=member_org,
        user=member,
        label="Khóa khác",
        kind="pkcs12",
        secret=PASSPHRASE,
        pkcs12_data=authority.pkcs12("Người khác", member_org.name, passphrase=PASSPHRASE),
    )
    with pytest.raises(ValidationError):
        services.document_sign(
            bloc_year=bloc_year,
            document=_report(bloc_year),
            key=other,
            secret=PASSPHRASE,
            user=member,
        )


def test_a_copy_signed_in_the_offices_own_tool_is_kept_as_the_issued_copy(
    bloc_year, issued_report, trusted, authority, head_signer, leader
):
    kept = services.document_keep(bloc_year=bloc_year, document=_report(bloc_year), user=leader)
    signed = _sign_outside(bytes(kept.content), authority, head_signer, bloc_year.head.name)

    stored = services.document_accept(
        bloc_year=bloc_year, document=_report(bloc_year), data=signed, user=leader
    )

    assert stored.is_signed and bytes(stored.content) == signed
    assert registry.render("report", bloc_year).content == signed


def test_a_pdf_signed_over_altered_bytes_is_refused_with_the_reason(
    bloc_year, issued_report, trusted, authority, head_signer, leader
):
    kept = services.document_keep(bloc_year=bloc_year, document=_report(bloc_year), user=leader)
    altered = bytes(kept.content).replace(b"%PDF-1.7", b"%PDF-1.6", 1)  # one byte changed
    assert altered != bytes(kept.content)
    signed = _sign_outside(altered, authority, head_signer, bloc_year.head.name)

    with pytest.raises(ValidationError, match="unchanged|nguyên văn"):
        services.document_accept(
            bloc_year=bloc_year, document=_report(bloc_year), data=signed, user=leader
        )
    assert registry.current_stored("report", bloc_year).pk == kept.pk  # nothing changed


def test_a_pdf_signed_with_an_untrusted_certificate_is_refused_with_the_reason(
    bloc_year, issued_report, trusted, stranger, head_signer, leader
):
    kept = services.document_keep(bloc_year=bloc_year, document=_report(bloc_year), user=leader)
    signed = _sign_outside(bytes(kept.content), stranger, head_signer, bloc_year.head.name)

    with pytest.raises(ValidationError) as refused:
        services.document_accept(
            bloc_year=bloc_year, document=_report(bloc_year), data=signed, user=leader
        )
    assert head_signer in " ".join(refused.value.messages)
    assert registry.current_stored("report", bloc_year).pk == kept.pk


def test_something_added_after_the_signature_is_refused(
    bloc_year, issued_report, trusted, authority, head_signer, leader
):
    kept = services.document_keep(bloc_year=bloc_year, document=_report(bloc_year), user=leader)
    signed = _sign_outside(bytes(kept.content), authority, head_signer, bloc_year.head.name)
    from io import BytesIO

    writer = IncrementalPdfFileWriter(BytesIO(signed))
    writer.root["/Lang"] = writer.root.get("/Lang", "vi")  # any change after signing
    writer.update_root()
    out = BytesIO()
    writer.write(out)

    with pytest.raises(ValidationError):
        services.document_accept(
            bloc_year=bloc_year, document=_report(bloc_year), data=out.getvalue(), user=leader
        )


def test_a_key_file_without_a_passphrase_is_refused(bloc_year, authority, leader):
    with pytest.raises(ValidationError, match="passphrase|mật khẩu"):
        services.key_add(
            organization=bloc_year.head,
            user=leader,
            label="Không mã hóa",
            kind="pkcs12",
            secret="",
            pkcs12_data=authority.pkcs12(SIGNER, passphrase=None),
        )
    assert not SigningKey.objects.exists()


def test_a_document_not_issued_yet_cannot_be_kept_or_signed(bloc_year, trusted, leader):
    with pytest.raises(ValidationError, match="not issued|chưa"):
        services.document_keep(bloc_year=bloc_year, document=_report(bloc_year), user=leader)


def test_closing_the_year_keeps_the_signed_copy_and_the_dossier_ships_it(
    bloc_year, issued_report, trusted, head_key, leader
):
    from khoithidua import services as year_services
    from tests.khoithidua.factories import meeting_held, sheets_final

    signed = services.document_sign(
        bloc_year=bloc_year,
        document=_report(bloc_year),
        key=head_key,
        secret=PASSPHRASE,
        user=leader,
    )
    meeting_held(bloc_year, applied=True)
    sheets_final(bloc_year)
    year_services.year_close(bloc_year=bloc_year, user=leader)

    assert registry.current_stored("report", bloc_year).pk == signed.pk
    import io
    import zipfile

    dossier = zipfile.ZipFile(io.BytesIO(registry.render("dossier", bloc_year).content))
    shipped = [
        dossier.read(n)
        for n in dossier.namelist()
        if "bao-cao-tong-ket" in n and n.endswith(".pdf")
    ]
    assert shipped == [bytes(signed.content)]


def test_withdrawing_a_signed_copy_prints_the_document_anew_and_keeps_the_reason(
    bloc_year, issued_report, trusted, head_key, leader
):
    services.document_sign(
        bloc_year=bloc_year,
        document=_report(bloc_year),
        key=head_key,
        secret=PASSPHRASE,
        user=leader,
    )
    services.document_withdraw(
        bloc_year=bloc_year, document=_report(bloc_year), user=leader, reason="Sai số liệu"
    )

    assert registry.current_stored("report", bloc_year) is None
    assert SignatureRecord.objects.filter(action="withdrawn", reason="Sai số liệu").exists()
    assert StoredDocument.objects.filter(signed_at__isnull=False).count() == 1  # kept as history


def test_a_trusted_signature_by_someone_else_than_the_signer_is_refused(
    bloc_year, issued_report, trusted, authority, leader
):
    kept = services.document_keep(bloc_year=bloc_year, document=_report(bloc_year), user=leader)
    other = "Trần Văn Khác"
    pdf = bytes(kept.content)
    key = signatures.Pkcs12Key(
        data=authority.pkcs12(other, passphrase=PASSPHRASE), passphrase=PASSPHRASE
    )
    page, box = signatures.signature_box(pdf, _report(bloc_year).signer_name)
    signed = signatures.sign_pdf(
        pdf, key=key, appearance=signatures.Appearance(organization="X", box=(page, box))
    )

    with pytest.raises(ValidationError, match=other):
        services.document_accept(
            bloc_year=bloc_year, document=_report(bloc_year), data=signed, user=leader
        )
    assert not registry.current_stored("report", bloc_year).is_signed


def test_the_copy_to_sign_carries_an_empty_field_where_the_signature_goes(
    bloc_year, issued_report, leader, head_signer
):
    kept = services.document_keep(bloc_year=bloc_year, document=_report(bloc_year), user=leader)

    issued = registry.renderer_for("report")(bloc_year).content
    page, box = signatures.signature_box(issued, head_signer)
    assert _signature_widgets(bytes(kept.content)) == [(page, [round(v) for v in box])]
