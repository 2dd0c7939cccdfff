"""What every form of the project inherits: typed text and numbers read one way.

CleanInputMixin rewrites the posted values before Django's own cleaning runs: text fields get
documents.text.clean_text (NFC, no invisible characters, spaces collapsed), and number fields
(IntegerField, DecimalField) are read by documents.numbers, so "1.500" is 1500 and "٣", "0_3"
or "1E-2" are refused with a message saying how to type the number (Django alone would take
int("٣") == 3 and int("0_3") == 3)."""

from django import forms
from django.forms.models import ModelChoiceIterator

from documents.numbers import parse_number
from documents.text import clean_text, vi_sort_key


class CleanInputMixin:
    def full_clean(self):
        refused = {}
        if self.is_bound:
            data = self.data.copy()
            for name, field in self.fields.items():
                key = self.add_prefix(name)
                values = data.getlist(key) if hasattr(data, "getlist") else [data.get(key)]
                if not values or not all(isinstance(v, str) for v in values):
                    continue
                try:
                    cleaned = [_clean_value(field, v) for v in values]
                except forms.ValidationError as error:
                    refused[name] = error
                    continue
                if hasattr(data, "setlist"):
                    data.setlist(key, cleaned)
                else:
                    data[key] = cleaned[0]
            self.data = data
        super().full_clean()
        for name, error in refused.items():
            self.cleaned_data.pop(name, None)
            self._errors[name] = self.error_class(error.messages, renderer=self.renderer)


def _clean_value(field: forms.Field, value: str) -> str:
    if isinstance(field, forms.IntegerField | forms.DecimalField):
        if not value.strip():
            return ""
        # The canonical spelling Django reads; its own checks (whole number, range) follow.
        return str(parse_number(value, places=None))
    if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
        return clean_text(value, multiline=isinstance(field.widget, forms.Textarea))
    return value


class CleanForm(CleanInputMixin, forms.Form):
    pass


class CleanModelForm(CleanInputMixin, forms.ModelForm):
    pass


class VietnameseOrder(ModelChoiceIterator):
    """A choice field's options in Vietnamese alphabetical order of their labels
    (documents.text.vi_sort_key): a database sorts "Đoàn" after "Z" and "Ân" away from "An"."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        label = self.field.label_from_instance
        for obj in sorted(self.queryset, key=lambda o: vi_sort_key(str(label(o)))):
            yield self.choice(obj)


def choices_by_name(field: forms.ModelChoiceField, queryset) -> None:
    """Offer the queryset's objects by name, in Vietnamese order."""
    field.iterator = VietnameseOrder
    field.queryset = queryset  # after the iterator: setting it renders the widget's choices
