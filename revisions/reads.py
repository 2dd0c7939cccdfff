"""Reads remembered across requests until the data changes.

A page's heavy reads (a year's ranking, the facts the award rules weigh, the checklist's counts)
give the same answer from one request to the next until somebody writes. Every write through
Django's cursor (INSERT, UPDATE or DELETE on a table a page may read) renews the data's
revision, a random token kept in one row (Revision), and a remembered read is cached under the
token it was computed at: one write anywhere makes every remembered read stale at once. Coarse
on purpose: no read has to know which writes touch it, so a new write path, a bulk update or a
raw statement cannot leave a page stale.

When the token is renewed:
- after a write in autocommit mode, at once;
- after a write inside a transaction, when it commits (on_commit): a token never names data
  that other connections cannot see yet, and a transaction or savepoint rolled back renews
  nothing (Django drops its on_commit callbacks).
Between a commit and its renewal, a reader may store the new data under the old token, which
is about to go, or the old data under the old token, which nobody asks for after the renewal.
The token is random, never a counter: a counter renewed in a transaction that rolled back would
be handed out again, with other data.

A transaction that has written reads without the cache (it sees data nobody else sees yet). A
read is remembered in the user's language, and a cụm's words (members.kinds), for at most TIMEOUT
seconds (a process killed between a commit and its renewal leaves the old token standing until
the next write).
"""

import datetime
import hashlib
import secrets
import threading
from collections.abc import Callable
from functools import partial, wraps
from typing import TypeVar

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.utils import translation
from django.utils.translation import trans_real

T = TypeVar("T")
TIMEOUT = 300
_WRITES = ("INSERT", "UPDATE", "DELETE")
TABLE = '"revisions_revision"'
# Tables no remembered read looks at, written on most requests or beside another write.
_UNWATCHED = (
    TABLE,
    '"django_session"',
    '"axes_',
    '"auditlog_logentry"',
    '"django_tasks_database_',
)
_MISSING = object()


class _State(threading.local):
    paused = False  # while migrate runs: the Revision table may not exist yet
    in_request = False  # a request reads the token once
    token: str | None = None


_state = _State()


# --- the token ---------------------------------------------------------------------------------


def renew(connection=None) -> None:
    """Give the data a new revision (every remembered read goes stale). Two plain statements,
    never a transaction of its own: it may run while the write that asked for it still holds
    its cursor (an INSERT … RETURNING not yet read), where SQLite cannot commit."""
    _state.token = None
    connection = connection or connections[DEFAULT_DB_ALIAS]
    token = secrets.token_hex(16)
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE {TABLE} SET "token" = %s WHERE "id" = 1', [token])
        if cursor.rowcount == 0:  # emptied by a flush
            cursor.execute(
                f'INSERT INTO {TABLE} ("id", "token") VALUES (1, %s) ON CONFLICT DO NOTHING',
                [token],
            )


def _token() -> str | None:
    from revisions.models import Revision

    if _state.token is None:
        token = Revision.objects.filter(pk=1).values_list("token", flat=True).first()
        if not _state.in_request:
            return token
        _state.token = token
    return _state.token


def _writes_data(sql: str) -> bool:
    head = sql[:100].lstrip()  # every statement passes here: never copy a bulk insert whole
    return head[:6].upper() in _WRITES and not any(table in head for table in _UNWATCHED)


def _renewal_pending(connection) -> bool:
    """Whether this transaction has written (its renewal waits for the commit)."""
    return connection.in_atomic_block and any(
        getattr(callback, "func", None) is renew
        for _ids, callback, _robust in connection.run_on_commit
    )


def _after_write(connection) -> None:
    _state.token = None
    if not connection.in_atomic_block:
        renew(connection)
    elif not _renewal_pending(connection):
        connection.on_commit(partial(renew, connection))


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if not _state.paused and _writes_data(sql):
        _after_write(context["connection"])
    return result


# --- signals (apps.py) -------------------------------------------------------------------------


def watch(sender, connection, **kwargs):
    # First in the list: connection.execute_wrapper() pops the last one when its block ends, and
    # a block entered before the connection opened must pop its own wrapper, not this one.
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch)


def pause(sender, **kwargs):
    _state.paused = True


def resume(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """After migrate: migrations may change any data, and the Revision table now exists."""
    if _state.paused:
        _state.paused = False
        renew(connections[using])


def request_began(sender, **kwargs):
    _state.in_request, _state.token = True, None


def request_ended(sender, **kwargs):
    _state.in_request, _state.token = False, None


# --- remembering -------------------------------------------------------------------------------


def remember(key: str, compute: Callable[[], T], *, timeout: int = TIMEOUT) -> T:
    """compute(), or what it gave at the data's current revision, in the current language."""
    if _state.paused or _renewal_pending(connections[DEFAULT_DB_ALIAS]):
        return compute()
    token = _token()
    if token is None:  # a database just emptied (flush): nothing to key by until a write
        return compute()
    digest = hashlib.blake2b(key.encode(), digest_size=16).hexdigest()  # any key, cache-safe
    name = f"revisions:{token}:{_words()}:{digest}"
    found = cache.get(name, _MISSING)
    if found is not _MISSING:
        return found
    value = compute()
    cache.set(name, value, timeout)
    return value


def _words() -> str:
    """The language, and the catalogue the request reads it through: a cụm's pages read the same
    language through another (members.kinds), whose words a read may keep."""
    active = getattr(trans_real._active, "value", None)
    return f"{translation.get_language()}/{type(active).__name__}"


def _fingerprint(instance: Model) -> str:
    """The instance's row as this process holds it: an instance changed in memory and not saved
    is another key, not a stale hit."""
    values = tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)
    return f"{instance._meta.label}{values!r}"


_PLAIN = (int, str, datetime.date)


def _part(argument) -> str:
    if isinstance(argument, Model):
        return _fingerprint(argument)
    if isinstance(argument, _PLAIN):
        return repr(argument)
    raise TypeError(f"a remembered read takes instances and plain values, not {argument!r}")


def remembered(function: Callable[..., T]) -> Callable[..., T]:
    """A read of model instances and plain values (int, str, date), positional only, remembered
    by `remember`. It returns plain data (lists, dataclasses, instances), never a lazy QuerySet,
    and depends on nothing but its arguments and the database: the day, when it matters, is an
    argument; the user never is (access is checked before the read)."""
    name = f"{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def wrapper(*arguments) -> T:
        key = ";".join([name, *map(_part, arguments)])
        return remember(key, partial(function, *arguments))

    return wrapper
