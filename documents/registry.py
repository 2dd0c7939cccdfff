"""The kinds of document the bloc files. Each app registers its own in AppConfig.ready, so this
bottom layer never imports the apps above it.

The one entry point for printing a year's document is `render(kind, bloc_year)`: an open year
renders fresh; a closed year returns the stored bytes (rendered and stored the first time), so
a reprint of a closed year is the document that was filed."""

import hashlib
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from documents.rendering import Rendered

# kind -> function(bloc_year) -> Rendered
_RENDERERS: dict[str, Callable[..., Rendered]] = {}


class UnknownKind(KeyError):
    pass


def register(kind: str, renderer: Callable[..., Rendered]) -> None:
    _RENDERERS[kind] = renderer


def kinds() -> list[str]:
    return sorted(_RENDERERS)


def renderer_for(kind: str) -> Callable[..., Rendered]:
    try:
        return _RENDERERS[kind]
    except KeyError:
        raise UnknownKind(kind) from None


def document_key(kind: str, bloc_year) -> str:
    """ "hoi-dac-thu-yen-bai/2022/report"."""
    return f"{bloc_year.bloc.slug}/{bloc_year.year}/{kind}"


def render(kind: str, bloc_year) -> Rendered:
    """The document of this kind for this year: the kept bytes once it was issued for signing
    or the year closed; otherwise rendered now."""
    renderer = renderer_for(kind)
    return kept_or_rendered(
        document_key(kind, bloc_year),
        kind,
        lambda: renderer(bloc_year),
        keep=getattr(bloc_year, "is_closed", False),
    )


def kept_or_rendered(key: str, kind: str, build: Callable[[], Rendered], *, keep: bool) -> Rendered:
    """What prints under a key: the kept copy when there is one (a document issued for signing,
    or signed, or filed at closing, is these bytes from then on); else a new rendering, kept
    when `keep` (a closed year's first print)."""
    stored = current_stored_key(key)
    if stored is None and keep:
        stored = store_key(key, kind, build())
    return as_rendered(stored) if stored is not None else build()


def current_stored(kind: str, bloc_year):
    return current_stored_key(document_key(kind, bloc_year))


def current_stored_key(key: str):
    from documents.models import StoredDocument

    return StoredDocument.objects.filter(key=key, superseded_at__isnull=True).first()


def store(kind: str, bloc_year, rendered: Rendered):
    return store_key(document_key(kind, bloc_year), kind, rendered)


@transaction.atomic
def store_key(key: str, kind: str, rendered: Rendered, **signed):
    """Keep a finished document with its hash and data; the current one of its key is replaced.
    `signed` carries a signed copy's fields (signed_at, issued_sha256, signatures)."""
    from documents.models import StoredDocument

    StoredDocument.objects.filter(key=key, superseded_at__isnull=True).update(
        superseded_at=timezone.now()
    )
    return StoredDocument.objects.create(
        key=key,
        kind=kind,
        filename=rendered.filename,
        mimetype=rendered.mimetype,
        content=rendered.content,
        word_content=rendered.docx or b"",
        sha256=hashlib.sha256(rendered.content).hexdigest(),
        data=rendered.data or {},
        **signed,
    )


def store_all(bloc_year, kinds_to_store: list[str] | None = None) -> list:
    """At closing: render and store every document of the year (or the kinds given)."""
    return [
        store(kind, bloc_year, renderer_for(kind)(bloc_year))
        for kind in (kinds_to_store if kinds_to_store is not None else kinds())
    ]


def supersede_all(bloc_year) -> int:
    """At reopening: the stored documents stay as history but are no longer what reprints give."""
    from documents.models import StoredDocument

    prefix = f"{bloc_year.bloc.slug}/{bloc_year.year}/"
    return StoredDocument.objects.filter(key__startswith=prefix, superseded_at__isnull=True).update(
        superseded_at=timezone.now()
    )


def as_rendered(stored) -> Rendered:
    return Rendered(
        filename=stored.filename,
        mimetype=stored.mimetype,
        content=bytes(stored.content),
        data=stored.data,
        docx=bytes(stored.word_content) or None,
    )


def response(kind: str, bloc_year, *, inline: bool = True, word: bool = False):
    """The HTTP answer with the document (or its Word copy). A document that cannot be issued
    as it stands (its typed number is taken in the register) answers 409 with the reason, in
    the user's language: never a 500."""
    from django.core.exceptions import ValidationError
    from django.http import Http404

    from documents.rendering import file_response, refusal_response

    try:
        rendered = render(kind, bloc_year)
    except UnknownKind:
        raise Http404 from None
    except ValidationError as error:
        return refusal_response(error)
    if word:
        if rendered.docx is None:
            raise Http404
        rendered = rendered.as_word()
    return file_response(rendered, inline=inline)
