"""export_bloc / import_bloc: a bloc written out and read into an empty database is the same."""

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from khoithidua import transfer
from members.models import Bloc


def test_a_bloc_survives_the_round_trip_row_for_row(db, tmp_path):
    call_command("load_demo", stdout=StringIO())
    path = tmp_path / "bloc.json"
    call_command("export_bloc", "hoi-dac-thu-yen-bai", "-o", str(path), stdout=StringIO())
    before = json.loads(path.read_text(encoding="utf-8"))

    _empty_the_database()
    call_command("import_bloc", str(path), stdout=StringIO())

    after = json.loads(transfer.dumps(transfer.export_bloc(Bloc.objects.get())))
    assert len(after["objects"]) == len(before["objects"]) > 40
    assert after == before


def test_new_rows_after_an_import_get_fresh_ids(db, tmp_path):
    call_command("load_demo", stdout=StringIO())
    data = json.loads(transfer.dumps(transfer.export_bloc(Bloc.objects.get())))
    _empty_the_database()
    transfer.import_bloc(data)
    user = get_user_model().objects.create(username="moi")
    assert user.pk > max(o["pk"] for o in data["objects"] if o["model"] == "auth.user")


def test_importing_a_bloc_that_exists_is_refused_and_changes_nothing(db, tmp_path):
    call_command("load_demo", stdout=StringIO())
    path = tmp_path / "bloc.json"
    call_command("export_bloc", "hoi-dac-thu-yen-bai", "-o", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="already exists"):
        call_command("import_bloc", str(path), stdout=StringIO())
    assert Bloc.objects.count() == 1


def test_a_file_that_is_not_an_export_is_refused(db, tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}')
    with pytest.raises(CommandError, match="Not a khoithidua bloc export"):
        call_command("import_bloc", str(path))


def test_an_unknown_bloc_cannot_be_exported(db, tmp_path):
    with pytest.raises(CommandError, match="No bloc"):
        call_command("export_bloc", "khong-co", "-o", str(tmp_path / "x.json"))


def _empty_the_database():
    for model in reversed(transfer.domain_models()):
        model.objects.all().delete()
    get_user_model().objects.all().delete()
