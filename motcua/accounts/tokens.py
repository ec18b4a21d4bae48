"""API keys: how they look (`mc_<prefix>_<secret>`), how they are made and hashed. Only the hash
is stored; the prefix is also kept in clear to tell tokens apart in lists and logs."""

import hashlib
import re
import secrets

KEY_PREFIX_LENGTH = 8
_KEY_FORMAT = re.compile(r"^mc_(?P<prefix>[0-9a-f]{8})_(?P<secret>[A-Za-z0-9_\-]{32,128})$")


def key_hash(key: str) -> str:
    """The SHA-256 hex digest stored for a key (a key has 256 random bits: no salt needed)."""
    return hashlib.sha256(key.encode()).hexdigest()


def key_make() -> tuple[str, str]:
    """A new key and its prefix: (prefix, key)."""
    prefix = secrets.token_hex(KEY_PREFIX_LENGTH // 2)
    return prefix, f"mc_{prefix}_{secrets.token_urlsafe(32)}"


def key_prefix(key: str) -> str | None:
    """The prefix of a well-formed key, None for anything else."""
    match = _KEY_FORMAT.match(key)
    return match.group("prefix") if match else None
