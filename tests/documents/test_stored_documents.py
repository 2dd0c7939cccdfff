"""Reprinting a closed year returns the stored document, byte for byte, with its hash and data."""

import hashlib

import pytest

from documents import registry
from documents.models import StoredDocument
from documents.rendering import Rendered
from members.models import BlocYear


@pytest.fixture
def counting_kind():
    calls = []

    def render(bloc_year):
        calls.append(bloc_year.pk)
        content = f"%PDF-1.7 version {len(calls)}".encode()
        return Rendered("test.pdf", "application/pdf", content, data={"version": len(calls)})

    registry.register("test-kind", render)
    yield calls
    registry._RENDERERS.pop("test-kind")


def close(bloc_year):
    bloc_year.phase = BlocYear.Phase.CLOSED
    bloc_year.save()


def test_an_open_year_renders_fresh_and_stores_nothing(bloc_year, counting_kind):
    first = registry.render("test-kind", bloc_year)
    second = registry.render("test-kind", bloc_year)

    assert first.content != second.content
    assert not StoredDocument.objects.exists()


def test_a_closed_year_stores_once_then_returns_the_stored_bytes(bloc_year, counting_kind):
    close(bloc_year)

    first = registry.render("test-kind", bloc_year)
    second = registry.render("test-kind", bloc_year)

    assert first.content == second.content == b"%PDF-1.7 version 1"
    assert len(counting_kind) == 1
    stored = StoredDocument.objects.get()
    assert stored.key == f"{bloc_year.bloc.slug}/{bloc_year.year}/test-kind"
    assert stored.sha256 == hashlib.sha256(b"%PDF-1.7 version 1").hexdigest()
    assert stored.data == {"version": 1}
    assert stored.verify()


def test_reopening_supersedes_the_stored_documents_but_keeps_them(bloc_year, counting_kind):
    close(bloc_year)
    registry.render("test-kind", bloc_year)

    registry.supersede_all(bloc_year)
    reprint = registry.render("test-kind", bloc_year)

    assert reprint.content == b"%PDF-1.7 version 2"
    assert StoredDocument.objects.count() == 2
    assert StoredDocument.objects.filter(superseded_at__isnull=True).count() == 1


def test_an_unknown_kind_is_refused_by_name(bloc_year):
    with pytest.raises(registry.UnknownKind):
        registry.render("no-such-kind", bloc_year)


def test_a_rendered_pdf_keeps_the_data_it_was_made_from(bloc_year):
    from documents.rendering import render_pdf
    from tests.documents.conftest import sample_context

    context = {**sample_context(), "bloc_year": bloc_year}
    rendered = render_pdf("documents/sample.html", context, "sample.pdf")

    assert rendered.data["template"] == "documents/sample.html"
    assert rendered.data["context"]["bloc_year"]["pk"] == bloc_year.pk
    assert rendered.data["context"]["doc_number"] == "Số: 05/BC-KTĐ"
