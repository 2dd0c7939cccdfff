"""Production hardening: deploy checks, Content-Security-Policy, login throttling."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.utils import text

ROOT = Path(__file__).resolve().parent.parent


def test_production_settings_pass_check_deploy_without_a_warning():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "a-long-random-production-secret-0123456789",
        "ALLOWED_HOSTS": "thidua.example.vn",
        "DJANGO_SETTINGS_MODULE": "khoithidua.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_pages_send_a_content_security_policy_without_inline_scripts(client, secretary, bloc_year):
    client.force_login(secretary)
    response = client.get(f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/members/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script> found"
    assert not re.search(r"\son(click|change|submit|load)=", html), "inline handler found"


def login(client, password):
    return client.post("/accounts/login/", {"username": "secretary", "password": password})


def test_repeated_failed_logins_lock_the_user_out(client, secretary, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200
    locked = login(client, "wrong")
    assert locked.status_code == 429
    assert "bị khóa" in text(locked)
    # Even the right password is refused while the lock lasts.
    assert login(client, "khoithidua").status_code == 429


def test_a_successful_login_resets_the_count(client, secretary, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wrong")
    assert login(client, "khoithidua").status_code == 302
    client.logout()
    assert login(client, "wrong").status_code == 200


@pytest.mark.parametrize("path", ["/media/evidence/x.pdf", "/media/"])
def test_uploads_have_no_public_url(client, path):
    assert client.get(path).status_code == 404


def test_pages_and_downloads_of_a_logged_in_user_are_never_stored(client, member, bloc_year):
    client.force_login(member)
    base = f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/"
    for address in (base, base + "export.xlsx"):
        response = client.get(address)
        assert response.status_code == 200, address
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, address


def test_the_csrf_failure_page_is_vietnamese(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post("/i18n/setlang/", {"language": "vi"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in text(response)
    assert "CSRF" not in text(response)


def test_an_unexpected_error_answers_the_vietnamese_error_page(member, bloc_year, monkeypatch):
    """Under gunicorn a failing import once answered Django's English "Internal Server Error";
    the app's own 500 page says in Vietnamese what to do."""
    from django.test import Client

    def broken(bloc_year):
        raise RuntimeError("a failure nobody foresaw")

    monkeypatch.setattr("khoithidua.selectors.report_of_year", broken)
    client = Client(raise_request_exception=False)
    client.force_login(member)

    response = client.get(f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/report/")

    assert response.status_code == 500
    assert "Đã có lỗi ở máy chủ" in text(response)
    assert "Internal Server Error" not in text(response)


def test_an_actions_address_opened_as_a_page_says_in_vietnamese_to_use_its_button(client, db):
    response = client.get("/accounts/logout/")  # logging out is a POST

    assert response.status_code == 405 and response["Allow"]
    assert "nút" in response.content.decode()
