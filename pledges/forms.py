from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.forms import CleanForm, CleanModelForm
from documents.numbers import parse_number
from documents.templatetags.vn import vn_number
from members.models import BlocYear
from pledges.models import Criterion, ScoringSettings, Section

CENT = Decimal("0.01")
MAX_NUMBER_LENGTH = 30  # "1.000.000.000,25" and room to spare


def parse_decimal(text) -> Decimal:
    """A number as people type it (documents.numbers): "10,5", "1.500", "1.500,25"."""
    return parse_number(text, places=None)


class DecimalTextField(forms.CharField):
    """Points or figures with at most `places` decimals, read by documents.numbers. Not a
    FloatField: values stay Decimal, and "1.500" is read the Vietnamese way."""

    def __init__(self, *args, places: int = 2, **kwargs):
        self.places = places
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "maxlength": str(MAX_NUMBER_LENGTH)}

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        return parse_number(text, places=self.places)


def _points_widget(criterion: Criterion) -> forms.TextInput:
    """A points box of a whole-sheet form: named by its criterion, in the "points" column that
    Enter and a pasted column move down (static/js/app.js)."""
    attrs = {"class": "form-control form-control-sm text-end points", "inputmode": "decimal"}
    attrs["maxlength"] = str(MAX_NUMBER_LENGTH)
    attrs["aria-label"] = _("Points: %(criterion)s") % {"criterion": criterion}
    attrs["data-col"] = "points"
    return forms.TextInput(attrs=attrs)


def check_points(criterion: Criterion, value: Decimal | None) -> Decimal | None:
    """The entered value → the stored magnitude. Deductions are entered as negative numbers
    (−2 means two points off), so a positive number on a deduction row is refused: it would read
    as a bonus."""
    if value is None:
        return None
    maximum = vn_number(criterion.max_points)
    if criterion.is_deduction:
        if value > 0:
            raise forms.ValidationError(
                _("This is a deduction: enter it as a negative number (for example −%(max)s)."),
                params={"max": maximum},
                code="deduction_sign",
            )
        value = -value
        if value > criterion.max_points:
            raise forms.ValidationError(
                _("At most %(max)s points can be deducted here."), params={"max": maximum}
            )
        return value + 0  # no "-0"
    if value < 0:
        raise forms.ValidationError(_("Points cannot be negative."), code="negative")
    if value > criterion.max_points:
        raise forms.ValidationError(
            _("At most %(max)s points for this criterion."), params={"max": maximum}, code="max"
        )
    return value


def input_text(value: Decimal) -> str:
    """A number for an input field: "9,5", "10", "-2" (no grouping dots, which would be read back
    as decimals)."""
    return f"{value.normalize():f}".replace(".", ",")


def shown_points(criterion: Criterion, value: Decimal | None) -> str:
    """The stored magnitude → what the form shows (deductions negative)."""
    if value is None:
        return ""
    return input_text(-value if criterion.is_deduction and value else value)


class ScoreRowForm(CleanForm):
    """One row of the whole-sheet form, named by its criterion (prefix "c<id>"), so the same
    fields serve the whole sheet's save and the row's own autosave. `version` is the row's."""

    points = DecimalTextField(label=_("Points"))
    # A text area on the page (its lines are kept, and printed with their breaks).
    note = forms.CharField(label=_("Note"), required=False, max_length=4000, widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, criterion: Criterion, **kwargs):
        self.criterion = criterion
        kwargs.setdefault("prefix", f"c{criterion.pk}")
        super().__init__(*args, **kwargs)

    def clean_points(self):
        return check_points(self.criterion, self.cleaned_data["points"])


class EvidenceForm(CleanForm):
    evidence = forms.FileField(label=_("Evidence file"))


class VersionForm(CleanForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReviewForm(CleanForm):
    """Head review: reviewed points and a reason, one pair of fields per criterion."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, criteria: list[Criterion], scores: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            score = scores.get(criterion.pk)
            start = None
            if score is not None:
                start = (
                    score.reviewed_points
                    if score.reviewed_points is not None
                    else score.self_points
                )
            self.fields[f"points_{criterion.pk}"] = DecimalTextField(
                label=str(criterion),
                initial=shown_points(criterion, start),
                widget=_points_widget(criterion),
            )
            self.fields[f"reason_{criterion.pk}"] = forms.CharField(
                label=_("Reason"),
                required=False,
                max_length=2000,
                initial=score.review_reason if score else "",
                widget=forms.TextInput(
                    attrs={
                        "class": "form-control form-control-sm",
                        "aria-label": _("Reason: %(criterion)s") % {"criterion": criterion},
                    }
                ),
            )

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            name = f"points_{criterion.pk}"
            if name in cleaned:
                try:
                    cleaned[name] = check_points(criterion, cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def rows(self):
        """(criterion, points field, reason field) for the template."""
        return [(c, self[f"points_{c.pk}"], self[f"reason_{c.pk}"]) for c in self.criteria]


class CrossForm(CleanForm):
    def __init__(self, *args, criteria: list[Criterion], current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"points_{criterion.pk}"] = DecimalTextField(
                label=str(criterion),
                initial=shown_points(criterion, current.get(criterion.pk)),
                widget=_points_widget(criterion),
            )

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            name = f"points_{criterion.pk}"
            if name in cleaned:
                try:
                    cleaned[name] = check_points(criterion, cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def points(self) -> dict:
        return {c.pk: self.cleaned_data.get(f"points_{c.pk}") for c in self.criteria}

    def rows(self):
        return [(c, self[f"points_{c.pk}"]) for c in self.criteria]


class ReturnForm(CleanForm):
    reason = forms.CharField(
        label=_("Reason for returning the sheet"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PledgeForm(CleanForm):
    number = forms.CharField(label=_("Document number"), required=False, max_length=50)
    signed_on = forms.DateField(
        label=_("Signing date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    place = forms.CharField(label=_("Signing place"), required=False, max_length=255)
    commitments = forms.CharField(
        label=_("Common commitments"),
        required=False,
        help_text=_("One commitment per line, in order."),
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def clean_commitments(self):
        return [line.strip() for line in self.cleaned_data["commitments"].splitlines() if line]


class TargetForm(CleanForm):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Target"), max_length=500, required=False)
    target_value = DecimalTextField(label=_("Figure"))
    unit = forms.CharField(label=_("Unit"), max_length=50, required=False)
    criterion = forms.ModelChoiceField(
        queryset=Criterion.objects.none(), required=False, label=_("Criterion")
    )

    def __init__(self, *args, criteria=None, **kwargs):
        super().__init__(*args, **kwargs)
        if criteria is not None:
            self.fields["criterion"].queryset = criteria

    def clean_target_value(self):
        value = self.cleaned_data["target_value"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("The figure cannot be negative."))
        return value

    def clean(self):
        cleaned = super().clean()
        has_data = cleaned.get("target_value") is not None or cleaned.get("unit")
        if has_data and not (cleaned.get("text") or "").strip():
            self.add_error("text", _("Describe the target."))
        return cleaned


class BaseTargetFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data.get("text", "").strip() and not form.cleaned_data.get("DELETE")
        ]


TargetFormSet = forms.formset_factory(
    TargetForm, formset=BaseTargetFormSet, extra=3, can_delete=True, max_num=60
)


class AchievementForm(CleanForm):
    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = list(targets)
        for target in self.targets:
            self.fields[f"achieved_{target.pk}"] = DecimalTextField(
                label=target.text,
                initial=input_text(target.achieved_value)
                if target.achieved_value is not None
                else "",
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm text-end", "inputmode": "decimal"}
                ),
            )

    def clean(self):
        cleaned = super().clean()
        for target in self.targets:
            value = cleaned.get(f"achieved_{target.pk}")
            if value is not None and value < 0:
                self.add_error(f"achieved_{target.pk}", _("The figure cannot be negative."))
        return cleaned

    def achieved(self) -> dict:
        return {t.pk: self.cleaned_data.get(f"achieved_{t.pk}") for t in self.targets}

    def rows(self):
        return [(t, self[f"achieved_{t.pk}"]) for t in self.targets]


class SectionForm(CleanModelForm):
    class Meta:
        model = Section
        fields = ["code", "title", "position"]


class CriterionForm(CleanModelForm):
    max_points = DecimalTextField(label=_("Maximum points"), required=True)

    class Meta:
        model = Criterion
        fields = ["section", "code", "title", "kind", "max_points", "guidance", "position"]
        widgets = {
            "guidance": forms.Textarea(attrs={"rows": 3}),
            "title": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, bloc_year: BlocYear, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = bloc_year.criteria_sections.order_by("position", "pk")

    def clean_max_points(self):
        value = self.cleaned_data["max_points"]
        if value is None or value <= 0:
            raise forms.ValidationError(
                _("The maximum is a positive number (a deduction's maximum too).")
            )
        return value


class ScoringSettingsForm(CleanModelForm):
    bands = forms.CharField(
        label=_("Classification bands"),
        help_text=_(
            "One band per line: minimum share of the scale in per cent | label, for example "
            "“95 | Hoàn thành xuất sắc nhiệm vụ” (95 of 100 points, 950 of 1,000)."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    max_bonus = DecimalTextField(label=_("Cap on bonus points"))
    max_deduction = DecimalTextField(label=_("Cap on deduction points"))
    amendment_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=1000,
        help_text=_(
            "Required when the province office changes the bands or the tie rule after a "
            "sheet is final."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = ScoringSettings
        fields = [
            "review_mode",
            "aggregate",
            "tie_rule",
            "max_bonus",
            "max_deduction",
            "flagged_drops_grade",
            "member_edit_phase",
            "cross_scoring_phase",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bands"].initial = "\n".join(
            f"{minimum} | {label}" for minimum, label in self.instance.classification_bands
        )

    def clean_bands(self):
        bands = []
        for number, line in enumerate(self.cleaned_data["bands"].splitlines(), start=1):
            if not line.strip():
                continue
            minimum, separator, label = line.partition("|")
            if not separator or not label.strip():
                raise forms.ValidationError(
                    _("Line %(line)s: write “minimum | label”."), params={"line": number}
                )
            try:
                value = parse_decimal(minimum)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("Line %(line)s: the minimum is not a number."), params={"line": number}
                ) from error
            # A total is at most a few hundred points; "1e400" would overflow the arithmetic.
            if value.copy_abs() >= Decimal("1e12"):
                raise forms.ValidationError(
                    _("Line %(line)s: the minimum is too large."), params={"line": number}
                )
            bands.append(
                [int(value) if value == value.to_integral() else float(value), label.strip()]
            )
        if not bands:
            raise forms.ValidationError(_("Give at least one band."))
        return bands

    def _check_cap(self, name):
        value = self.cleaned_data[name]
        if value is not None and value < 0:
            raise forms.ValidationError(_("A cap cannot be negative."))
        return value

    def clean_max_bonus(self):
        return self._check_cap("max_bonus")

    def clean_max_deduction(self):
        return self._check_cap("max_deduction")


class ImportForm(CleanForm):
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    # A criteria table is a few kilobytes: anything this big is not one, and openpyxl would
    # unpack all of it in memory before the rows could say so.
    MAX_SIZE = 2 * 1024 * 1024

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > self.MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return uploaded
