"""The one command before the app takes over (README, "A province starts from nothing"): the
password is asked on the terminal, in the app's language, twice, as Django's createsuperuser
does, since a typo there locks the office out of its only account."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from members.models import ProvinceRole

pytestmark = pytest.mark.django_db


def answers(monkeypatch, *typed):
    prompts = []
    replies = iter(typed)

    def getpass(prompt=""):
        prompts.append(prompt)
        return next(replies)

    monkeypatch.setattr("getpass.getpass", getpass)
    return prompts


def test_the_password_is_asked_twice_in_vietnamese(monkeypatch):
    prompts = answers(monkeypatch, "Lao-Cai-thi-dua-2026", "Lao-Cai-thi-dua-2026")
    out = StringIO()
    call_command(
        "create_province_office", province="Lào Cai", username="bantdkt.laocai", stdout=out
    )
    assert prompts == ["Mật khẩu: ", "Nhập lại mật khẩu: "]
    assert out.getvalue().strip().endswith("Đăng nhập tại /accounts/login/.")
    role = ProvinceRole.objects.get(user__username="bantdkt.laocai")
    assert role.user.check_password("Lao-Cai-thi-dua-2026")


def test_two_different_passwords_create_nothing(monkeypatch):
    answers(monkeypatch, "Lao-Cai-thi-dua-2026", "Lao-Cai-thi-dua-2062")
    with pytest.raises(CommandError, match="không giống nhau"):
        call_command("create_province_office", province="Lào Cai", username="bantdkt.laocai")
    assert not ProvinceRole.objects.exists()
