from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from awards.selectors import document_symbol
from documents.forms import CleanForm
from khoithidua.models import ReportSection, YearReport

LEVELS = [(1, _("Part (I, II, …)")), (2, _("Item (1, 2, …)"))]


def _model_field(name: str):
    return YearReport._meta.get_field(name)


class ReportHeaderForm(CleanForm):
    """A plain form: the service compares with what is stored to know whether the report
    changed (a ModelForm would already have written the new values onto the instance)."""

    number = forms.CharField(
        max_length=50,
        required=False,
        label=capfirst(_model_field("number").verbose_name),
        help_text=_model_field("number").help_text,
    )
    issued_on = forms.DateField(
        required=False,
        label=capfirst(_model_field("issued_on").verbose_name),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    recipients = forms.CharField(
        required=False,
        label=capfirst(_model_field("recipients").verbose_name),
        help_text=_model_field("recipients").help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, report: YearReport, **kwargs):
        initial = {
            "number": report.number,
            "issued_on": report.issued_on,
            "recipients": report.recipients,
        }
        super().__init__(*args, initial=initial, **kwargs)
        # The example in the bloc's own symbol: a cụm numbers its documents "…/BC-CTĐ".
        example = f"05/BC-{document_symbol(report.bloc_year)}"
        self.fields["number"].help_text = _("As printed after “Số:”, e.g. %(example)s.") % {
            "example": example
        }


class SectionForm(CleanForm):
    """One part of the outline. A part printing the year's data cannot be deleted."""

    title = forms.CharField(max_length=255, label=_("Title"))
    level = forms.TypedChoiceField(choices=LEVELS, coerce=int, label=_("Level"))
    position = forms.IntegerField(min_value=0, max_value=999, label=_("Order"))
    required = forms.BooleanField(required=False, label=_("Must be written before sign-off"))
    text = forms.CharField(
        required=False,
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=ReportSection._meta.get_field("text").help_text,
    )
    delete = forms.BooleanField(required=False, label=_("Remove this part"))

    def __init__(self, *args, section: ReportSection, **kwargs):
        initial = {
            "title": section.title,
            "level": section.level,
            "position": section.position,
            "required": section.required,
            "text": section.text,
        }
        super().__init__(*args, prefix=f"s{section.pk}", initial=initial, **kwargs)
        self.section = section
        if section.data:
            del self.fields["delete"]

    def row(self) -> dict:
        return {"section": self.section, **self.cleaned_data}


class NewSectionForm(CleanForm):
    title = forms.CharField(max_length=255, required=False, label=_("Title of a new part"))
    level = forms.TypedChoiceField(choices=LEVELS, coerce=int, initial=1, label=_("Level"))
    position = forms.IntegerField(
        min_value=0, max_value=999, required=False, initial=99, label=_("Order")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="new", **kwargs)

    def values(self) -> dict | None:
        if not self.cleaned_data.get("title"):
            return None
        position = self.cleaned_data.get("position")
        return {
            "title": self.cleaned_data["title"],
            "level": self.cleaned_data["level"],
            "position": 99 if position is None else position,
        }


class ReopenForm(CleanForm):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the year is reopened."))
        return reason
