from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import AwardRule, AwardSettings, Candidate, Meeting
from documents.forms import CleanForm, CleanModelForm


class RuleForm(CleanModelForm):
    class Meta:
        model = AwardRule
        fields = [
            "offered",
            "quota",
            "min_rank",
            "min_score",
            "prerequisite",
            "prerequisite_years",
            "allows_second_award",
            "threshold_strict",
            "threshold_numerator",
            "threshold_denominator",
            "threshold_base",
            "legal_basis",
        ]
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, award_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prerequisite"].queryset = award_types.exclude(pk=self.instance.award_type_id)

    def clean(self):
        data = super().clean()
        numerator, denominator = data.get("threshold_numerator"), data.get("threshold_denominator")
        if (
            numerator is not None
            and denominator is not None
            and (numerator < 1 or denominator < 1 or numerator > denominator)
        ):
            self.add_error(
                "threshold_denominator",
                _("The share must be a fraction between 0 and 1, such as 2/3."),
            )
        return data


class SettingsForm(CleanModelForm):
    class Meta:
        model = AwardSettings
        fields = [
            "quorum_numerator",
            "quorum_denominator",
            "ballot",
            "threshold_strict",
            "threshold_numerator",
            "threshold_denominator",
            "threshold_base",
            "submission_recipient",
            "document_symbol",
        ]
        labels = {
            "threshold_strict": _("Election: strictly more than"),
            "threshold_numerator": _("Election share: numerator"),
            "threshold_denominator": _("Election share: denominator"),
            "threshold_base": _("Election share counted on"),
        }

    def clean(self):
        data = super().clean()
        for prefix in ("quorum", "threshold"):
            numerator = data.get(f"{prefix}_numerator")
            denominator = data.get(f"{prefix}_denominator")
            if numerator is None or denominator is None:
                continue
            if numerator < 1 or denominator < 1 or numerator > denominator:
                self.add_error(
                    f"{prefix}_denominator",
                    _("The share must be a fraction between 0 and 1, such as 2/3."),
                )
        return data


class ProposeForm(CleanForm):
    # Rendered by hand on the nominations page (a hot page; crispy cost a fifth of it).
    organization = forms.ModelChoiceField(
        queryset=None, label=_("Organization"), widget=forms.Select(attrs={"class": "form-select"})
    )
    award_type = forms.ModelChoiceField(
        queryset=None, label=_("Award"), widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, organizations, award_types, read=None, **kwargs):
        """`read`: (organizations, award types) the page has read already, the querysets' rows
        in their order: the options are written from them, not read again (a POST is still
        checked against the querysets)."""
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["award_type"].queryset = award_types
        if read is None:
            return
        for name, objects in zip(("organization", "award_type"), read, strict=True):
            field = self.fields[name]
            field.choices = [("", field.empty_label)] + [
                (obj.pk, field.label_from_instance(obj)) for obj in objects
            ]


class MeetingForm(CleanModelForm):
    present = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Members present"),
    )

    class Meta:
        model = Meeting
        fields = [
            "held_on",
            "starts_at",
            "ends_at",
            "place",
            "chair",
            "chair_title",
            "secretary",
            "secretary_title",
            "guests",
            "minutes_number",
            "notes",
        ]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "guests": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = organizations
        if self.instance.pk:
            self.initial.setdefault("present", list(self.instance.present.all()))

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return data


NOT_NEGATIVE = {"min_value": _("A number of votes cannot be negative.")}


class TallyForm(CleanForm):
    """The counts of one vote in the words of the year's voting method, as the minutes print
    them (awards.printing.COUNT_WORDS): a secret ballot counts agree, disagree and invalid
    ballots (a blank ballot is an invalid one: nobody abstains in secret); a show of hands
    counts for, against and abstain (no ballot, so none is invalid). Counts entered before, in
    the other words, are shown folded into the third."""

    votes_for = forms.IntegerField(min_value=0, label=_("For"), error_messages=NOT_NEGATIVE)
    votes_against = forms.IntegerField(
        min_value=0, initial=0, label=_("Against"), error_messages=NOT_NEGATIVE
    )
    votes_abstain = forms.IntegerField(
        min_value=0, initial=0, label=_("Abstain"), error_messages=NOT_NEGATIVE
    )
    invalid = forms.IntegerField(
        min_value=0,
        initial=0,
        label=_("Invalid ballots"),
        help_text=_("A blank ballot counts as invalid."),
        error_messages=NOT_NEGATIVE,
    )

    def __init__(self, *args, secret: bool, **kwargs):
        super().__init__(*args, **kwargs)
        kept, dropped = ("invalid", "votes_abstain") if secret else ("votes_abstain", "invalid")
        del self.fields[dropped]
        if secret:
            self.fields["votes_for"].label = _("Agree")
            self.fields["votes_against"].label = _("Disagree")
        if self.initial:
            self.initial[kept] = self.initial.get(kept, 0) + self.initial.pop(dropped, 0)


class ReasonForm(CleanForm):
    reason = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Reason"),
    )


class CandidateForm(CleanForm):
    post = forms.ChoiceField(choices=Candidate.Post.choices, label=_("Post"))
    organization = forms.ModelChoiceField(queryset=None, label=_("Organization"))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class SubmitForm(CleanForm):
    nominations = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label=_("Nominations")
    )
    number = forms.CharField(max_length=50, label=_("Submission number"))
    date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}), label=_("Submission date")
    )

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations
        self.fields["nominations"].label_from_instance = lambda n: (
            f"{n.organization.name} – {n.award_type.name}"
        )


class DecisionForm(CleanForm):
    GRANTED = [("yes", _("Granted")), ("no", _("Not granted"))]

    number = forms.CharField(max_length=50, label=_("Decision number"))
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label=_("Date"))
    issuer = forms.CharField(max_length=255, label=_("Decided by"))
    granted = forms.ChoiceField(choices=GRANTED, widget=forms.RadioSelect, label=_("Outcome"))

    def clean_granted(self):
        return self.cleaned_data["granted"] == "yes"


class AchievementReportForm(forms.Form):
    """Parts I-II of a nominee's achievement report; part III fills itself from the history."""

    issued_on = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}), label=_("Date of the report")
    )
    overview = forms.CharField(
        label=_("I. Outline of the organization"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Its organization, functions and staff. One paragraph per line."),
    )
    achievements = forms.CharField(
        label=_("II. Achievements"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "The results of its tasks, the emulation movements and the measures taken. "
            "One paragraph per line."
        ),
    )
