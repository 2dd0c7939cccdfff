from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from members.models import BlocYear

TRACKED_APPS = ["members", "pledges", "awards", "khoithidua"]


def entries_of_year(bloc_year: BlocYear, *, organization_id=None, kind=None):
    """The year's entries, and the bloc's entries that belong to no year (organizations)."""
    entries = LogEntry.objects.filter(
        Q(additional_data__bloc_year=bloc_year.pk)
        | (Q(additional_data__bloc=bloc_year.bloc_id) & Q(additional_data__bloc_year=None))
    )
    if organization_id:
        entries = entries.filter(additional_data__organization=organization_id)
    if kind:
        entries = entries.filter(content_type_id=kind)
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")


def kinds():
    """The tracked models, for the filter: (content type id, verbose name)."""
    types = ContentType.objects.filter(app_label__in=TRACKED_APPS)
    choices = [(ct.pk, ct.model_class()._meta.verbose_name) for ct in types if ct.model_class()]
    return sorted(choices, key=lambda choice: str(choice[1]))
