"""The test run: production settings, but a fast password hasher (every test logs users in)."""

from khoithidua.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
