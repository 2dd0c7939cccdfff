"""Every audit entry (django-auditlog, one row per create/update/delete of a domain model) is
tagged with the bloc, bloc year and organization it concerns, found by walking the instance's
foreign keys. The year's audit page then filters on those tags in one query, whatever model
wrote the entry, and models added later are tagged without any change here."""

from django.core.exceptions import ObjectDoesNotExist

from members.graph import foreign_key_path
from members.models import Bloc, BlocYear, Organization

TAGS = {"bloc": Bloc, "bloc_year": BlocYear, "organization": Organization}


def _follow(instance, path: tuple[str, ...]) -> int | None:
    if not path:
        return instance.pk
    *hops, last = path
    current = instance
    try:
        for hop in hops:
            current = getattr(current, hop)
            if current is None:
                return None
    except ObjectDoesNotExist:  # a parent deleted in the same cascade
        return None
    return getattr(current, f"{last}_id", None)


def tags_for(instance) -> dict:
    tags = {}
    for name, target in TAGS.items():
        path = foreign_key_path(type(instance), target)
        # Every key is written, null when it does not apply: the page filters on JSON null.
        tags[name] = _follow(instance, path) if path is not None else None
    if tags.get("bloc") is None and tags.get("bloc_year"):
        tags["bloc"] = (
            BlocYear.objects.filter(pk=tags["bloc_year"]).values_list("bloc", flat=True).first()
        )
    return tags


def tag_log_entry(sender, instance, log_entry=None, **kwargs):
    if log_entry is None:
        return
    log_entry.additional_data = {**(log_entry.additional_data or {}), **tags_for(instance)}
    log_entry.save(update_fields=["additional_data"])
