"""Forms expose only the fields they edit. For every ModelForm of the project, its page is
posted with a forged value for every field of the model, on top of a valid form; the form is
accepted, and no field outside the form has changed (a phase, a status, a bloc, a version, a
foreign key to another year...). A new ModelForm fails this test until it has a row here."""

import datetime
import inspect
from decimal import Decimal
from importlib import import_module

import pytest
from django import forms
from django.db import models

from awards import selectors as award_selectors
from members.selectors import member_organizations
from tests.test_permission_matrix import world  # noqa: F401 - the permission matrix's world

APPS = ["members", "pledges", "awards", "khoithidua", "audit"]


def _y(w, year=None):
    return f"/b/{w.bloc.slug}/{(year or w.bloc_year).year}/"


# form class name -> (page, the object it edits, the form's other arguments)
PAGES = {
    "members.forms.OrganizationForm": (
        lambda w: f"/b/{w.bloc.slug}/orgs/{w.organization.pk}/edit/",
        lambda w: w.organization,
        lambda w: {"bloc": w.bloc},
    ),
    "members.forms.BlocForm": (
        lambda w: f"/b/{w.bloc.slug}/edit/",
        lambda w: w.bloc,
        lambda w: {"province": w.bloc.province},
    ),
    "members.forms.FinishersForm": (
        lambda w: _y(w) + "finishers/",
        lambda w: w.bloc_year,
        lambda w: {},
    ),
    "members.forms.SignerForm": (
        lambda w: _y(w) + f"members/{w.membership.pk}/signer/",
        lambda w: w.membership,
        lambda w: {},
    ),
    "members.forms.BlocYearForm": (
        lambda w: _y(w) + "settings/",
        lambda w: w.bloc_year,
        lambda w: {},
    ),
    "pledges.forms.SectionForm": (
        lambda w: _y(w, w.setup_year) + f"criteria/sections/{w.setup_section.pk}/edit/",
        lambda w: w.setup_section,
        lambda w: {},
    ),
    "pledges.forms.CriterionForm": (
        lambda w: _y(w, w.setup_year) + f"criteria/{w.setup_criterion.pk}/edit/",
        lambda w: w.setup_criterion,
        lambda w: {"bloc_year": w.setup_year},
    ),
    "pledges.forms.ScoringSettingsForm": (
        lambda w: _y(w, w.cross_year) + "scoring/settings/",
        lambda w: w.cross_year.scoring_settings,
        lambda w: {},
    ),
    "awards.forms.RuleForm": (
        lambda w: _y(w) + f"awards/rules/{w.rule.pk}/",
        lambda w: w.rule,
        lambda w: {"award_types": award_selectors.award_types()},
    ),
    "awards.forms.SettingsForm": (
        lambda w: _y(w) + "awards/settings/",
        lambda w: w.bloc_year.award_settings,
        lambda w: {},
    ),
    "awards.forms.MeetingForm": (
        lambda w: _y(w) + "awards/meeting/edit/",
        lambda w: w.bloc_year.meeting,
        lambda w: {"organizations": member_organizations(w.bloc_year)},
    ),
}


def _model_forms():
    for app in APPS:
        try:
            module = import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
        for name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.ModelForm) and value.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", value


FORMS = dict(_model_forms())


def test_every_model_form_has_a_row_here():
    assert sorted(FORMS) == sorted(PAGES)


def _as_posted(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [_as_posted(v) for v in value]
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def valid_data(form) -> dict:
    """The form as its page shows it: what is stored now."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        else:
            data[name] = _as_posted(value)
    return data


def forged(instance, field: models.Field):
    """A value for `field` that differs from the stored one."""
    current = getattr(instance, field.attname)
    if field.is_relation:
        other = field.related_model.objects.exclude(pk=current).values_list("pk", flat=True)
        return str(other.first() or 999_999)
    if field.choices:
        return next(str(v) for v, _label in field.flatchoices if v != current)
    if isinstance(field, models.BooleanField):
        return "" if current else "on"
    if isinstance(field, models.IntegerField):
        return str((current or 0) + 7)
    if isinstance(field, models.DecimalField):
        return "77"
    if isinstance(field, models.DateTimeField | models.DateField):
        return "2031-01-02"
    return "forged"


def outside_fields(model, form) -> list[models.Field]:
    return [
        f
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False)
        and not f.primary_key
        and f.name not in form.fields
        and not getattr(f, "auto_now", False)  # a save's time is not a field a user edits
    ]


def snapshot(instance, fields) -> dict:
    instance.refresh_from_db()
    return {
        f.name: (
            set(getattr(instance, f.name).values_list("pk", flat=True))
            if f.many_to_many
            else getattr(instance, f.attname)
        )
        for f in fields
    }


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_form_changes_only_its_own_fields_whatever_is_posted(name, world, client):  # noqa: F811
    page, target, arguments = PAGES[name]
    instance = target(world)
    form = FORMS[name](instance=instance, **arguments(world))
    outside = outside_fields(type(instance), form)
    before = snapshot(instance, outside)
    data = {f.name: forged(instance, f) for f in outside if not f.many_to_many}
    data |= valid_data(form)
    client.force_login(world.users["admin"])
    response = client.post(page(world), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert snapshot(instance, outside) == before
