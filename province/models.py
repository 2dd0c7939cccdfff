from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Bloc, Province


class ProvinceYear(models.Model):
    """What the province office sets for one year of all its blocs: the deadlines, and the
    Government-flag cap (a share of a base, both per year: DOMAIN.md §3 says 20 % of the
    collectives leading the blocs today, and the rule has changed before)."""

    class CapBase(models.TextChoices):
        LEADING = "leading", _("Collectives leading the province's blocs that year")
        BLOCS = "blocs", _("Blocs of the province that year")

    province = models.ForeignKey(
        Province, on_delete=models.CASCADE, related_name="year_settings", verbose_name=_("province")
    )
    year = models.PositiveIntegerField(_("year"))
    pledge_due = models.DateField(_("pledge signed by"), null=True, blank=True)
    scoring_due = models.DateField(_("self-scoring done by"), null=True, blank=True)
    meeting_due = models.DateField(_("year-end meeting held by"), null=True, blank=True)
    dossier_due = models.DateField(_("dossier submitted by"), null=True, blank=True)
    remind_days = models.PositiveSmallIntegerField(
        _("remind this many days before a deadline"),
        default=7,
        validators=[MaxValueValidator(60)],
    )
    gov_flag_share = models.DecimalField(
        _("Government flag cap (percent of the base)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("20.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    gov_flag_base = models.CharField(
        _("base of the cap"), max_length=10, choices=CapBase.choices, default=CapBase.LEADING
    )

    class Meta:
        verbose_name = _("province year")
        verbose_name_plural = _("province years")
        ordering = ["province", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="provinceyear_unique"),
            models.CheckConstraint(
                condition=Q(gov_flag_share__gte=0) & Q(gov_flag_share__lte=100),
                name="provinceyear_share_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="provinceyear_year_range"
            ),
        ]

    def __str__(self):
        return f"{self.province} – {self.year}"

    def due_dates(self) -> dict:
        return {
            "pledge": self.pledge_due,
            "scoring": self.scoring_due,
            "meeting": self.meeting_due,
            "dossier": self.dossier_due,
        }


class NoticePreference(models.Model):
    """What a user wants by e-mail. Absent means yes: reminders are on until turned off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_preference",
        verbose_name=_("user"),
    )
    reminders = models.BooleanField(_("remind me of deadlines coming"), default=True)
    notices = models.BooleanField(
        _("tell me when a sheet or a nomination of mine is returned"), default=True
    )

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self):
        return str(self.user)


class SentNotice(models.Model):
    """One e-mail sent for one event to one user. The unique pair is what makes the scheduled job
    safe to run again, or on two machines at once: an event is never mailed twice."""

    class Kind(models.TextChoices):
        DEADLINE = "deadline", _("Deadline coming")
        SHEET_RETURNED = "sheet_returned", _("Score sheet returned")
        NOMINATION_RETURNED = "nomination_returned", _("Nomination returned")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sent_notices",
        verbose_name=_("user"),
    )
    event = models.CharField(_("event"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=255)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent notice")
        verbose_name_plural = _("sent notices")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="sentnotice_once_per_event"),
        ]

    def __str__(self):
        return f"{self.user}: {self.subject}"


class ProvinceJob(models.Model):
    """Long work for a province or one of its blocs, done by a task worker: what was asked, how
    far it got, its file or result, or why it failed. The page that shows it reads this row, so
    it survives a reload. A province's job (the dossier of a year) is shown to the province's
    office; a bloc's (a large import) to the bloc's secretariat."""

    class Kind(models.TextChoices):
        DOSSIER = "dossier", _("Province dossier (every bloc's documents)")
        ORGANIZATIONS = "organizations", _("Import of organizations")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    province = models.ForeignKey(
        Province, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("province")
    )
    bloc = models.ForeignKey(
        Bloc,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("bloc"),
    )
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done_steps = models.PositiveIntegerField(_("steps done"), default=0)
    total_steps = models.PositiveIntegerField(_("steps"), default=0)
    error = models.TextField(_("why it failed"), blank=True)
    file = models.FileField(_("file"), upload_to="province-jobs/", blank=True)
    # An import's: the file as uploaded, and what became of its rows.
    upload = models.FileField(_("file to import"), upload_to="province-jobs/uploads/", blank=True)
    report = models.JSONField(_("result"), default=dict, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("province job")
        verbose_name_plural = _("province jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error=""), name="provincejob_failure_says_why"
            ),
            models.CheckConstraint(
                condition=Q(done_steps__lte=models.F("total_steps")),
                name="provincejob_progress_within_total",
            ),
            models.CheckConstraint(
                condition=Q(kind="dossier", year__isnull=False)
                | (~Q(kind="dossier") & Q(bloc__isnull=False) & ~Q(upload="")),
                name="provincejob_dossier_has_a_year_an_import_its_bloc_and_file",
            ),
        ]

    def __str__(self):
        return f"{self.bloc or self.province} {self.year or ''}: {self.get_kind_display()}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done_steps / self.total_steps) if self.total_steps else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
