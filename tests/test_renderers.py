"""The form renderer writes selects, inputs and text areas in Python: to the byte what Django's
own widget templates write, whatever the values, attributes and choices."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy, override

from khoithidua.renderers import Renderer
from members.models import Organization

CHOICES = [("", "---------"), (1, "Hội <Chữ thập đỏ>"), (2, 'Hội "Nông dân"'), (2023, 2023)]
GROUPED = [("", "—"), ("Cấp tỉnh", [(1, "Cờ"), (2, "Bằng khen")]), ("Khác", [(3, "Giấy khen")])]

WIDGETS = [
    (forms.TextInput(), None),
    (forms.TextInput(attrs={"class": "form-control", "required": True, "disabled": False}), "a<b"),
    (forms.TextInput(attrs={"placeholder": gettext_lazy("Search"), "maxlength": 50}), ""),
    (forms.NumberInput(attrs={"step": "0.01", "min": Decimal("0")}), Decimal("3.50")),
    (forms.NumberInput(), 12),
    (forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), datetime.date(2023, 2, 5)),
    (forms.HiddenInput(), "x&y"),
    (forms.EmailInput(attrs={"autocomplete": "email"}), "a@b.vn"),
    (forms.PasswordInput(), "secret"),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(attrs={"data-autosubmit": True}), False),
    (forms.Textarea(), None),
    (forms.Textarea(attrs={"rows": 3}), "dòng 1\n<dòng 2>"),
    (forms.Select(choices=CHOICES), None),
    (forms.Select(choices=CHOICES, attrs={"class": "form-select", "aria-label": "Đơn vị"}), 2),
    (forms.Select(choices=CHOICES), "2023"),
    (forms.Select(choices=GROUPED), 2),
    (forms.SelectMultiple(choices=CHOICES), [1, 2]),
    (forms.NullBooleanSelect(), True),
]


@pytest.mark.parametrize(("widget", "value"), WIDGETS)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_widget_is_written_as_djangos_templates_write_it(widget, value, language):
    with override(language):
        ours = widget.render("field", value, attrs={"id": "id_field"}, renderer=Renderer())
        theirs = widget.render("field", value, attrs={"id": "id_field"}, renderer=DjangoTemplates())

    assert ours == theirs


def test_a_model_choice_is_written_as_djangos_templates_write_it(db, bloc):
    Organization.objects.create(bloc=bloc, name="Hội <Cựu chiến binh>")
    field = forms.ModelChoiceField(queryset=Organization.objects.order_by("name"))
    chosen = Organization.objects.first().pk

    ours = field.widget.render("org", chosen, renderer=Renderer())
    theirs = field.widget.render("org", chosen, renderer=DjangoTemplates())

    assert ours == theirs
    assert "Hội &lt;Cựu chiến binh&gt;" in ours


def test_a_widget_with_templates_of_its_own_goes_through_them():
    class Starred(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = Starred(choices=CHOICES)

    assert widget.render("f", 1, renderer=Renderer()) == widget.render(
        "f", 1, renderer=DjangoTemplates()
    )
