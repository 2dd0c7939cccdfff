from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from province.models import NoticePreference, ProvinceYear

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProvinceYearForm(forms.ModelForm):
    class Meta:
        model = ProvinceYear
        fields = [
            "pledge_due",
            "scoring_due",
            "meeting_due",
            "dossier_due",
            "remind_days",
            "gov_flag_share",
            "gov_flag_base",
        ]
        widgets = {
            "pledge_due": DATE,
            "scoring_due": DATE,
            "meeting_due": DATE,
            "dossier_due": DATE,
        }

    def clean(self):
        data = super().clean()
        order = ["pledge_due", "scoring_due", "meeting_due", "dossier_due"]
        dates = [(name, data.get(name)) for name in order if data.get(name)]
        for (earlier, first), (later, second) in zip(dates, dates[1:], strict=False):
            if second < first:
                self.add_error(
                    later,
                    _("This deadline comes before the one of an earlier step (%(field)s).")
                    % {"field": self.fields[earlier].label},
                )
        return data


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NoticePreference
        fields = ["reminders", "notices"]


# In context: bare, "Granted" is the nomination's status, translated "Đã được tặng" elsewhere.
OUTCOMES = [
    ("", _("— no decision yet —")),
    ("granted", pgettext_lazy("decision outcome", "Granted")),
    ("not_granted", pgettext_lazy("decision outcome", "Not granted")),
]


class DecisionsForm(forms.Form):
    """One decision of the province (number, date, issuer) on many nominations: each row says
    granted, not granted, or nothing yet."""

    number = forms.CharField(
        label=_("decision number"),
        max_length=50,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    date = forms.DateField(
        label=_("decision date"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    issuer = forms.CharField(
        label=_("decided by"),
        max_length=255,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, nominations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.nominations = list(nominations)
        for nomination in self.nominations:
            self.fields[f"outcome_{nomination.pk}"] = forms.ChoiceField(
                label=f"{nomination.organization_name} – {nomination.award_name}",
                choices=OUTCOMES,
                required=False,
            )

    def outcomes(self) -> dict[int, bool]:
        return {
            n.pk: self.cleaned_data[f"outcome_{n.pk}"] == "granted"
            for n in self.nominations
            if self.cleaned_data.get(f"outcome_{n.pk}")
        }

    def attach(self) -> None:
        """Each decidable nomination carries its own choice, for the table's row."""
        for nomination in self.nominations:
            nomination.decision_field = self[f"outcome_{nomination.pk}"]
