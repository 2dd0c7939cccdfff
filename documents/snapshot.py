"""A JSON-safe copy of the data a document was made from, stored next to its bytes."""

import dataclasses
import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.db.models import Model, QuerySet

MAX_DEPTH = 6
SKIPPED_KEYS = {"request", "user", "perms", "csrf_token", "messages", "view", "access"}


def to_jsonable(value, depth: int = 0):
    """Models become {"model", "pk", "str"}; Decimals and dates become strings; containers recurse.
    Unknown objects become their str(), so snapshotting never fails a render."""
    if depth > MAX_DEPTH:
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, Model):
        return {"model": value._meta.label, "pk": value.pk, "str": str(value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_jsonable(getattr(value, f.name), depth + 1)
            for f in dataclasses.fields(value)
        }
    if isinstance(value, Mapping):
        return {
            str(key): to_jsonable(item, depth + 1)
            for key, item in value.items()
            if str(key) not in SKIPPED_KEYS
        }
    if isinstance(value, list | tuple | set | frozenset | QuerySet):
        return [to_jsonable(item, depth + 1) for item in value]
    if hasattr(value, "_asdict"):  # namedtuple
        return to_jsonable(value._asdict(), depth + 1)
    return str(value)
