"""A certificate authority made on the spot, for the demo and the tests: the demo's province
trusts one so that its people can try signing; it certifies nothing real.

Real keys come from a licensed provider (or the government's certification service) and reach
the app as the organization's PKCS#12 file or token."""

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


def _name(common_name, organization=None):
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organization:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(parts)


def _certificate(subject, issuer, public_key, signing_key, *, ca: bool):
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()),
            critical=False,
        )
    )
    if ca:
        usage = x509.KeyUsage(False, False, False, False, False, True, True, False, False)
    else:
        usage = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
    return builder.add_extension(usage, critical=True).sign(signing_key, hashes.SHA256())


class Authority:
    """A root certificate authority and the certificates it issues."""

    def __init__(self, name):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.cert = _certificate(_name(name), _name(name), self.key.public_key(), self.key, ca=True)

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def issue(self, common_name, organization):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = _certificate(
            _name(common_name, organization),
            self.cert.subject,
            key.public_key(),
            self.key,
            ca=False,
        )
        return key, cert

    def pkcs12(self, common_name, organization=None, passphrase="khoithidua"):
        """A .p12 file of a new key it certifies (unencrypted when passphrase is None)."""
        key, cert = self.issue(common_name, organization)
        encryption = (
            serialization.BestAvailableEncryption(passphrase.encode())
            if passphrase
            else serialization.NoEncryption()
        )
        return pkcs12.serialize_key_and_certificates(b"signer", key, cert, [self.cert], encryption)
