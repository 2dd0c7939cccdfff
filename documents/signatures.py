"""Digital signatures on issued documents (PAdES, pyHanko), as Decree 30 shows them.

Signing: the head unit's signer signs with a key the organization provides, a PKCS#12 file
(kept only as the organization uploaded it, encrypted under its own passphrase) or a key on a
PKCS#11 token or HSM on the server. The passphrase or PIN is asked at signing and never kept.
The visible appearance follows Decree 30, Appendix I, Part II: the signature image centred,
the organization's seal over its left third, the organization's name and the signing time in
ISO 8601 with Vietnam's time zone.

Verifying: who signed, when, the certificate chain to the trust anchors the province configures,
and whether the document changed since. A document signed outside the app comes back as the
issued bytes with an incremental update on top: anything else is refused with the reason.

This bottom layer knows nothing of blocs: callers pass bytes, keys and trust anchors."""

import asyncio
import base64
import datetime
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
FIELD_NAME = "ChuKySo"
MM = 72 / 25.4  # PDF points per millimetre


@dataclass(frozen=True)
class Pkcs12Key:
    """A PKCS#12 (.p12/.pfx) file as the organization gave it, and the passphrase typed now."""

    data: bytes
    passphrase: str


@dataclass(frozen=True)
class Pkcs11Key:
    """A key on a PKCS#11 token or HSM: the module, the token, the key's label, and the PIN
    typed now. The certificate is read from the token unless given (DER or PEM)."""

    library: str
    token_label: str
    key_label: str
    pin: str
    certificate: bytes | None = None


@dataclass(frozen=True)
class Appearance:
    """What the signature shows on the page. `box` is (page index, (x1, y1, x2, y2)) in PDF
    points from the bottom left; images are PNG bytes."""

    organization: str
    box: tuple[int, tuple[float, float, float, float]]
    signature_png: bytes | None = None
    seal_png: bytes | None = None


@dataclass
class SignatureCheck:
    """One signature of a PDF, as a reader of the dossier needs to see it."""

    field: str
    signer: str = ""
    organization: str = ""
    signed_at: datetime.datetime | None = None
    chain: list[str] = field(default_factory=list)
    intact: bool = False  # the signed bytes are unchanged
    valid: bool = False  # the cryptographic signature is correct
    trusted: bool = False  # the chain ends at one of the trust anchors
    covers_whole_file: bool = False  # nothing was added after this signature
    visible: bool = False  # it shows on a page (Decree 30 asks for its image)
    revision: int = 0  # the file's revision (0 = the first) that added this signature
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and not self.problems


def _outside_event_loop(function):
    """pyHanko's plain functions run their own asyncio loop: where a loop already runs in this
    thread (an async view, a browser driven from the same process), run them in another one."""

    def run(*args, **kwargs):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return function(*args, **kwargs)
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(function, *args, **kwargs).result()

    run.__doc__ = function.__doc__
    run.__name__ = function.__name__
    return run


# --- signing ----------------------------------------------------------------------------------


@contextmanager
def opened_signer(key):
    """A pyHanko signer for the key; a token's session closes when the block ends."""
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.sign import signers

    if isinstance(key, Pkcs12Key):
        # From memory, not a temporary file: load_pkcs12 logs a wrong passphrase as an error with
        # its traceback; load_pkcs12_data raises ValueError, which is the user's typing, not ours.
        try:
            signer = signers.SimpleSigner.load_pkcs12_data(
                key.data, other_certs=[], passphrase=key.passphrase.encode()
            )
        except ValueError:
            raise ValidationError(
                _("The key file could not be opened: check the passphrase and the file.")
            ) from None
        yield signer
        return
    from pkcs11 import PKCS11Error
    from pyhanko.sign import pkcs11 as hanko_pkcs11
    from pyhanko.sign.general import SigningError

    try:
        session = hanko_pkcs11.open_pkcs11_session(
            key.library,
            token_criteria=hanko_pkcs11.TokenCriteria(label=key.token_label),
            user_pin=key.pin,
        )
    except (PKCS11Error, SigningError, OSError) as error:
        raise ValidationError(
            _("The token could not be opened: check that it is present and the PIN.")
        ) from error
    try:
        certificate = None
        if key.certificate:
            with tempfile.NamedTemporaryFile(suffix=".crt") as handle:
                handle.write(key.certificate)
                handle.flush()
                certificate = load_cert_from_pemder(handle.name)
        yield hanko_pkcs11.PKCS11Signer(
            session,
            key_label=key.key_label,
            signing_cert=certificate,
            cert_label=None if certificate else key.key_label,
        )
    finally:
        session.close()


def appearance_pdf(appearance: Appearance, when: datetime.datetime) -> bytes:
    """The signature's visible face, drawn by the same HTML → PDF engine as the documents (so in
    the same font): the signature image centred, the seal over its left third, the name of the
    organization and the signing time."""
    from documents.rendering import html_to_pdf

    _page, (x1, y1, x2, y2) = appearance.box

    def data_url(png: bytes | None) -> str:
        return "data:image/png;base64," + base64.b64encode(png).decode() if png else ""

    html = render_to_string(
        "documents/signature_appearance.html",
        {
            "width_mm": (x2 - x1) / MM,
            "height_mm": (y2 - y1) / MM,
            "signature": data_url(appearance.signature_png),
            "seal": data_url(appearance.seal_png),
            "organization": appearance.organization,
            "when": when.astimezone(VIETNAM).isoformat(timespec="seconds"),
        },
    )
    return html_to_pdf(html)


@_outside_event_loop
def sign_pdf(
    pdf: bytes,
    *,
    key: Pkcs12Key | Pkcs11Key,
    appearance: Appearance,
    reason: str = "",
    when: datetime.datetime | None = None,
) -> bytes:
    """The PDF with a PAdES signature added as an incremental update: the issued bytes stay
    exactly as they were, followed by the signature."""
    from pyhanko.pdf_utils import content
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    when = (when or datetime.datetime.now(tz=VIETNAM)).astimezone(VIETNAM)
    page, box = appearance.box
    with tempfile.NamedTemporaryFile(suffix=".pdf") as face:
        face.write(appearance_pdf(appearance, when))
        face.flush()
        style = StaticStampStyle(
            background=content.ImportedPdfPage(face.name),
            background_opacity=1.0,
            border_width=0,
        )
        with opened_signer(key) as signer:
            writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
            meta = signers.PdfSignatureMetadata(
                field_name=FIELD_NAME,
                subfilter=fields.SigSeedSubFilter.PADES,
                reason=reason or None,
                md_algorithm="sha256",
            )
            # Into the empty field the kept copy carries (with_signature_field), else a new one.
            empty = {name for name, _value, _ref in fields.enumerate_sig_fields(writer, False)}
            spec = None if FIELD_NAME in empty else fields.SigFieldSpec(FIELD_NAME, page, box=box)
            out = BytesIO()
            signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=spec).sign_pdf(
                writer, output=out
            )
    return out.getvalue()


def with_signature_field(pdf: bytes, box: tuple) -> bytes:
    """The PDF with an empty signature field where the signature goes (an incremental update):
    the copy to sign in an office's own tool, which signs into that field, visibly, there."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    page, rect = box
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    fields.append_signature_field(writer, fields.SigFieldSpec(FIELD_NAME, on_page=page, box=rect))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def signature_box(pdf: bytes, name: str, *, width_mm=60, height_mm=26) -> tuple:
    """Where the signature goes: centred on the signer's printed name, in the space between the
    title and the name that Decree 30 leaves for it, on the last page that prints the name."""
    from pypdf import PdfReader

    def mult(m, n):  # 3×3 affine matrices as PDF writes them: (a, b, c, d, e, f)
        return (
            m[0] * n[0] + m[1] * n[2],
            m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4],
            m[4] * n[1] + m[5] * n[3] + n[5],
        )

    reader = PdfReader(BytesIO(pdf))
    for index in range(len(reader.pages) - 1, -1, -1):
        spots = []

        def visit(text, cm, tm, _font, size, spots=spots):
            if name and name in text:
                a, b, _c, d, e, f = mult(tm, cm)  # text space → page space
                scale = (a * a + b * b) ** 0.5
                spots.append((e, f, size * scale))

        reader.pages[index].extract_text(visitor_text=visit)
        if spots:
            x, y, size = spots[-1]
            centre = x + len(name) * size * 0.25  # half the name at about 0.5 em a letter
            width, height = width_mm * MM, height_mm * MM
            bottom = y + size * 1.2
            return index, (centre - width / 2, bottom, centre + width / 2, bottom + height)
    raise ValidationError(
        _("The signer's name “%(name)s” is not printed in the document: it cannot be signed.")
        % {"name": name}
    )


# --- verifying --------------------------------------------------------------------------------


def _certificate_name(cert, attribute: str) -> str:
    return str(cert.subject.native.get(attribute, "") or "")


def _context(trust_roots: list[bytes]):
    from pyhanko.keys import load_certs_from_pemder_data
    from pyhanko_certvalidator import ValidationContext

    roots = []
    for data in trust_roots:
        roots.extend(load_certs_from_pemder_data(data))
    # Offline: the province's own anchors, no fetching of revocation data from the network.
    return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")


@_outside_event_loop
def verify_pdf(pdf: bytes, *, trust_roots: list[bytes]) -> list[SignatureCheck]:
    """Every signature of the PDF, checked against the trust anchors."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as error:  # pyHanko raises many kinds for a file that is not a sound PDF
        raise ValidationError(_("This file is not a PDF that can be read.")) from error
    checks = []
    for embedded in signatures:
        check = SignatureCheck(field=embedded.field_name or "")
        try:
            status = validate_pdf_signature(embedded, _context(trust_roots))
        except Exception as error:  # a malformed signature dictionary
            check.problems.append(_("The signature cannot be read: %(error)s") % {"error": error})
            checks.append(check)
            continue
        cert = status.signing_cert
        check.signer = _certificate_name(cert, "common_name")
        check.organization = _certificate_name(cert, "organization_name")
        signed_at = status.signer_reported_dt
        check.signed_at = signed_at.astimezone(VIETNAM) if signed_at else None
        check.intact, check.valid, check.trusted = status.intact, status.valid, status.trusted
        path = getattr(status, "validation_path", None)
        if path is not None:
            certs = list(path.iter_certs(include_root=True))
            check.chain = [_certificate_name(c, "common_name") for c in reversed(certs)]
        else:  # no path to an anchor: at least say who issued it
            check.chain = [check.signer, str(cert.issuer.native.get("common_name", "?"))]
        check.covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        check.visible = _is_visible(embedded.sig_field)
        check.revision = embedded.signed_revision
        check.problems = _problems(status, check)
        checks.append(check)
    return checks


def _is_visible(sig_field) -> bool:
    """The field's widget has an area on a page (an invisible signature has a 0×0 one)."""
    widgets = sig_field.get("/Kids") or [sig_field]
    for widget in widgets:
        rect = widget.get_object().get("/Rect")
        if rect is not None:
            x1, y1, x2, y2 = (float(v) for v in rect)
            if abs(x2 - x1) > 1 and abs(y2 - y1) > 1:
                return True
    return False


def _problems(status, check: SignatureCheck) -> list[str]:
    """Why the signature is not to be relied on, each reason once and only where it applies."""
    from pyhanko.sign.diff_analysis import ModificationLevel

    if not status.intact:
        return [_("The document was changed after it was signed.")]
    if not status.valid:
        return [_("The signature does not match the document.")]
    problems = []
    level = status.modification_level
    if not status.docmdp_ok or (level is not None and level > ModificationLevel.FORM_FILLING):
        problems.append(
            _("The document was changed after this signature, not only by adding signatures.")
        )
    if not status.trusted:
        problems.append(
            _("The certificate of %(signer)s does not lead to a trust anchor of the province.")
            % {"signer": check.signer or "?"}
        )
    return problems


@_outside_event_loop
def certificate_trusted(certificate_pem: bytes, *, trust_roots: list[bytes]) -> bool:
    """Does this certificate lead up to one of the trust anchors (offline)?"""
    from pyhanko.keys import load_certs_from_pemder_data
    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

    try:
        [cert, *_rest] = load_certs_from_pemder_data(certificate_pem)
        context = _context(trust_roots)
    except ValueError:  # not a certificate we can read: it leads nowhere
        return False
    if not trust_roots:
        return False
    validator = CertificateValidator(cert, validation_context=context)
    try:
        asyncio.run(validator.async_validate_path())
    except (PathBuildingError, PathValidationError):
        return False
    return True


def accept_returned(issued: bytes, returned: bytes, *, trust_roots: list[bytes]) -> list:
    """A document signed outside the app: accepted only if it is the issued bytes with signed
    incremental updates on top, every signature valid, trusted and covering what it claims.
    Refused otherwise, with the reason."""
    if not returned.startswith(issued):
        raise ValidationError(
            _(
                "This PDF does not contain the issued document unchanged: sign the file "
                "downloaded from the app, without saving it under another form first."
            )
        )
    if len(returned) == len(issued):
        raise ValidationError(_("This PDF carries no signature."))
    checks = verify_pdf(returned, trust_roots=trust_roots)
    if not checks:
        raise ValidationError(_("This PDF carries no signature."))
    problems = [p for check in checks for p in check.problems]
    if problems:
        raise ValidationError(problems)
    if not checks[-1].covers_whole_file:
        raise ValidationError(_("Something was added to the document after its last signature."))
    # Between the issued bytes and the first signature nothing else may come: a change made in
    # an unsigned update and then signed over would otherwise pass as the issued document.
    first = min(check.revision for check in checks)
    if first != _revisions(issued):
        raise ValidationError(
            _("The document was changed before it was signed: sign the issued copy as it is.")
        )
    if not all(check.visible for check in checks):
        raise ValidationError(
            _("A signature does not show on the page: Decree 30 asks for its visible image.")
        )
    return checks


def _revisions(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return PdfFileReader(BytesIO(pdf), strict=False).xrefs.total_revisions
