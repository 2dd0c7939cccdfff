"""Award types, the rules of each year, nominations with their history, the year-end meeting,
its tallies, and the election of next year's head and deputy.

Every rule a province may set differently (quotas, thresholds and their base, prerequisites,
quorum, ballot) is a row, never a constant: see DOMAIN.md §3."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from members.models import BlocYear, Organization


class ThresholdBase(models.TextChoices):
    MEMBERS = "members", _("all members of the bloc")
    PRESENT = "present", _("members present")


class AwardType(models.Model):
    """A title or award a bloc can put forward. Seeded by a data migration; the admin may add
    more. `precedence` orders them from the highest (1) down, which is also the order in which
    the proposal from the ranking hands them out."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("Government")
        PROVINCIAL = "provincial", _("Province")
        AGENCY = "agency", _("Agency")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=255)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    precedence = models.PositiveSmallIntegerField(_("precedence (1 = highest)"))
    prize_multiple = models.DecimalField(
        _("prize (multiple of the base salary)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    offered_by_default = models.BooleanField(_("offered by default"), default=True)
    names_leading_bloc = models.BooleanField(
        _("the minutes name the bloc the nominee leads"),
        default=False,
        help_text=_("For emulation flags: the nominee is the collective leading the bloc."),
    )

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["precedence", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(prize_multiple__isnull=True) | Q(prize_multiple__gte=0),
                name="awardtype_prize_not_negative",
            ),
        ]

    def __str__(self):
        return self.name


class Threshold(models.Model):
    """A share of votes as an exact fraction, so "≥ 2/3" never suffers from rounding."""

    threshold_strict = models.BooleanField(
        _("strictly more than"),
        default=True,
        help_text=_("Ticked: more than the share (> 50 %). Not ticked: at least (≥ 2/3)."),
    )
    threshold_numerator = models.PositiveSmallIntegerField(_("share: numerator"), default=1)
    threshold_denominator = models.PositiveSmallIntegerField(_("share: denominator"), default=2)
    threshold_base = models.CharField(
        _("counted on"), max_length=10, choices=ThresholdBase.choices, default=ThresholdBase.PRESENT
    )

    class Meta:
        abstract = True

    @classmethod
    def threshold_constraint(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=Q(threshold_numerator__gte=1)
            & Q(threshold_denominator__gte=1)
            & Q(threshold_numerator__lte=F("threshold_denominator")),
            name=name,
        )


class AwardRule(Threshold):
    """What one bloc year asks of a nominee for one award type."""

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.CASCADE, related_name="award_rules", verbose_name=_("bloc year")
    )
    award_type = models.ForeignKey(
        AwardType, on_delete=models.PROTECT, related_name="rules", verbose_name=_("award")
    )
    offered = models.BooleanField(_("offered this year"), default=True)
    quota = models.PositiveSmallIntegerField(_("how many the bloc may put forward"), default=1)
    min_rank = models.PositiveSmallIntegerField(
        _("minimum rank"), null=True, blank=True, help_text=_("Empty: no rank required.")
    )
    min_score = models.DecimalField(
        _("minimum score"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: no score required."),
    )
    prerequisite = models.ForeignKey(
        AwardType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prerequisite award"),
        help_text=_("An award the nominee must have been granted in an earlier year."),
    )
    prerequisite_years = models.PositiveSmallIntegerField(
        _("within the previous … years"), default=0, help_text=_("0: in any earlier year.")
    )
    allows_second_award = models.BooleanField(
        _("may go with another award the same year"), default=False
    )
    legal_basis = models.TextField(
        _("legal basis printed on documents"),
        blank=True,
        help_text=_("One “Căn cứ …” line per row."),
    )

    class Meta:
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")
        ordering = ["award_type__precedence"]
        constraints = [
            models.UniqueConstraint(fields=["bloc_year", "award_type"], name="awardrule_unique"),
            Threshold.threshold_constraint("awardrule_threshold_is_a_share"),
            models.CheckConstraint(
                condition=Q(min_rank__isnull=True) | Q(min_rank__gte=1),
                name="awardrule_min_rank_positive",
            ),
            models.CheckConstraint(
                condition=Q(min_score__isnull=True) | Q(min_score__gte=0),
                name="awardrule_min_score_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(prerequisite__isnull=True) | ~Q(prerequisite=F("award_type")),
                name="awardrule_prerequisite_is_another_award",
            ),
        ]

    def __str__(self):
        return f"{self.award_type} ({self.bloc_year.year})"

    def legal_basis_lines(self) -> list[str]:
        return [line.strip() for line in self.legal_basis.splitlines() if line.strip()]


class AwardSettings(Threshold):
    """The year's meeting settings: quorum, ballot, the election's threshold, and what the
    submission to the province says. The inherited threshold is the election's."""

    class Ballot(models.TextChoices):
        SECRET = "secret", _("secret ballot")
        OPEN = "open", _("show of hands")

    bloc_year = models.OneToOneField(
        BlocYear,
        on_delete=models.CASCADE,
        related_name="award_settings",
        verbose_name=_("bloc year"),
    )
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum: numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum: denominator"), default=3)
    ballot = models.CharField(
        _("voting method"), max_length=10, choices=Ballot.choices, default=Ballot.SECRET
    )
    submission_recipient = models.CharField(
        _("submission addressed to"), max_length=255, blank=True
    )
    document_symbol = models.CharField(
        _("symbol in document numbers"),
        max_length=20,
        default="KTĐ",
        help_text=_("As in “01/BB-KTĐ”, “02/TTr-KTĐ”."),
    )

    class Meta:
        verbose_name = _("meeting and voting settings")
        verbose_name_plural = _("meeting and voting settings")
        constraints = [
            Threshold.threshold_constraint("awardsettings_threshold_is_a_share"),
            models.CheckConstraint(
                condition=Q(quorum_numerator__gte=1)
                & Q(quorum_denominator__gte=1)
                & Q(quorum_numerator__lte=F("quorum_denominator")),
                name="awardsettings_quorum_is_a_share",
            ),
        ]

    def __str__(self):
        return str(self.bloc_year)

    @property
    def secret(self) -> bool:
        """A secret ballot counts agree, disagree and invalid ballots; a show of hands counts
        for, against and abstain. The one place the app tells the two apart."""
        return self.ballot != self.Ballot.OPEN


class Meeting(models.Model):
    """The year-end meeting (hội nghị tổng kết) where nominations are voted and leaders elected."""

    bloc_year = models.OneToOneField(
        BlocYear, on_delete=models.CASCADE, related_name="meeting", verbose_name=_("bloc year")
    )
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("start time"))
    ends_at = models.TimeField(_("end time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255)
    chair = models.CharField(_("chair (name)"), max_length=100)
    chair_title = models.CharField(_("chair's title"), max_length=255, blank=True)
    secretary = models.CharField(_("secretary (name)"), max_length=100)
    secretary_title = models.CharField(_("secretary's title"), max_length=255, blank=True)
    guests = models.TextField(_("guests"), blank=True, help_text=_("One guest per row."))
    present = models.ManyToManyField(
        Organization, related_name="+", blank=True, verbose_name=_("members present")
    )
    minutes_number = models.CharField(_("number of the minutes"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.bloc_year} – {self.held_on}"

    def guest_lines(self) -> list[str]:
        return [line.strip() for line in self.guests.splitlines() if line.strip()]


class Nomination(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        VOTED = "voted", _("Voted")
        NOT_PASSED = "not_passed", _("Not passed")
        APPROVED = "approved", _("Approved by the leaders")
        RETURNED = "returned", _("Returned by the leaders")
        SUBMITTED = "submitted", _("Submitted to the province")
        GRANTED = "granted", _("Granted")
        NOT_GRANTED = "not_granted", _("Not granted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.CASCADE, related_name="nominations", verbose_name=_("bloc year")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("organization"),
    )
    award_type = models.ForeignKey(
        AwardType, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("award")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    # The ranking when proposed, so documents later show what the decision rested on.
    rank = models.PositiveSmallIntegerField(_("rank when proposed"), null=True, blank=True)
    score = models.DecimalField(
        _("score when proposed"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    submission_number = models.CharField(_("submission number"), max_length=50, blank=True)
    submission_date = models.DateField(_("submission date"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_issuer = models.CharField(_("decided by"), max_length=255, blank=True)
    granted = models.BooleanField(_("granted"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["award_type__precedence", F("rank").asc(nulls_last=True), "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["bloc_year", "organization", "award_type"],
                condition=~Q(status="withdrawn"),
                name="nomination_unique_active",
            ),
            models.CheckConstraint(
                condition=Q(status="granted", granted=True)
                | Q(status="not_granted", granted=False)
                | (~Q(status__in=["granted", "not_granted"]) & Q(granted__isnull=True)),
                name="nomination_granted_matches_status",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "granted", "not_granted"])
                | (~Q(submission_number="") & Q(submission_date__isnull=False)),
                name="nomination_submitted_has_number_and_date",
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.award_type}"

    # The tally, read through the related Vote (select_related("vote") keeps it one query).
    @property
    def tally(self):
        try:
            return self.vote
        except Vote.DoesNotExist:
            return None

    def _tally_value(self, name):
        tally = self.tally
        return getattr(tally, name) if tally is not None else None

    @property
    def votes_for(self):
        return self._tally_value("votes_for")

    @property
    def votes_against(self):
        return self._tally_value("votes_against")

    @property
    def votes_abstain(self):
        return self._tally_value("votes_abstain")

    @property
    def voters(self):
        return self._tally_value("voters")

    @property
    def passed(self):
        return self._tally_value("passed")

    @property
    def percent(self):
        return self._tally_value("percent")


class NominationEvent(models.Model):
    """One change of a nomination's state: who, when, why. Never edited."""

    class Action(models.TextChoices):
        PROPOSE = "propose", _("Proposed")
        TALLY = "tally", _("Tally recorded")
        APPROVE = "approve", _("Approved")
        RETURN = "return", _("Returned")
        WITHDRAW = "withdraw", _("Withdrawn")
        SUBMIT = "submit", _("Submitted to the province")
        DECISION = "decision", _("Decision recorded")

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="events", verbose_name=_("nomination")
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    from_status = models.CharField(
        _("from"), max_length=12, choices=Nomination.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=12, choices=Nomination.Status.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    acting_for_leaders = models.BooleanField(
        _("by the secretariat, acting for the leaders"), default=False
    )

    class Meta:
        verbose_name = _("nomination event")
        verbose_name_plural = _("nomination events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.nomination}: {self.get_action_display()}"


class Election(models.Model):
    """The election, at this year's meeting, of next year's head and deputy head."""

    bloc_year = models.OneToOneField(
        BlocYear, on_delete=models.CASCADE, related_name="election", verbose_name=_("bloc year")
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    head = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head elected"),
    )
    deputy = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deputy head elected"),
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applied by"),
    )

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        constraints = [
            models.CheckConstraint(
                condition=Q(head__isnull=True) | Q(deputy__isnull=True) | ~Q(head=F("deputy")),
                name="election_head_is_not_deputy",
            ),
            models.CheckConstraint(condition=Q(round__gte=1), name="election_round_positive"),
        ]

    def __str__(self):
        return str(self.bloc_year)

    @property
    def next_year(self) -> int:
        return self.bloc_year.year + 1


class Candidate(models.Model):
    class Post(models.TextChoices):
        HEAD = "head", _("Head (Trưởng khối)")
        DEPUTY = "deputy", _("Deputy head (Phó Trưởng khối)")

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("election")
    )
    post = models.CharField(_("post"), max_length=10, choices=Post.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    by_rotation = models.BooleanField(_("proposed by rotation"), default=False)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["post", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "post", "organization"], name="candidate_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_post_display()})"


class Vote(models.Model):
    """The meeting's tally for one question: a nomination, or a candidate in one round.
    `passed` and `percent` are worked out by the year's rule when the tally is recorded."""

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.CASCADE, related_name="votes", verbose_name=_("bloc year")
    )
    nomination = models.OneToOneField(
        Nomination,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="vote",
        verbose_name=_("nomination"),
    )
    candidate = models.ForeignKey(
        Candidate,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="votes",
        verbose_name=_("candidate"),
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    voters = models.PositiveSmallIntegerField(_("voters present"))
    members = models.PositiveSmallIntegerField(_("members of the bloc"))
    base = models.PositiveSmallIntegerField(_("threshold counted on"))
    votes_for = models.PositiveSmallIntegerField(_("for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("abstain"), default=0)
    invalid = models.PositiveSmallIntegerField(_("invalid ballots"), default=0)
    passed = models.BooleanField(_("passed"))
    percent = models.DecimalField(_("percentage for"), max_digits=5, decimal_places=2)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        ordering = ["round", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nomination__isnull=False, candidate__isnull=True)
                | Q(nomination__isnull=True, candidate__isnull=False),
                name="vote_one_question",
            ),
            models.UniqueConstraint(fields=["candidate", "round"], name="vote_one_per_round"),
            models.CheckConstraint(
                condition=Q(
                    voters__gte=F("votes_for")
                    + F("votes_against")
                    + F("votes_abstain")
                    + F("invalid")
                ),
                name="vote_not_more_than_voters",
            ),
            models.CheckConstraint(
                condition=Q(voters__lte=F("members")), name="vote_voters_are_members"
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100), name="vote_percent_range"
            ),
        ]

    def __str__(self):
        return f"{self.votes_for}/{self.base}"

    @property
    def ballots_cast(self) -> int:
        return self.votes_for + self.votes_against + self.votes_abstain + self.invalid

    @property
    def votes_other(self) -> int:
        """The third count, neither for nor against: invalid ballots in secret, abstentions in a
        show of hands. Counts entered in the other method's words fold into it."""
        return self.votes_abstain + self.invalid


class AchievementReport(models.Model):
    """Báo cáo thành tích of one nominee (DOMAIN.md §7): the nominee's representative writes
    parts I-II; part III (the awards already received) is read from the award history as of
    the report's date; the head unit confirms it; it goes into the dossier."""

    nomination = models.OneToOneField(
        Nomination,
        on_delete=models.CASCADE,
        related_name="achievement_report",
        verbose_name=_("nomination"),
    )
    issued_on = models.DateField(_("date of the report"), null=True, blank=True)
    overview = models.TextField(_("I. Outline of the organization"), blank=True)
    achievements = models.TextField(_("II. Achievements"), blank=True)
    confirmed_at = models.DateTimeField(_("confirmed by the head unit at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("achievement report")
        verbose_name_plural = _("achievement reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True)
                | (Q(issued_on__isnull=False) & ~Q(overview="") & ~Q(achievements="")),
                name="achievementreport_confirmed_is_complete",
            ),
        ]

    def __str__(self):
        return str(self.nomination)
