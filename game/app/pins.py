"""The facilitator PIN: scrypt hashes, the PIN of each class's game kept outside its saves, and attempts slowed
after a few wrong ones. No pygame: the session and the PIN prompt use it alike.

A class's game has an id (`class_id`, in every save of it). Setting a PIN records its hash for that id in
<data dir>/facilitator.json as well as in the session and its saves, so an older save of the same game (the
previous autosave, a named save from before the PIN) asks for it too. After MAX_FREE wrong PINs each further
attempt waits longer (WAIT_FIRST seconds, doubling, at most WAIT_MAX), for every save of that game.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from game.content import saves
from game.fileio import atomic_write_json

# about 16 MB and 50-200 ms a guess: every 4-digit PIN takes ~10 minutes of one core offline (the SHA-256 of version 2
# saves: 0.03 s); a PIN of 6 or more characters, letters too, is far stronger
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
MAX_FREE, WAIT_FIRST, WAIT_MAX = 3, 5.0, 300.0
REGISTRY = "facilitator.json"


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify(pin: str, stored: str) -> bool:
    """Whether `pin` matches a stored hash (scrypt; the salted SHA-256 of saves before version 3 is still read)."""
    pin = (pin or "").strip()
    parts = stored.split("$")
    try:
        if parts[0] == "scrypt" and len(parts) == 6:
            n, r, p = (int(x) for x in parts[1:4])
            if not (2 ** 10 <= n <= 2 ** 20 and 1 <= r <= 16 and 1 <= p <= 4):
                return False
            got = hashlib.scrypt(pin.encode("utf-8"), salt=bytes.fromhex(parts[4]), n=n, r=r, p=p,
                                 dklen=len(parts[5]) // 2, maxmem=2 ** 27)
            return hmac.compare_digest(got.hex(), parts[5])
        if len(parts) == 2:  # version 2 saves: salt$sha256(salt:pin)
            return hmac.compare_digest(parts[1], hashlib.sha256(f"{parts[0]}:{pin}".encode()).hexdigest())
    except (ValueError, MemoryError):
        return False
    return False


def new_class_id() -> str:
    return secrets.token_hex(8)


# -- the registry: each class's PIN, outside its saves ------------------------------------------------
def _path():
    return saves.data_dir() / REGISTRY


def _read() -> dict:
    try:
        data = json.loads(_path().read_text(encoding="utf-8")[:1_000_000])
    except (OSError, ValueError, RecursionError):
        return {}
    classes = data.get("classes") if isinstance(data, dict) else None
    return {k: v for k, v in classes.items() if isinstance(k, str) and (v is None or isinstance(v, str))} \
        if isinstance(classes, dict) else {}


def class_pin(class_id: str | None) -> tuple[bool, str | None]:
    """(known, hash): whether the registry knows this game, and its PIN hash (None: none, or removed)."""
    if not class_id:
        return False, None
    reg = _read()
    return class_id in reg, reg.get(class_id)


def record(class_id: str | None, pin_hash: str | None) -> None:
    """Keep (or clear) a game's PIN in the registry; a failure to write is not fatal (the saves carry it too)."""
    if not class_id:
        return
    reg = _read()
    reg[class_id] = pin_hash
    try:
        atomic_write_json(_path(), {"classes": reg}, indent=1)
    except OSError:
        pass


# -- slowing down guesses ---------------------------------------------------------------------------------
@dataclass
class Guard:
    failures: int = 0
    until: float = 0.0                       # no attempt is taken before this moment (clock())
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def wait(self) -> float:
        """Seconds before the next attempt is taken (0: now)."""
        return max(0.0, self.until - self.clock())

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= MAX_FREE:
            self.until = self.clock() + min(WAIT_MAX, WAIT_FIRST * 2 ** (self.failures - MAX_FREE))

    def succeeded(self) -> None:
        self.failures, self.until = 0, 0.0


GUARDS: dict[str, Guard] = {}


def guard(class_id: str | None) -> Guard:
    """The attempt counter of a game (shared by every session and save of it while the program runs)."""
    return GUARDS.setdefault(class_id or "", Guard())
