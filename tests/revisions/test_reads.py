"""Reads remembered across requests until the data changes (revisions.reads): any write renews
the data's revision once it is committed, and a remembered read is never older than that.

These tests commit (transaction=True): inside a test's usual transaction every read after the
first write bypasses the cache, which is the rule for a transaction that has written."""

import re
from decimal import Decimal

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from members.models import Organization
from pledges.models import Score
from revisions import reads
from revisions.models import Revision
from tests.factories import year_with_members
from tests.pledges.factories import criteria_table, final_sheet

pytestmark = pytest.mark.django_db(transaction=True)


def token() -> str | None:
    return Revision.objects.values_list("token", flat=True).first()


class Counted:
    """A read that counts how often it is really computed."""

    def __init__(self):
        self.computed = 0

    def __call__(self):
        self.computed += 1
        return list(Organization.objects.values_list("name", flat=True))


@pytest.fixture
def bloc_year():
    return year_with_members(3)


def test_a_read_is_computed_once_then_remembered_until_a_write(bloc_year):
    read = Counted()

    first = reads.remember("names", read)
    again = reads.remember("names", read)
    Organization.objects.filter(pk=bloc_year.head_id).update(name="Hội Mới")
    after = reads.remember("names", read)

    assert read.computed == 2
    assert first == again
    assert "Hội Mới" in after and "Hội Mới" not in first


def test_a_write_in_a_transaction_renews_the_revision_when_it_commits(bloc_year):
    read = Counted()
    reads.remember("names", read)
    before = token()

    with transaction.atomic():
        Organization.objects.filter(pk=bloc_year.head_id).update(name="Hội Mới")
        assert token() == before  # not yet: other connections do not see the write
        inside = reads.remember("names", read)  # this transaction's own data, not remembered
    outside = reads.remember("names", read)

    assert token() != before
    assert "Hội Mới" in inside and "Hội Mới" in outside
    assert read.computed == 3


def test_a_transaction_rolled_back_keeps_the_revision(bloc_year):
    before = token()

    with pytest.raises(RuntimeError), transaction.atomic():
        Organization.objects.filter(pk=bloc_year.head_id).update(name="Hội Mới")
        raise RuntimeError

    assert token() == before


def test_a_write_after_a_savepoint_rolled_back_still_renews_the_revision(bloc_year):
    # The first write's renewal goes with its savepoint: the second must ask for its own.
    before = token()

    with transaction.atomic():
        try:
            with transaction.atomic():
                Organization.objects.filter(pk=bloc_year.head_id).update(name="Hội A")
                raise RuntimeError
        except RuntimeError:
            pass
        Organization.objects.filter(pk=bloc_year.deputy_id).update(name="Hội B")

    assert token() != before


def test_a_session_saved_on_a_request_keeps_the_revision(bloc_year):
    before = token()

    session = SessionStore()
    session["seen"] = True
    session.save()

    assert token() == before


def test_a_read_is_remembered_per_language(bloc_year):
    def status_word():
        from django.utils.translation import gettext

        return gettext("Draft")

    with translation.override("vi"):
        vietnamese = reads.remember("word", status_word)
    with translation.override("en"):
        english = reads.remember("word", status_word)

    assert english == "Draft" and vietnamese != english


def test_an_instance_changed_in_memory_is_another_key(bloc_year):
    @reads.remembered
    def year_label(year):
        return f"{year.year} {year.province_name}"

    original = year_label(bloc_year)
    bloc_year.province_name = "Tỉnh Khác"  # not saved

    assert year_label(bloc_year) == f"{bloc_year.year} Tỉnh Khác"
    assert original != year_label(bloc_year)


def test_a_remembered_read_refuses_an_argument_it_cannot_key_by():
    @reads.remembered
    def anything(value):
        return value

    with pytest.raises(TypeError):
        anything([1, 2])


def cells(page: str) -> list[str]:
    return re.findall(r'<td class="num">([^<]*)</td>', page)


def test_the_ranking_page_reads_once_and_shows_a_final_score_changed_at_once(
    client, admin_user, bloc_year
):
    criteria = criteria_table(bloc_year, scored=2, bonus=0, deduction=0)
    for membership in bloc_year.memberships.all():
        final_sheet(bloc_year, membership.organization, {c: "5" for c in criteria})
    client.force_login(admin_user)
    url = f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/ranking/"
    before = cells(client.get(url).content.decode())

    with CaptureQueriesContext(transaction.get_connection()) as remembered:
        client.get(url)
    Score.objects.filter(sheet__organization=bloc_year.head).update(final_points=Decimal("9.5"))
    after = cells(client.get(url).content.decode())

    assert not any("pledges_score" in q["sql"] for q in remembered.captured_queries)
    assert "19" not in before and "19" in after  # 9,5 + 9,5: the head's new total, at once


def test_a_read_in_a_cums_words_is_not_served_to_a_khoi(bloc_year):
    # A cụm's pages read the Vietnamese catalogue through members.kinds, which says "cụm" where
    # the catalogue says "khối": the same language, other words.
    from django.utils.translation import gettext

    from members import kinds

    cluster = year_with_members(2).bloc
    cluster.kind = cluster.Kind.CUM

    with translation.override("vi"):
        as_khoi = reads.remember("title", lambda: gettext("Emulation bloc"))
    with translation.override("vi"):
        kinds.speak_of(cluster)
        as_cum = reads.remember("title", lambda: gettext("Emulation bloc"))

    assert "Khối" in as_khoi and "Cụm" in as_cum


def test_a_province_decision_shows_at_once_on_the_pages_that_remembered_the_nominations(
    client, admin_user, bloc_year
):
    from tests.province.factories import nominations

    [nomination] = nominations(bloc_year, "MERIT_CERTIFICATE", 1)
    client.force_login(admin_user)
    province_page = f"/p/{bloc_year.bloc.province.slug}/2023/nominations/"
    bloc_page = f"/b/{bloc_year.bloc.slug}/2023/awards/"
    before = [client.get(url).content.decode() for url in (province_page, bloc_page)]

    response = client.post(
        province_page,
        {
            "number": "15/QĐ-UBND",
            "date": "2024-01-15",
            "issuer": "Chủ tịch UBND tỉnh",
            f"outcome_{nomination.pk}": "granted",
        },
    )
    after = [client.get(url).content.decode() for url in (province_page, bloc_page)]

    assert response.status_code == 302
    assert all("Đã được tặng" not in page for page in before)  # the status, once granted
    assert all("Đã được tặng" in page for page in after)
