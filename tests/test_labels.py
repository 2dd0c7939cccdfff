"""Every model and field of ours has a Vietnamese label (issue 9): the admin, the audit trail and
every form derived from a model speak Vietnamese, not field names."""

import pytest
from django.apps import apps
from django.utils import translation

OURS = {"members", "pledges", "awards", "khoithidua", "documents"}
# Labels that read the same in both languages.
SAME_IN_BOTH = {"ID", "SHA-256"}


def _labels(obj) -> tuple[str, str]:
    with translation.override("vi"):
        vi = str(obj)
    with translation.override("en"):
        en = str(obj)
    return vi, en


def _fields():
    for model in apps.get_models():
        if model._meta.app_label not in OURS:
            continue
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue  # reverse relations carry no label of their own
            yield f"{model._meta.label}.{field.name}", field.verbose_name


def _models():
    for model in apps.get_models():
        if model._meta.app_label in OURS:
            yield model._meta.label, model._meta.verbose_name
            yield f"{model._meta.label} (plural)", model._meta.verbose_name_plural


@pytest.mark.parametrize("kind", ["models", "fields"])
def test_every_label_is_translated_into_vietnamese(kind):
    items = _models() if kind == "models" else _fields()
    untranslated = [
        name
        for name, label in items
        if (pair := _labels(label))[0] == pair[1] and pair[0] not in SAME_IN_BOTH
    ]
    assert not untranslated
