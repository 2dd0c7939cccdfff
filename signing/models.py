"""Keys that sign a bloc's documents, and the certificates the province trusts.

A key belongs to an organization: a PKCS#12 file kept exactly as uploaded (its private key is
encrypted under a passphrase nobody stores; a file whose key opens without one is refused), or
a key on a PKCS#11 token or HSM on the server, named by a module the server's settings allow.
The signature and seal images are drawn in the signature's visible face (Decree 30)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Organization, Province


class SigningKey(models.Model):
    class Kind(models.TextChoices):
        PKCS12 = "pkcs12", _("Key file (PKCS#12)")
        PKCS11 = "pkcs11", _("Token or HSM (PKCS#11)")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="signing_keys",
        verbose_name=_("organization"),
    )
    label = models.CharField(pgettext_lazy("signing key", "name"), max_length=120)
    kind = models.CharField(
        pgettext_lazy("signing key", "kind"), max_length=10, choices=Kind.choices
    )
    pkcs12 = models.BinaryField(_("key file"), blank=True, default=b"")
    module = models.CharField(_("PKCS#11 module"), max_length=60, blank=True)
    token_label = models.CharField(_("token"), max_length=120, blank=True)
    key_label = models.CharField(_("key on the token"), max_length=120, blank=True)
    certificate = models.TextField(_("certificate (PEM)"))
    subject = models.CharField(_("certificate holder"), max_length=255)
    issuer = models.CharField(_("certificate issuer"), max_length=255)
    valid_until = models.DateTimeField(_("valid until"))
    signature_image = models.BinaryField(_("signature image"), blank=True, default=b"")
    seal_image = models.BinaryField(_("seal image"), blank=True, default=b"")
    is_active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["organization__name", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="pkcs12", module="", token_label="", key_label="")
                    | (Q(kind="pkcs11") & ~Q(module="") & ~Q(token_label="") & ~Q(key_label=""))
                ),
                name="signingkey_kind_fields",
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.subject})"


class TrustAnchor(models.Model):
    """A root (or intermediate) certificate the province accepts signatures up to."""

    province = models.ForeignKey(
        Province,
        on_delete=models.CASCADE,
        related_name="trust_anchors",
        verbose_name=_("province"),
    )
    name = models.CharField(pgettext_lazy("trust anchor", "name"), max_length=255)
    certificate = models.TextField(_("certificate (PEM)"))
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64)
    valid_until = models.DateTimeField(_("valid until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("trust anchor")
        verbose_name_plural = _("trust anchors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "fingerprint"], name="trustanchor_once_per_province"
            ),
        ]

    def __str__(self):
        return self.name


class SignatureRecord(models.Model):
    """What was done to a year's document on its way to being signed: kept for signing,
    signed in the app, a copy signed elsewhere accepted, withdrawn (with the reason)."""

    class Action(models.TextChoices):
        ISSUED = "issued", _("Kept for signing")
        SIGNED = "signed", _("Signed in the app")
        ACCEPTED = "accepted", _("Signed copy uploaded")
        WITHDRAWN = "withdrawn", pgettext_lazy("signed copy", "Withdrawn")

    bloc_year = models.ForeignKey(
        "members.BlocYear",
        on_delete=models.CASCADE,
        related_name="signature_records",
        verbose_name=_("bloc year"),
    )
    document_key = models.CharField(_("document"), max_length=200)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=255)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    signer = models.CharField(_("signer"), max_length=255, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=pgettext_lazy("signing record", "by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signing record")
        verbose_name_plural = _("signing records")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.title}: {self.get_action_display()}"
