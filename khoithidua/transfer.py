"""A whole bloc as one JSON file, and back: `export_bloc` and `import_bloc`.

Generic over the apps' models, so a new model is carried without touching this file: each
model's rows are those that reach the bloc through foreign keys (found by walking the model
graph), models that reach no bloc (award types) are carried whole, and the users who appear in
the bloc (roles, authors of changes) come along with their password hashes. Primary keys are
kept, so an import into an empty database gives back the same rows."""

import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from members.graph import foreign_key_path
from members.models import Bloc

FORMAT = "khoithidua-bloc"
VERSION = 1
APPS = ["members", "pledges", "awards", "khoithidua", "documents"]


class TransferError(ValueError):
    pass


def domain_models() -> list[type[models.Model]]:
    """Our models, each after every model it points to (topological order)."""
    pool = [m for label in APPS for m in apps.get_app_config(label).get_models()]
    ordered, placed = [], set()
    while pool:
        ready = [m for m in pool if _targets(m) - {m} <= placed | _outside(pool)]
        if not ready:  # a cycle: keep going; constraint checks are deferred on import
            ready = pool[:1]
        for model in ready:
            ordered.append(model)
            placed.add(model)
            pool.remove(model)
    return ordered


def _targets(model) -> set:
    return {f.related_model for f in model._meta.get_fields() if f.many_to_one or f.one_to_one}


def _outside(pool) -> set:
    return {m for m in apps.get_models() if m not in pool}


def _rows(model, bloc):
    path = foreign_key_path(model, Bloc)
    if model._meta.label == "documents.StoredDocument":
        return model.objects.filter(key__startswith=f"{bloc.slug}/")
    if path is None:
        return model.objects.all()
    if path == ():
        return model.objects.filter(pk=bloc.pk)
    return model.objects.filter(**{"__".join(path): bloc}).distinct()


def _user_ids(records) -> set[int]:
    user_model = get_user_model()
    ids = set()
    for model, rows in records:
        for field in model._meta.concrete_fields:
            if field.many_to_one and field.related_model is user_model:
                ids |= {
                    row[field.attname] for row in rows.values(field.attname) if row[field.attname]
                }
    return ids


def export_bloc(bloc: Bloc) -> dict:
    records = [(model, _rows(model, bloc).order_by("pk")) for model in domain_models()]
    users = get_user_model().objects.filter(pk__in=_user_ids(records)).order_by("pk")
    objects = serializers.serialize("python", users)
    for _model, rows in records:
        objects += serializers.serialize("python", rows)
    return {"format": FORMAT, "version": VERSION, "bloc": bloc.slug, "objects": objects}


def dumps(data: dict) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1, sort_keys=True)


@transaction.atomic
def import_bloc(data: dict) -> int:
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise TransferError("Not a khoithidua bloc export (format or version differs).")
    if Bloc.objects.filter(slug=data["bloc"]).exists():
        raise TransferError(f"The bloc {data['bloc']} already exists in this database.")
    count = 0
    with connection.constraint_checks_disabled():
        for item in serializers.deserialize("python", data["objects"]):
            item.save()
            count += 1
    connection.check_constraints()
    _reset_sequences()
    return count


def _reset_sequences() -> None:
    """PostgreSQL hands out ids from sequences, which an import with explicit ids leaves behind."""
    models_ = [get_user_model(), *domain_models()]
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
