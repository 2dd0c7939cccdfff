"""Text is stored in one spelling (documents/text.py): NFC, no invisible or control characters,
spaces collapsed; names compare on a case-folded key."""

import unicodedata

import pytest
from django.db import IntegrityError

from documents.text import clean_text, name_key, vi_sort_key
from members.models import Organization

NAME = "Hội Nông dân tỉnh"


def test_decomposed_unicode_zero_width_and_control_characters_are_cleaned():
    typed = unicodedata.normalize("NFD", "Hội\u200b  Nông\tdân\x00 tỉnh\ufeff ")
    assert clean_text(typed) == NAME


def test_multiline_text_keeps_its_lines():
    assert clean_text("Dòng  một\r\n\r\n\r\n  Dòng\u200b hai ", multiline=True) == (
        "Dòng một\n\nDòng hai"
    )


def test_the_name_key_folds_case_but_keeps_diacritics():
    assert name_key("HỘI NÔNG DÂN TỈNH") == name_key(unicodedata.normalize("NFD", NAME))
    assert name_key("Hồi") != name_key("Hội")


def test_the_database_refuses_a_look_alike_organization_name(bloc):
    Organization.objects.create(bloc=bloc, name=NAME)
    with pytest.raises(IntegrityError):
        Organization.objects.create(bloc=bloc, name=unicodedata.normalize("NFD", NAME.upper()))


def test_the_organization_form_refuses_a_look_alike_name(client_for, secretary, bloc):
    Organization.objects.create(bloc=bloc, name=NAME)
    for look_alike in (unicodedata.normalize("NFD", NAME), "Hội Nông\u200b dân tỉnh"):
        response = client_for(secretary).post(f"/b/{bloc.slug}/orgs/new/", {"name": look_alike})
        assert response.status_code == 200
        assert "Khối đã có đơn vị tên" in response.content.decode()
    assert bloc.organizations.filter(name_key=name_key(NAME)).count() == 1


def test_every_form_stores_the_clean_spelling(client_for, secretary, bloc):
    typed = unicodedata.normalize("NFD", "Hội  Luật gia\u200b tỉnh")
    client_for(secretary).post(f"/b/{bloc.slug}/orgs/new/", {"name": typed, "notes": "a\x07b"})
    organization = bloc.organizations.get(name_key=name_key("Hội Luật gia tỉnh"))
    assert (organization.name, organization.notes) == ("Hội Luật gia tỉnh", "ab")


def test_names_sort_in_vietnamese_order():
    """ă and â are letters after a, đ after d; tones only separate words otherwise the same,
    in the order ngang, huyền, hỏi, ngã, sắc, nặng; a shorter word comes first."""
    assert sorted(["Đoàn", "Dân", "Ân", "An", "Ăn"], key=vi_sort_key) == [
        "An",
        "Ăn",
        "Ân",
        "Dân",
        "Đoàn",
    ]
    tones = ["Hội", "Hồi", "Hối", "Hổi", "Hỗi", "Hôi"]
    assert sorted(tones, key=vi_sort_key) == ["Hôi", "Hồi", "Hổi", "Hỗi", "Hối", "Hội"]
    assert sorted(["Hội Đông y", "Hội Dược", "Hồi", "Anh", "An Bình"], key=vi_sort_key) == [
        "An Bình",
        "Anh",
        "Hồi",
        "Hội Dược",
        "Hội Đông y",
    ]
    assert vi_sort_key(unicodedata.normalize("NFD", "Ấn"))[:2] == vi_sort_key("ấn")[:2]
