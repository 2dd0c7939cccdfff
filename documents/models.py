from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StoredDocument(models.Model):
    """A finished document of a closed year, kept byte for byte: reprinting returns these bytes,
    and `data` keeps what it was made from, so a later change of code or data cannot alter it.

    Keyed by a plain string ("<bloc-slug>/<year>/<kind>") so this bottom layer needs no foreign
    key to the apps above it. Reopening a year marks its documents superseded (kept, not deleted),
    so the history of what was filed stays."""

    key = models.CharField(_("key"), max_length=200)
    kind = models.CharField(_("kind"), max_length=50)
    filename = models.CharField(_("file name"), max_length=255)
    mimetype = models.CharField(_("type"), max_length=100)
    content = models.BinaryField(_("content"))
    # The Word copy made from the same HTML (documents.word), filed with the PDF.
    word_content = models.BinaryField(_("Word copy"), blank=True, default=b"")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    data = models.JSONField(_("data it was made from"), default=dict, blank=True)
    created_at = models.DateTimeField(_("stored at"), auto_now_add=True)
    # A signed copy: the issued bytes (whose hash this is) with signatures added on top, and
    # what their check found when it was accepted (documents.signatures.SignatureCheck).
    issued_sha256 = models.CharField(_("SHA-256 of the issued copy"), max_length=64, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signatures = models.JSONField(_("signatures"), default=list, blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("stored document")
        verbose_name_plural = _("stored documents")
        ordering = ["key", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(superseded_at__isnull=True),
                name="storeddocument_one_current_per_key",
            ),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="storeddocument_sha256_hex"
            ),
        ]

    def __str__(self):
        return self.key

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def verify(self) -> bool:
        import hashlib

        return hashlib.sha256(bytes(self.content)).hexdigest() == self.sha256


class RegisterEntry(models.Model):
    """One number of an issuing body's register (Decree 30/2020, Art. 15): each body numbers its
    documents in one register per calendar year, from 01, in the order they are issued, whatever
    their kind. A bloc's documents are issued by the year's head unit, so they share its
    register: a meeting held on 12/01/2021 for the 2020 year takes a number of 2021.

    Keyed by plain strings ("organization:7", "<bloc-slug>/<year>/<kind>") so this bottom layer
    needs no foreign key to the apps above it."""

    issuer_key = models.CharField(_("issuing body (key)"), max_length=100)
    issuer_name = models.CharField(_("issuing body"), max_length=255)
    year = models.PositiveIntegerField(_("calendar year"))
    sequence = models.PositiveIntegerField(_("number"))
    type_code = models.CharField(_("type code"), max_length=20)
    number = models.CharField(_("number and symbol"), max_length=60)
    document_key = models.CharField(_("document"), max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=255)
    issued_on = models.DateField(_("date of the document"))
    reserved_at = models.DateTimeField(_("reserved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register of numbers")
        ordering = ["issuer_key", "year", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_key", "year", "sequence"], name="registerentry_one_per_number"
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="registerentry_from_one"),
        ]

    def __str__(self):
        return self.number
