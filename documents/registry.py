"""The kinds of document `render_document` knows. Each app registers its own in AppConfig.ready,
so this bottom layer never imports the apps above it."""

from collections.abc import Callable

from documents.rendering import Rendered

# kind -> function(bloc_year) -> Rendered
_RENDERERS: dict[str, Callable[..., Rendered]] = {}


def register(kind: str, renderer: Callable[..., Rendered]) -> None:
    _RENDERERS[kind] = renderer


def kinds() -> list[str]:
    return sorted(_RENDERERS)


def renderer_for(kind: str) -> Callable[..., Rendered]:
    return _RENDERERS[kind]
