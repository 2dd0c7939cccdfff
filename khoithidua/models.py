from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import BlocYear, Organization


class YearReport(models.Model):
    """The year-end report (Báo cáo tổng kết): its number, date and sign-off. The narrative lives
    in its sections; the data parts (members, ranking, awards, leadership) are read at rendering."""

    bloc_year = models.OneToOneField(
        BlocYear, on_delete=models.CASCADE, related_name="year_report", verbose_name=_("year")
    )
    number = models.CharField(
        _("number and symbol"),
        max_length=50,
        blank=True,
        help_text=_("As printed after “Số:”, e.g. 05/BC-KTĐ."),
    )
    issued_on = models.DateField(_("date of the report"), null=True, blank=True)
    recipients = models.TextField(
        _("recipients"),
        blank=True,
        help_text=_("One recipient per line, printed under “Nơi nhận”."),
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    # The signature block as it was at sign-off, so a later change of leadership or of the
    # organization's leader does not change a signed document.
    signer_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signing unit"),
    )
    signer_prefix = models.CharField(_("authority"), max_length=100, blank=True)
    signer_position = models.CharField(_("position"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("year-end report")
        verbose_name_plural = _("year-end reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_off_at__isnull=True)
                | (Q(issued_on__isnull=False) & ~Q(number="") & ~Q(signer_name="")),
                name="yearreport_signed_has_number_date_signer",
            ),
        ]

    def __str__(self):
        return str(self.bloc_year)

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None

    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class ReportSection(models.Model):
    """One part of the report's outline. The outline is the bloc's own: titles, order and extra
    parts are edited per year and carried to the next year's report."""

    class Data(models.TextChoices):
        NONE = "", _("Narrative only")
        MEMBERS = "members", _("The bloc, its members and leadership")
        PLEDGE = "pledge", _("The pledge and its commitments")
        RANKING = "ranking", _("Scores and ranking")
        AWARDS = "awards", _("Nominations, votes and decisions")
        LEADERSHIP = "leadership", _("Next year's head and deputy")

    report = models.ForeignKey(
        YearReport, on_delete=models.CASCADE, related_name="sections", verbose_name=_("report")
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    level = models.PositiveSmallIntegerField(
        _("level"), choices=[(1, _("Part (I, II, …)")), (2, _("Item (1, 2, …)"))], default=1
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Plain paragraphs; start a line with “- ” for a list item."),
    )
    data = models.CharField(
        _("data printed in this part"), max_length=20, choices=Data.choices, blank=True
    )
    required = models.BooleanField(_("must be written before sign-off"), default=False)

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(level__in=[1, 2]), name="reportsection_level"),
            models.UniqueConstraint(
                fields=["report", "data"],
                condition=~Q(data=""),
                name="reportsection_data_once",
            ),
        ]

    def __str__(self):
        return self.title


class YearLogEntry(models.Model):
    """Who closed, reopened or signed a year's report, when, and why (reopening needs a reason)."""

    class Action(models.TextChoices):
        SIGNED_OFF = "signed_off", _("Report signed off")
        SIGN_OFF_WITHDRAWN = "sign_off_withdrawn", _("Sign-off withdrawn")
        CLOSED = "closed", _("Year closed")
        REOPENED = "reopened", _("Year reopened")

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.CASCADE, related_name="log_entries", verbose_name=_("bloc year")
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)
    acting_for_leaders = models.BooleanField(
        _("by the secretariat, acting for the leaders"), default=False
    )

    class Meta:
        verbose_name = _("year log entry")
        verbose_name_plural = _("year log entries")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(action="reopened") | ~Q(reason=""),
                name="yearlogentry_reopening_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.bloc_year}: {self.get_action_display()}"
