import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from documents.text import clean_text, name_key


def fold(text: str) -> str:
    """Lower case without diacritics, so "dong y" finds "Hội Đông y" on SQLite too (its LIKE
    folds only ASCII case) and users need not type every tone mark."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def vn_slugify(text: str) -> str:
    """A URL slug from Vietnamese: tones dropped and đ → d before slugify, which would otherwise
    drop every non-ASCII letter ("các phường" → "cac-phuong", not "cac-phng")."""
    return slugify(fold(text))


class Province(models.Model):
    """A province owns blocs. Provinces merge (Yên Bái into Lào Cai in 2025): the merged one keeps
    its blocs and years, and the office of the province it merged into sees them too."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_provinces",
        verbose_name=_("merged into"),
    )
    merged_on = models.DateField(_("merged on"), null=True, blank=True)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=F("pk")),
                name="province_not_merged_into_itself",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = vn_slugify(self.name)
        super().save(*args, **kwargs)


class ProvinceRole(models.Model):
    """What a user is in one province: its emulation office (Ban Thi đua – Khen thưởng), which
    creates and runs the province's blocs, or a read-only observer of all of them."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Province emulation office")
        OBSERVER = "observer", _("Province observer (read only)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="province_roles",
        verbose_name=_("user"),
    )
    province = models.ForeignKey(
        Province, on_delete=models.CASCADE, related_name="roles", verbose_name=_("province")
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices, default=Kind.OFFICE)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("province role")
        verbose_name_plural = _("province roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "province"], name="provincerole_one_per_user"),
        ]

    def __str__(self):
        return f"{self.user} – {self.province}: {self.get_kind_display()}"


@dataclass(frozen=True)
class KindWords:
    """What a bloc's documents call it and its leaders: "khối" groups by function, "cụm" by area
    (DOMAIN.md §1). Printed words, Vietnamese by nature, so data and not translated messages;
    the pages say the same through members.kinds."""

    noun: str  # "khối"
    symbol: str  # its part of a document's number: "05/BC-KTĐ"

    @property
    def short(self) -> str:
        return self.noun.capitalize()  # "Các đơn vị thành viên Khối"

    @property
    def name(self) -> str:
        return f"{self.short} thi đua"  # "TM. KHỐI THI ĐUA"

    @property
    def head(self) -> str:
        return f"Trưởng {self.noun}"

    @property
    def deputy(self) -> str:
        return f"Phó Trưởng {self.noun}"


KIND_WORDS = {"khoi": KindWords("khối", "KTĐ"), "cum": KindWords("cụm", "CTĐ")}


class Bloc(models.Model):
    class Kind(models.TextChoices):
        KHOI = "khoi", _("Emulation bloc (khối)")
        CUM = "cum", _("Emulation cluster (cụm)")

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.KHOI)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="blocs", verbose_name=_("province")
    )
    superior_body = models.CharField(
        _("superior body on documents"),
        max_length=200,
        blank=True,
        help_text=_(
            "The line above the issuing body in a document's header (cơ quan chủ quản), "
            "proposed for each new year."
        ),
    )

    class Meta:
        verbose_name = _("bloc")
        verbose_name_plural = _("blocs")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def words(self) -> KindWords:
        """ "khối" or "cụm" and the words made of it, as this bloc's documents print them."""
        return KIND_WORDS.get(self.kind, KIND_WORDS[self.Kind.KHOI])


class Organization(models.Model):
    """A member organization. Each bloc keeps its own directory, so a bloc's secretariat manages
    exactly the organizations it works with, and scope checks need no join through the years."""

    bloc = models.ForeignKey(
        Bloc, on_delete=models.PROTECT, related_name="organizations", verbose_name=_("bloc")
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Mergers give an organization several predecessors, splits several successors, possibly
    # across the blocs of a province; the award history follows the line.
    predecessors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="successors",
        verbose_name=_("predecessors (renamed, merged or split from)"),
    )
    search_text = models.TextField(_("search text"), editable=False, blank=True)
    # The name as compared (documents.text.name_key): "Hội  Nông dân" typed in decomposed
    # Unicode or with a zero-width space is the same organization as "hội nông dân".
    name_key = models.CharField(_("name as compared"), max_length=255, editable=False, default="")

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["bloc", "name_key"],
                name="organization_unique_name_key",
                violation_error_message=_("The bloc already has an organization of this name."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.clean()
        self.search_text = fold(" ".join([self.name, self.short_name, self.abbreviation]))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "name", "name_key"}
        super().save(*args, **kwargs)

    def clean(self):
        # Before the constraints are validated, so the key they check is the one stored.
        self.name = clean_text(self.name)
        self.name_key = name_key(self.name)


class BlocYear(models.Model):
    """One bloc's emulation year. Everything that changes from year to year and is printed or
    ruled on (province and place names, legal bases, leadership) lives here, not in code."""

    class Phase(models.TextChoices):
        SETUP = "setup", _("Setting up")
        PLEDGE = "pledge", _("Pledge")
        SCORING = "scoring", _("Self-scoring")
        REVIEW = "review", _("Review")
        MEETING = "meeting", _("Year-end meeting")
        CLOSED = "closed", _("Closed")

    class Finisher(models.TextChoices):
        LEADERS = "leaders", _("The leaders only")
        LEADERS_OR_SECRETARIAT = (
            "leaders_or_secretariat",
            _("The leaders, or the secretariat acting for them"),
        )

    bloc = models.ForeignKey(
        Bloc, on_delete=models.PROTECT, related_name="years", verbose_name=_("bloc")
    )
    year = models.PositiveIntegerField(_("year"))
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices, default=Phase.SETUP)
    head = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head (Trưởng khối)"),
    )
    deputy = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deputy head (Phó Trưởng khối)"),
    )
    superior_body = models.CharField(
        _("superior body on documents"),
        max_length=200,
        blank=True,
        help_text=_("Printed in capitals above the issuing body (cơ quan chủ quản)."),
    )
    province_name = models.CharField(_("province name on documents"), max_length=100)
    place_name = models.CharField(_("place name on documents"), max_length=100)
    legal_bases = models.TextField(
        _("legal bases"), blank=True, help_text=_("One “Căn cứ …” line per row.")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    entered_afterwards = models.BooleanField(
        _("entered afterwards"),
        default=False,
        help_text=_(
            "The year's records were entered after the fact: every act takes its date of record "
            "from the secretariat, never the date of data entry."
        ),
    )
    approval_by = models.CharField(
        _("who approves nominations"),
        max_length=30,
        choices=Finisher.choices,
        default=Finisher.LEADERS,
    )
    sign_off_by = models.CharField(
        _("who signs off the report"),
        max_length=30,
        choices=Finisher.choices,
        default=Finisher.LEADERS,
    )
    close_by = models.CharField(
        _("who closes the year"),
        max_length=30,
        choices=Finisher.choices,
        default=Finisher.LEADERS,
    )

    class Meta:
        verbose_name = _("bloc year")
        verbose_name_plural = _("bloc years")
        ordering = ["bloc", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year"], name="blocyear_unique_year"),
            models.CheckConstraint(
                condition=Q(head__isnull=True) | Q(deputy__isnull=True) | ~Q(head=F("deputy")),
                name="blocyear_head_is_not_deputy",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="blocyear_year_range"
            ),
        ]

    def __str__(self):
        return f"{self.bloc} – {self.year}"

    @property
    def is_closed(self) -> bool:
        return self.phase == self.Phase.CLOSED

    def legal_basis_lines(self) -> list[str]:
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]


class Membership(models.Model):
    """An organization's place in one year. Its signer (the head who signs its documents) is a
    fact of the year: correcting 2020's signer leaves 2023's as it was."""

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("year")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=100, blank=True)
    nomination_blocked = models.BooleanField(
        _("under discipline review, inspection or complaint"), default=False
    )
    block_reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["position", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["bloc_year", "organization"], name="membership_unique_member"
            ),
            models.CheckConstraint(
                condition=Q(nomination_blocked=False) | ~Q(block_reason=""),
                name="membership_block_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.organization} ({self.bloc_year.year})"


class BlocRole(models.Model):
    """What a user is in one bloc. Leadership is not stored: a representative leads in the years
    its organization is head or deputy (DESIGN.md), so it follows the bloc year by itself."""

    class Kind(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        REPRESENTATIVE = "representative", _("Member representative")
        OBSERVER = "observer", _("Observer (provincial emulation office)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="bloc_roles",
        verbose_name=_("user"),
    )
    bloc = models.ForeignKey(
        Bloc, on_delete=models.CASCADE, related_name="roles", verbose_name=_("bloc")
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="representatives",
        verbose_name=_("organization represented"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("bloc role")
        verbose_name_plural = _("bloc roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "bloc"], name="blocrole_one_per_bloc"),
            models.CheckConstraint(
                condition=Q(kind="representative", organization__isnull=False)
                | (~Q(kind="representative") & Q(organization__isnull=True)),
                name="blocrole_representative_has_organization",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.bloc}: {self.get_kind_display()}"
