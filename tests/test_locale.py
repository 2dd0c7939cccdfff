"""Vietnamese first: every catalogue is complete, compiled, and Vietnamese is the default."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    p for p in ROOT.glob("**/locale/vi/LC_MESSAGES/django.po") if ".venv" not in p.parts
)


def test_there_is_a_catalogue_for_the_project_and_each_app():
    folders = {p.relative_to(ROOT).parts[0] for p in CATALOGUES}
    assert {"locale", "members"} <= folders


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_is_translated_into_vietnamese(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy[:10]}"


def test_a_known_string_is_translated():
    with translation.override("vi"):
        assert translation.gettext("Log in") == "Đăng nhập"
        assert translation.gettext("Only the bloc's secretariat may do this.") == (
            "Chỉ Văn phòng Khối mới được thực hiện thao tác này."
        )
    with translation.override("en"):
        assert translation.gettext("Log in") == "Log in"


def test_the_login_page_is_vietnamese_by_default(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert 'lang="vi"' in page
    assert "Đăng nhập" in page
    assert "Tên đăng nhập" in page


def test_english_is_the_second_language(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/accounts/login/").content.decode()
    assert 'lang="en"' in page
    assert "Log in" in page


def test_an_english_browser_still_gets_vietnamese_until_the_user_chooses(client, db):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in page
