"""The test run: production settings, but a fast password hasher (every test logs users in)."""

from khoithidua.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Uploads made by tests go to a throwaway folder, never into the checkout.
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="khoithidua-test-media-"))

# The province dossier renders in one process under test: forked children could not see an
# in-memory SQLite database or an open test transaction. make bench measures the parallel path.
PROVINCE_JOB_PROCESSES = 1
