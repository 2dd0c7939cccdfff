"""The audit trail in the words of its readers: each change under the field's Vietnamese label,
choices by their names, times in the local zone, nothing as a raw Python value."""

import datetime

from django import template
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

register = template.Library()


def _value(field, raw) -> str:
    if raw in (None, "None", ""):
        return "—"
    if field is None:
        return str(raw)
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if isinstance(field, models.BooleanField):
        return _("yes") if str(raw) in ("True", "1") else _("no")
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(raw).replace(" ", "T", 1))
        if moment is not None:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, datetime.UTC)
            return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")
    if isinstance(field, models.DateField):
        day = parse_date(str(raw))
        if day is not None:
            return day.strftime("%d/%m/%Y")
    return str(raw)


@register.filter
def readable_changes(entry) -> list[tuple[str, str, str]]:
    """[(label, before, after)] of an auditlog entry."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    rows = []
    for name, (before, after) in (entry.changes_dict or {}).items():
        try:
            field = model._meta.get_field(name) if model else None
        except Exception:  # a field since removed from the model
            field = None
        if field is not None and not hasattr(field, "verbose_name"):
            continue  # a reverse relation: says nothing the other side's entry does not
        label = str(field.verbose_name) if field is not None else name
        rows.append((label, _value(field, before), _value(field, after)))
    return rows
