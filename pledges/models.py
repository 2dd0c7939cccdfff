"""Pledge, criteria, score sheets and the year's scoring settings.

Points are Decimal with 2 places. A score row carries a copy of its criterion's maximum so the
database itself can check 0 ≤ points ≤ max (a check constraint cannot look through a join); the
copy cannot drift because criteria freeze before any sheet is submitted."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import BlocYear, Organization

POINTS = {"max_digits": 7, "decimal_places": 2}
ZERO = Decimal("0.00")


def default_bands() -> list:
    """DOMAIN.md §3: the common classification, as shares of the scale in per cent (95 % of 100
    points is 95, of 1,000 points 950). A setting, edited per year."""
    return [
        [95, "Hoàn thành xuất sắc nhiệm vụ"],
        [85, "Hoàn thành tốt nhiệm vụ"],
        [75, "Hoàn thành nhiệm vụ"],
        [0, "Không hoàn thành nhiệm vụ"],
    ]


class ScoringSettings(models.Model):
    """How one bloc year is reviewed and ranked. Created on demand with these defaults."""

    class ReviewMode(models.TextChoices):
        HEAD = "head", _("Head review (secretariat or leaders)")
        CROSS = "cross", _("Cross-scoring (every member scores the others)")

    class Aggregate(models.TextChoices):
        MEAN = "mean", _("Mean of the other members' scores")
        MEDIAN = "median", _("Median of the other members' scores")

    class TieRule(models.TextChoices):
        SCORED_THEN_DEDUCTIONS = (
            "scored_then_deductions",
            _("Higher scored total first, then fewer deductions; still tied: same rank"),
        )
        SHARED = "shared", _("Equal totals share the same rank")

    bloc_year = models.OneToOneField(
        BlocYear,
        on_delete=models.CASCADE,
        related_name="scoring_settings",
        verbose_name=_("bloc year"),
    )
    review_mode = models.CharField(
        _("review mode"), max_length=10, choices=ReviewMode.choices, default=ReviewMode.HEAD
    )
    aggregate = models.CharField(
        _("cross-scoring aggregate"),
        max_length=10,
        choices=Aggregate.choices,
        default=Aggregate.MEAN,
    )
    tie_rule = models.CharField(
        _("tie rule"),
        max_length=30,
        choices=TieRule.choices,
        default=TieRule.SCORED_THEN_DEDUCTIONS,
    )
    classification_bands = models.JSONField(
        _("classification bands"),
        default=default_bands,
        help_text=_("A list of [minimum share of the scale in per cent, label], highest first."),
    )
    amendment_reason = models.TextField(
        _("reason for the last change after scoring was finalized"),
        blank=True,
        help_text=_(
            "The bands and the tie rule are frozen once the first sheet is final; the province "
            "office may still change them, giving its reason (kept in the audit trail)."
        ),
    )
    max_bonus = models.DecimalField(_("cap on bonus points"), null=True, blank=True, **POINTS)
    max_deduction = models.DecimalField(
        _("cap on deduction points"), null=True, blank=True, **POINTS
    )
    member_edit_phase = models.CharField(
        _("phase in which members fill their sheets"),
        max_length=10,
        choices=BlocYear.Phase.choices,
        default=BlocYear.Phase.SCORING,
    )
    cross_scoring_phase = models.CharField(
        _("phase in which members cross-score"),
        max_length=10,
        choices=BlocYear.Phase.choices,
        default=BlocYear.Phase.REVIEW,
    )
    flagged_drops_grade = models.BooleanField(
        _("a member under discipline review, inspection or complaint drops one grade"),
        default=True,
    )

    class Meta:
        verbose_name = _("scoring settings")
        verbose_name_plural = _("scoring settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_bonus__isnull=True) | Q(max_bonus__gte=0),
                name="scoringsettings_bonus_cap_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(max_deduction__isnull=True) | Q(max_deduction__gte=0),
                name="scoringsettings_deduction_cap_not_negative",
            ),
        ]

    def __str__(self):
        return str(self.bloc_year)


class Pledge(models.Model):
    """The year's emulation pledge (giao ước thi đua). Read-only once signed."""

    bloc_year = models.OneToOneField(
        BlocYear, on_delete=models.CASCADE, related_name="pledge", verbose_name=_("bloc year")
    )
    number = models.CharField(_("document number"), max_length=50, blank=True)
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    place = models.CharField(_("signing place"), max_length=255, blank=True)
    is_signed = models.BooleanField(_("signed"), default=False)
    signed_at = models.DateTimeField(_("marked signed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_signed=False) | (Q(signed_on__isnull=False) & ~Q(place="")),
                name="pledge_signed_has_date_and_place",
            ),
        ]

    def __str__(self):
        return str(self.bloc_year)


class PledgeCommitment(models.Model):
    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("pledge")
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    text = models.TextField(_("commitment"))

    class Meta:
        verbose_name = _("common commitment")
        verbose_name_plural = _("common commitments")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text[:60]


class PledgeTarget(models.Model):
    """One member's target (chỉ tiêu); the achieved figure is filled in at year end."""

    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="targets", verbose_name=_("pledge")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="pledge_targets",
        verbose_name=_("organization"),
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    text = models.CharField(_("target"), max_length=500)
    target_value = models.DecimalField(
        _("target figure"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    achieved_value = models.DecimalField(
        _("achieved figure"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    criterion = models.ForeignKey(
        "Criterion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("scored under criterion"),
    )

    class Meta:
        verbose_name = _("pledge target")
        verbose_name_plural = _("pledge targets")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_value__isnull=True) | Q(target_value__gte=0),
                name="pledgetarget_target_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(achieved_value__isnull=True) | Q(achieved_value__gte=0),
                name="pledgetarget_achieved_not_negative",
            ),
        ]

    def __str__(self):
        return self.text[:60]


class Section(models.Model):
    """A section of the scoring table (I, II, …) grouping criteria."""

    bloc_year = models.ForeignKey(
        BlocYear,
        on_delete=models.CASCADE,
        related_name="criteria_sections",
        verbose_name=_("bloc year"),
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    code = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(pgettext_lazy("section", "title"), max_length=500)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.code}. {self.title}" if self.code else self.title


class Criterion(models.Model):
    class Kind(models.TextChoices):
        SCORED = "scored", _("Scored")
        BONUS = "bonus", _("Bonus")
        DEDUCTION = "deduction", _("Deduction")

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("section")
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    code = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("criterion"), max_length=1000)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SCORED)
    max_points = models.DecimalField(_("maximum points"), **POINTS)
    guidance = models.TextField(_("scoring guidance"), blank=True)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["section__position", "section_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}".strip()

    @property
    def is_deduction(self) -> bool:
        return self.kind == self.Kind.DEDUCTION


class ScoreSheet(models.Model):
    """One member's score sheet for the year. `version` grows with every saved change: a save that
    carries an older version is refused (optimistic locking), so nobody overwrites unseen work."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("score sheet", "Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned to the member")
        REVIEWED = "reviewed", _("Reviewed")
        FINAL = "final", _("Final")

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.CASCADE, related_name="score_sheets", verbose_name=_("bloc year")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="score_sheets",
        verbose_name=_("organization"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    finalized_at = models.DateTimeField(_("finalized at"), null=True, blank=True)
    demo_note = models.CharField(_("note on the data"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["bloc_year", "organization"], name="scoresheet_one_per_member"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="scoresheet_version_min"),
        ]

    def __str__(self):
        return f"{self.organization} – {self.bloc_year.year}"

    @property
    def is_editable_status(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def is_visible_to_members(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.REVIEWED, self.Status.FINAL)


def _points_in_range(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | (
        Q(**{f"{field}__gte": 0}) & Q(**{f"{field}__lte": F("max_points")})
    )


class Score(models.Model):
    """Sheet × criterion: the member's own points, the reviewed points, the final points."""

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="scores", verbose_name=_("sheet")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    max_points = models.DecimalField(_("maximum points"), **POINTS)
    self_points = models.DecimalField(_("self points"), null=True, blank=True, **POINTS)
    note = models.TextField(_("note"), blank=True)
    reviewed_points = models.DecimalField(_("reviewed points"), null=True, blank=True, **POINTS)
    review_reason = models.TextField(_("reason for the difference"), blank=True)
    final_points = models.DecimalField(_("final points"), null=True, blank=True, **POINTS)
    # The row's own optimistic lock: the whole-sheet form carries one per row, so two people who
    # fill different rows of one sheet never refuse each other.
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="score_max_positive"),
            models.CheckConstraint(
                condition=_points_in_range("self_points"), name="score_self_in_range"
            ),
            models.CheckConstraint(
                condition=_points_in_range("reviewed_points"), name="score_reviewed_in_range"
            ),
            models.CheckConstraint(
                condition=_points_in_range("final_points"), name="score_final_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.sheet} / {self.criterion}"


class CrossScore(models.Model):
    """One member's points for another member's criterion (cross-scoring). `subject` repeats the
    sheet's organization so the database can refuse a member scoring itself."""

    score = models.ForeignKey(
        Score, on_delete=models.CASCADE, related_name="cross_scores", verbose_name=_("score")
    )
    scorer = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("scorer")
    )
    subject = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    max_points = models.DecimalField(_("maximum points"), **POINTS)
    points = models.DecimalField(_("points"), **POINTS)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("cross score")
        verbose_name_plural = _("cross scores")
        constraints = [
            models.UniqueConstraint(fields=["score", "scorer"], name="crossscore_one_per_scorer"),
            models.CheckConstraint(
                condition=~Q(scorer=F("subject")), name="crossscore_never_itself"
            ),
            models.CheckConstraint(
                condition=Q(points__gte=0) & Q(points__lte=F("max_points")),
                name="crossscore_points_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.scorer} → {self.score}: {self.points}"


class ScoreChange(models.Model):
    """The history of every score: who changed which value, when, from what to what."""

    class Field(models.TextChoices):
        SELF = "self", _("Self points")
        REVIEWED = "reviewed", _("Reviewed points")
        CROSS = "cross", _("Cross-score")
        FINAL = "final", _("Final points")

    score = models.ForeignKey(
        Score, on_delete=models.CASCADE, related_name="changes", verbose_name=_("score")
    )
    field = models.CharField(_("value"), max_length=10, choices=Field.choices)
    scorer = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scorer"),
    )
    old_value = models.DecimalField(_("old value"), null=True, blank=True, **POINTS)
    new_value = models.DecimalField(_("new value"), null=True, blank=True, **POINTS)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.score}: {self.old_value} → {self.new_value}"


def evidence_path(instance, filename: str) -> str:
    # The stored name is not the user's: only the view that checks access knows the original.
    import uuid

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{instance.score.sheet.bloc_year_id}/{uuid.uuid4().hex}.{extension}"


class Evidence(models.Model):
    """A file proving a score (minh chứng). Never served from a public URL."""

    score = models.ForeignKey(
        Score, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("score")
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
