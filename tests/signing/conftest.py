import pytest

from members.selectors import signer_of
from signing import services
from tests.khoithidua.factories import signed_report
from tests.pki import PASSPHRASE, png


@pytest.fixture
def trusted(bloc, authority, province_office):
    """The province trusts the test's authority."""
    return services.anchor_add(province=bloc.province, user=province_office, data=authority.pem)


@pytest.fixture
def issued_report(bloc_year, leader):
    """The year's report signed off by the head unit's leader: issued, with its number."""
    return signed_report(bloc_year, leader)


@pytest.fixture
def head_signer(bloc_year):
    return signer_of(bloc_year, bloc_year.head).signer_name


@pytest.fixture
def head_key(bloc_year, leader, authority, head_signer):
    """A PKCS#12 key of the head unit, certified by the authority, with its images."""
    return services.key_add(
        organization=bloc_year.head,
        user=leader,
        label="Khóa của Chủ tịch",
        kind="pkcs12",
        secret=PASSPHRASE,
        pkcs12_data=authority.pkcs12(head_signer, bloc_year.head.name, passphrase=PASSPHRASE),
        signature_image=png((20, 40, 200, 255)),
        seal_image=png((220, 20, 20, 200), size=(120, 120)),
    )
