"""The demo lets anyone try signing: the 2022 head unit's key signs the 2022 report with the
demo password, and the demo province trusts the demo's authority."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from documents import registry, signatures
from members import demo
from members.models import BlocYear
from signing import selectors
from signing.models import SigningKey, TrustAnchor


def test_the_demo_leader_signs_the_2022_report_with_the_demo_key(client, db):
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # idempotent
    assert SigningKey.objects.count() == 1 and TrustAnchor.objects.count() == 1
    bloc_year = BlocYear.objects.get(bloc__slug=demo.SLUG, year=2022)
    client.force_login(get_user_model().objects.get(username="truongkhoi"))

    response = client.post(
        f"/b/{demo.SLUG}/2022/signatures/report/sign/",
        {"key": SigningKey.objects.get().pk, "secret": demo.PASSWORD},
    )

    assert response.status_code == 302
    roots = selectors.trust_roots(bloc_year.bloc.province)
    [check] = signatures.verify_pdf(registry.render("report", bloc_year).content, trust_roots=roots)
    assert check.ok and check.signer == "Nguyễn Bình Minh"
