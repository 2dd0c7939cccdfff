"""What a year can sign, and who signs it. Reads only."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from awards import printing as award_printing
from awards.selectors import nominees_with_reports
from documents import registry, signatures
from documents.models import RegisterEntry, StoredDocument
from documents.rendering import Rendered
from members.models import BlocYear, Organization, Province
from signing.models import SignatureRecord, SigningKey, TrustAnchor

# The head unit's documents that are signed, each issued by the act that gives it a number.
HEAD_DOCUMENTS = {
    "report": _("Year-end review report"),
    "minutes": _("Minutes of the year-end meeting"),
    "submission": _("Submission for awards"),
}
ACHIEVEMENT = "achievement-"


@dataclass
class Signable:
    """One document of the year that its issuer signs."""

    slug: str  # in the URL: "report", "minutes", "submission", "achievement-12"
    key: str  # among the stored documents
    kind: str
    title: str
    issuer: Organization
    signer_name: str
    number: str  # in the register, once issued
    issued: bool  # it has its date and number (or the head unit confirmed it)
    stored: StoredDocument | None
    build: Callable[[], Rendered]
    nomination_id: int | None = None

    @property
    def is_head_document(self) -> bool:
        return self.nomination_id is None

    @property
    def is_signed(self) -> bool:
        return self.stored is not None and self.stored.is_signed

    @property
    def signers(self) -> list[str]:
        return [s.get("signer", "") for s in (self.stored.signatures if self.stored else [])]


def _head_documents(bloc_year: BlocYear, names: dict, entries: dict, kept: dict) -> list:
    head = bloc_year.head
    if head is None:
        return []
    documents = []
    for kind, title in HEAD_DOCUMENTS.items():
        key = registry.document_key(kind, bloc_year)
        entry = entries.get(key)
        documents.append(
            Signable(
                slug=kind,
                key=key,
                kind=kind,
                title=str(title),
                issuer=head,
                signer_name=names.get(head.pk, ""),
                number=entry.number if entry else "",
                issued=entry is not None,
                stored=kept.get(key),
                build=lambda kind=kind: registry.renderer_for(kind)(bloc_year),
            )
        )
    return documents


def _achievements(bloc_year: BlocYear, names: dict, kept: dict) -> list:
    documents = []
    for nomination in nominees_with_reports(bloc_year):
        report = getattr(nomination, "achievement_report", None)
        if report is None:
            continue
        key = award_printing.achievement_key(nomination)
        documents.append(
            Signable(
                slug=f"{ACHIEVEMENT}{nomination.pk}",
                key=key,
                kind="achievement",
                title=str(_("Achievement report of %(organization)s"))
                % {"organization": nomination.organization},
                issuer=nomination.organization,
                signer_name=names.get(nomination.organization_id, ""),
                number="",
                issued=report.confirmed_at is not None,
                stored=kept.get(key),
                build=lambda nomination=nomination: award_printing.render_achievement(nomination),
                nomination_id=nomination.pk,
            )
        )
    return documents


def documents_of_year(bloc_year: BlocYear) -> list[Signable]:
    """The head unit's report, minutes and submission, then each nominee's achievement report,
    with their numbers and kept copies (a fixed number of queries)."""
    prefix = f"{bloc_year.bloc.slug}/{bloc_year.year}/"
    names = dict(bloc_year.memberships.values_list("organization_id", "signer_name"))
    entries = {
        e.document_key: e for e in RegisterEntry.objects.filter(document_key__startswith=prefix)
    }
    kept = {
        d.key: d
        for d in StoredDocument.objects.filter(
            key__startswith=prefix, superseded_at__isnull=True
        ).defer("content", "word_content", "data")
    }
    return _head_documents(bloc_year, names, entries, kept) + _achievements(bloc_year, names, kept)


def document_of_year(bloc_year: BlocYear, slug: str) -> Signable:
    for document in documents_of_year(bloc_year):
        if document.slug == slug:
            return document
    raise Http404


def kept_copy(document: Signable) -> StoredDocument | None:
    """The kept copy with its bytes."""
    return registry.current_stored_key(document.key)


def records_of(bloc_year: BlocYear, key: str | None = None):
    records = SignatureRecord.objects.filter(bloc_year=bloc_year).select_related("user")
    return records.filter(document_key=key) if key else records


def keys_for_signing(organization: Organization):
    return SigningKey.objects.filter(organization=organization, is_active=True)


def keys_of(organizations, *, trust_roots: list[bytes]) -> list[SigningKey]:
    """The keys, each with `trusted`: whether its certificate leads to the province's anchors
    (a key that does not cannot sign anything the province accepts)."""
    keys = list(
        SigningKey.objects.filter(organization__in=organizations)
        .select_related("organization", "created_by")
        .defer("pkcs12", "signature_image", "seal_image")
    )
    for key in keys:
        key.trusted = signatures.certificate_trusted(
            key.certificate.encode(), trust_roots=trust_roots
        )
    return keys


def province_of(bloc_year: BlocYear) -> Province | None:
    """The province whose trust anchors apply: the bloc's, or the one it merged into."""
    return province_of_bloc(bloc_year.bloc)


def province_of_bloc(bloc) -> Province | None:
    province = bloc.province
    while province is not None and province.merged_into_id is not None:
        province = province.merged_into
    return province


def anchors_of(province: Province | None):
    if province is None:
        return TrustAnchor.objects.none()
    return TrustAnchor.objects.filter(
        Q(province=province) | Q(province__merged_into=province)
    ).select_related("created_by")


def trust_roots(province: Province | None) -> list[bytes]:
    return [a.certificate.encode() for a in anchors_of(province)]
