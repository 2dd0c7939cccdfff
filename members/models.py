import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def fold(text: str) -> str:
    """Lower case without diacritics, so "dong y" finds "Hội Đông y" on SQLite too (its LIKE
    folds only ASCII case) and users need not type every tone mark."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class Bloc(models.Model):
    class Kind(models.TextChoices):
        KHOI = "khoi", _("Emulation bloc (khối)")
        CUM = "cum", _("Emulation cluster (cụm)")

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.KHOI)
    province = models.CharField(_("province"), max_length=100)

    class Meta:
        verbose_name = _("bloc")
        verbose_name_plural = _("blocs")
        ordering = ["name"]

    def __str__(self):
        return self.name


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
    leader_name = models.CharField(_("leader's name"), max_length=100, blank=True)
    leader_title = models.CharField(_("leader's title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("predecessor (renamed or merged from)"),
    )
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "name"], name="organization_unique_name"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(
            " ".join([self.name, self.short_name, self.abbreviation, self.leader_name])
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


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

    bloc = models.ForeignKey(Bloc, on_delete=models.PROTECT, related_name="years")
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
    province_name = models.CharField(_("province name on documents"), max_length=100)
    place_name = models.CharField(_("place name on documents"), max_length=100)
    legal_bases = models.TextField(
        _("legal bases"), blank=True, help_text=_("One “Căn cứ …” line per row.")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

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
    bloc_year = models.ForeignKey(BlocYear, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships"
    )
    position = models.PositiveIntegerField(_("order"), default=0)
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
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bloc_roles"
    )
    bloc = models.ForeignKey(Bloc, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="representatives",
        verbose_name=_("organization represented"),
    )

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
