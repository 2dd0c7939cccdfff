"""The app's Vietnamese catalogue is complete and in use."""

from pathlib import Path

import polib
from django.utils import translation

import pledges

CATALOGUE = Path(pledges.__file__).parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_every_message_of_the_app_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()
    assert len(catalogue.translated_entries()) > 300


def test_vietnamese_is_what_users_read():
    from pledges.models import ScoreSheet

    with translation.override("vi"):
        assert str(ScoreSheet.Status.SUBMITTED.label) == "Đã nộp"
        assert translation.pgettext("navigation", "Score sheets") == "Phiếu chấm điểm"
