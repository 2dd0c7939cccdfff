"""Writes of the signing app: keys, trust anchors, and a document's way from issued to signed.

One acceptance rule serves both ways of signing: a copy signed in the app and one signed in the
office's own tool are both kept only when `documents.signatures.accept_returned` finds the
issued bytes unchanged underneath, every signature valid and trusted by the province."""

import dataclasses
import hashlib
from io import BytesIO

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import registry, signatures
from documents.rendering import Rendered
from documents.text import name_key
from members.models import BlocYear
from signing import selectors
from signing.models import SignatureRecord, SigningKey, TrustAnchor

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_SIDE = 1200  # pixels; the face is a few centimetres wide
MAX_KEY_BYTES = 64 * 1024
MAX_PDF_BYTES = 30 * 1024 * 1024


# --- certificates and images ------------------------------------------------------------------


def _name(name: x509.Name) -> str:
    common = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(common[0].value) if common else name.rfc4514_string()


def _certificate_fields(cert: x509.Certificate) -> dict:
    return {
        "certificate": cert.public_bytes(serialization.Encoding.PEM).decode(),
        "subject": _name(cert.subject)[:255],
        "issuer": _name(cert.issuer)[:255],
        "valid_until": cert.not_valid_after_utc,
    }


def _require_current(cert: x509.Certificate) -> None:
    if cert.not_valid_after_utc < timezone.now():
        raise ValidationError(
            _("The certificate expired on %(date)s.")
            % {"date": cert.not_valid_after_utc.strftime("%d/%m/%Y")}
        )


def read_certificates(data: bytes) -> list[x509.Certificate]:
    """Certificates in a PEM (one or several) or DER file; refused with a message otherwise."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError as error:
        raise ValidationError(
            _("This file is not a certificate (a .crt, .cer or .pem file is expected).")
        ) from error


def clean_image(data: bytes | None, *, what: str) -> bytes:
    """An uploaded PNG or JPEG, checked and stored as PNG (at most 1,200 pixels a side)."""
    if not data:
        return b""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_IMAGE_BYTES:
        raise ValidationError(_("The %(what)s is larger than 2 MB.") % {"what": what})
    try:
        image = Image.open(BytesIO(data))
        if image.format not in ("PNG", "JPEG"):
            raise UnidentifiedImageError
        if image.width * image.height > 40_000_000:  # read the header only: no bomb is opened
            raise UnidentifiedImageError
        image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
        out = BytesIO()
        image.convert("RGBA").save(out, format="PNG")
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValidationError(
            _("The %(what)s must be a PNG or JPEG picture.") % {"what": what}
        ) from error
    return out.getvalue()


# --- keys -------------------------------------------------------------------------------------


def pkcs11_modules() -> dict[str, str]:
    """The PKCS#11 modules the server allows, by name (settings.SIGNING_PKCS11_MODULES): a user
    picks one by name and never types a library path (loading one runs its code)."""
    return dict(getattr(settings, "SIGNING_PKCS11_MODULES", {}))


def _open_pkcs12(data: bytes, passphrase: str) -> x509.Certificate:
    if len(data) > MAX_KEY_BYTES:
        raise ValidationError(_("This key file is too large to be a PKCS#12 file."))
    try:
        pkcs12.load_key_and_certificates(data, None)
    except (ValueError, TypeError):
        pass  # as it should be: the key needs its passphrase
    else:
        raise ValidationError(
            _(
                "This key file is not protected by a passphrase: keys are never kept "
                "unencrypted. Export it again with a passphrase."
            )
        )
    try:
        key, cert, _chain = pkcs12.load_key_and_certificates(data, passphrase.encode())
    except (ValueError, TypeError) as error:
        raise ValidationError(
            _("The key file could not be opened: check the passphrase and the file.")
        ) from error
    if key is None or cert is None:
        raise ValidationError(_("The key file holds no key with its certificate."))
    return cert


def _token_certificate(module: str, token_label: str, key_label: str, pin: str):
    key = signatures.Pkcs11Key(
        library=pkcs11_modules()[module], token_label=token_label, key_label=key_label, pin=pin
    )
    try:
        with signatures.opened_signer(key) as signer:
            der = signer.signing_cert.dump()
    except ValidationError:
        raise
    except Exception as error:  # no certificate of that label on the token
        raise ValidationError(
            _("No certificate named “%(label)s” was found on the token.") % {"label": key_label}
        ) from error
    return x509.load_der_x509_certificate(der)


@transaction.atomic
def key_add(
    *,
    organization,
    user,
    label: str,
    kind: str,
    secret: str,
    pkcs12_data: bytes = b"",
    module: str = "",
    token_label: str = "",
    key_label: str = "",
    signature_image: bytes | None = None,
    seal_image: bytes | None = None,
) -> SigningKey:
    """Add an organization's key, checked by opening it with the passphrase or PIN typed now
    (which is not kept)."""
    if kind == SigningKey.Kind.PKCS12:
        cert = _open_pkcs12(pkcs12_data, secret)
        module = token_label = key_label = ""
    else:
        if module not in pkcs11_modules():
            raise ValidationError({"module": _("Choose a module the server offers.")})
        if not token_label or not key_label:
            raise ValidationError(_("Name the token and the key on it."))
        cert = _token_certificate(module, token_label, key_label, secret)
        pkcs12_data = b""
    _require_current(cert)
    return SigningKey.objects.create(
        organization=organization,
        label=label,
        kind=kind,
        pkcs12=pkcs12_data,
        module=module,
        token_label=token_label,
        key_label=key_label,
        signature_image=clean_image(signature_image, what=_("signature image")),
        seal_image=clean_image(seal_image, what=_("seal image")),
        created_by=user,
        **_certificate_fields(cert),
    )


@transaction.atomic
def key_set_active(*, key: SigningKey, active: bool) -> SigningKey:
    key.is_active = active
    key.save(update_fields=["is_active"])
    return key


def _signing_key(key: SigningKey, secret: str):
    if key.kind == SigningKey.Kind.PKCS12:
        return signatures.Pkcs12Key(data=bytes(key.pkcs12), passphrase=secret)
    library = pkcs11_modules().get(key.module)
    if library is None:
        raise ValidationError(_("The server no longer offers this key's token module."))
    return signatures.Pkcs11Key(
        library=library,
        token_label=key.token_label,
        key_label=key.key_label,
        pin=secret,
        certificate=key.certificate.encode(),
    )


# --- trust anchors ----------------------------------------------------------------------------


@transaction.atomic
def anchor_add(*, province, user, data: bytes, name: str = "") -> list[TrustAnchor]:
    """The province trusts signatures that lead up to these certificates."""
    added = []
    for cert in read_certificates(data):
        fingerprint = cert.fingerprint(hashes.SHA256()).hex()
        if TrustAnchor.objects.filter(province=province, fingerprint=fingerprint).exists():
            raise ValidationError(
                _("The province already trusts “%(name)s”.") % {"name": _name(cert.subject)}
            )
        added.append(
            TrustAnchor.objects.create(
                province=province,
                name=(name or _name(cert.subject))[:255],
                certificate=cert.public_bytes(serialization.Encoding.PEM).decode(),
                fingerprint=fingerprint,
                valid_until=cert.not_valid_after_utc,
                created_by=user,
            )
        )
    return added


@transaction.atomic
def anchor_remove(*, anchor: TrustAnchor) -> None:
    anchor.delete()


# --- a document's way to its signatures --------------------------------------------------------


def _require_open(bloc_year: BlocYear) -> None:
    if bloc_year.is_closed:
        raise ValidationError(
            _("The year %(year)s is closed: its documents are filed as they are.")
            % {"year": bloc_year.year}
        )


def _record(bloc_year, document, action, user, *, stored=None, signer="", reason=""):
    SignatureRecord.objects.create(
        bloc_year=bloc_year,
        document_key=document.key,
        title=document.title[:255],
        action=action,
        user=user,
        signer=signer[:255],
        reason=reason,
        sha256=stored.sha256 if stored is not None else "",
    )


@transaction.atomic
def document_keep(*, bloc_year: BlocYear, document, user):
    """Keep the document as it prints now: from here on every print (and the dossier) gives
    these bytes, which are the ones to sign."""
    _require_open(bloc_year)
    if not document.issued:
        raise ValidationError(
            _("“%(title)s” is not issued yet: it needs its date and number first.")
            % {"title": document.title}
        )
    kept = selectors.kept_copy(document)
    if kept is not None:
        return kept
    rendered = document.build()
    kept = registry.store_key(
        document.key,
        document.kind,
        dataclasses.replace(rendered, content=_with_field(rendered.content, document)),
    )
    _record(bloc_year, document, SignatureRecord.Action.ISSUED, user, stored=kept)
    return kept


def _with_field(pdf: bytes, document) -> bytes:
    """The copy to sign carries an empty signature field between the title and the signer's
    name, so any tool signs there, visibly. Without a printed name it has none (a tool then
    places its own)."""
    try:
        box = signatures.signature_box(pdf, document.signer_name)
    except ValidationError:
        return pdf
    return signatures.with_signature_field(pdf, box)


def _check_dicts(checks) -> list[dict]:
    rows = []
    for check in checks:
        row = dataclasses.asdict(check)
        row["signed_at"] = check.signed_at.isoformat() if check.signed_at else None
        rows.append(row)
    return rows


def _accept(bloc_year, document, kept, signed: bytes, user, action) -> object:
    """Keep the signed copy if the one rule accepts it (else ValidationError with the reason)."""
    roots = selectors.trust_roots(selectors.province_of(bloc_year))
    if not roots:
        raise ValidationError(
            _(
                "The province has no trust anchors yet: its emulation office adds the "
                "certificate authorities it accepts before documents can be signed."
            )
        )
    issued = bytes(kept.content)
    checks = signatures.accept_returned(issued, signed, trust_roots=roots)
    _require_signers(document, checks)
    stored = registry.store_key(
        document.key,
        document.kind,
        Rendered(
            filename=kept.filename,
            mimetype=kept.mimetype,
            content=signed,
            data=kept.data,
            docx=bytes(kept.word_content) or None,
        ),
        issued_sha256=kept.issued_sha256 or kept.sha256,
        signed_at=timezone.now(),
        signatures=_check_dicts(checks),
    )
    signer = ", ".join(check.signer for check in checks if check.signer)
    _record(bloc_year, document, action, user, stored=stored, signer=signer)
    return stored


def _require_signers(document, checks) -> None:
    """The signatures are the document's own: by its printed signer, or by the issuing
    organization itself (its seal's certificate); the signer's among them."""
    signer, issuer = name_key(document.signer_name), name_key(str(document.issuer))
    strangers = [c.signer for c in checks if name_key(c.signer) not in (signer, issuer)]
    if strangers or signer not in {name_key(c.signer) for c in checks}:
        raise ValidationError(
            _(
                "The document is signed by %(found)s, but its signer is %(signer)s "
                "(%(issuer)s): only their signatures are accepted."
            )
            % {
                "found": ", ".join(c.signer or "?" for c in checks),
                "signer": document.signer_name or "?",
                "issuer": document.issuer,
            }
        )


def _require_signer(document, key: SigningKey) -> None:
    if key.organization_id != document.issuer.pk or not key.is_active:
        raise ValidationError(
            {"key": _("Choose a key of %(issuer)s.") % {"issuer": document.issuer}}
        )


@transaction.atomic
def document_sign(
    *,
    bloc_year: BlocYear,
    document,
    key: SigningKey,
    secret: str,
    user,
):
    """Sign the issued copy with the organization's key, the passphrase or PIN typed now; the
    face shows the signing time the signature itself carries (now)."""
    _require_open(bloc_year)
    _require_signer(document, key)
    kept = document_keep(bloc_year=bloc_year, document=document, user=user)
    if kept.is_signed:
        raise ValidationError(
            _("“%(title)s” is signed already: withdraw the signed copy to sign it again.")
            % {"title": document.title}
        )
    issued = bytes(kept.content)
    appearance = signatures.Appearance(
        organization=str(document.issuer),
        box=signatures.signature_box(issued, document.signer_name),
        signature_png=bytes(key.signature_image) or None,
        seal_png=bytes(key.seal_image) or None,
    )
    signed = signatures.sign_pdf(
        issued,
        key=_signing_key(key, secret),
        appearance=appearance,
        reason=document.title,
    )
    return _accept(bloc_year, document, kept, signed, user, SignatureRecord.Action.SIGNED)


@transaction.atomic
def document_accept(*, bloc_year: BlocYear, document, data: bytes, user):
    """A copy signed in the office's own tool: the kept copy's bytes with signatures on top."""
    _require_open(bloc_year)
    if len(data) > MAX_PDF_BYTES:
        raise ValidationError(_("The file is larger than 30 MB."))
    kept = selectors.kept_copy(document)
    if kept is None:
        raise ValidationError(
            _(
                "Download the copy for signing first: the signed file must be that copy "
                "with signatures added."
            )
        )
    if hashlib.sha256(data).hexdigest() == kept.sha256:
        raise ValidationError(
            _("This is the copy already kept: it has no new signature.")
            if kept.is_signed
            else _("This PDF carries no signature.")
        )
    return _accept(bloc_year, document, kept, data, user, SignatureRecord.Action.ACCEPTED)


@transaction.atomic
def document_withdraw(*, bloc_year: BlocYear, document, user, reason: str) -> None:
    """The kept (or signed) copy is set aside, kept as history: the document prints anew."""
    _require_open(bloc_year)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the copy is withdrawn.")})
    kept = selectors.kept_copy(document)
    if kept is None:
        raise ValidationError(_("There is no kept copy to withdraw."))
    kept.superseded_at = timezone.now()
    kept.save(update_fields=["superseded_at"])
    _record(bloc_year, document, SignatureRecord.Action.WITHDRAWN, user, reason=reason)
