"""Login without Streamlit: roles, password check, the signed session cookie, the wait after wrong attempts.

Pure functions and one small thread-safe class; campaign/login.py is the Streamlit glue (it tells
`role()` where the session's role is). Every write the UI can start checks `require(action)`.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import ipaddress
import secrets
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

FREE_ATTEMPTS = 3  # wrong passwords allowed before the first wait
FIRST_WAIT_S = 1.0
MAX_WAIT_S = 30.0
FORGET_AFTER_S = 3600.0  # a client with no wrong attempt for this long starts afresh
SESSION_HOURS = 12.0  # default lifetime of a login cookie
TOKEN_VERSION = "v1"
_KDF_SALT = b"valgkamp-dashboard/session-cookie/v1"
_KDF_ROUNDS = 200_000


# --- Roles ----------------------------------------------------------------------------------------

VIEWER, EDITOR, ADMIN = "viewer", "editor", "admin"
ROLES = (VIEWER, EDITOR, ADMIN)  # each may do everything the ones before it may
ROLE_NAMES = {VIEWER: "leser", EDITOR: "redaktør", ADMIN: "administrator"}
ACTIONS: dict[str, tuple[str, str]] = {  # action → (the least role allowed, what it is in Norwegian)
    "import": (EDITOR, "importere data"),
    "undo": (EDITOR, "angre en import"),
    "save_question": (EDITOR, "lagre spørsmål"),
    "enter_field_work": (EDITOR, "skrive inn tall i skjemaene"),
    "run_sql": (EDITOR, "kjøre egne SQL-spørringer"),  # the issue: the SQL page only for the roles allowed
    "manage_questions": (EDITOR, "fjerne lagrede spørsmål"),  # the issue: «removable by editors»
    "see_import_details": (ADMIN, "se detaljene i importloggen"),
}


class NotAllowed(PermissionError):
    """A write this session's role may not do; str() is the Norwegian message the UI shows."""


def _everyone_is_admin() -> str | None:
    return ADMIN


_session_role: Callable[[], str | None] = _everyone_is_admin


def use_session_role(source: Callable[[], str | None]) -> None:
    """Where `role()` asks; campaign/login.py registers the Streamlit session's role when imported."""
    global _session_role
    _session_role = source


def role() -> str | None:
    """This session's role ("viewer", "editor" or "admin"); None = not logged in.

    "admin" with no login configured, and outside a Streamlit session (the CLI, scripts, tests).
    """
    return _session_role()


_ASK = object()  # `as_role` not given: ask the session


def at_least(current: str | None, least: str) -> bool:
    """True when `current` is `least` or a higher role."""
    return current in ROLES and ROLES.index(current) >= ROLES.index(least)


def can(action: str, as_role=_ASK) -> bool:
    """May this session (or `as_role`; None = not logged in) do `action` (a key of ACTIONS; else KeyError)?"""
    least, _ = ACTIONS[action]
    return at_least(role() if as_role is _ASK else as_role, least)


def refusal(action: str, as_role=_ASK) -> str:
    """The Norwegian sentence saying why this session (or `as_role`) may not do `action`."""
    current = role() if as_role is _ASK else as_role
    least, what = ACTIONS[action]
    who = f"du er logget inn som {ROLE_NAMES[current]}" if current in ROLES else "du er ikke logget inn"
    return f"Du har ikke tilgang til å {what}: det krever rollen {ROLE_NAMES[least]}, og {who}."


def require(action: str) -> None:
    """Raise NotAllowed (with the Norwegian message) unless this session may do `action`."""
    current = role()
    if not can(action, current):
        raise NotAllowed(refusal(action, current))


def unknown_roles(table: Mapping | None) -> list[str]:
    """Keys of a per-role secrets table ([passwords], [roles]) that are not a role name."""
    return [str(key) for key in (table or {}) if key not in ROLES]


def role_passwords(table: Mapping | None, old_password: str | None) -> list[tuple[str, str]]:
    """(role, password) pairs from [passwords] (viewer/editor/admin) and the old single `password` (= admin).

    A number in the TOML (viewer = 1234) counts as its digits; empty entries are left out.
    """
    pairs = [(r, str(table[r])) for r in ROLES if table and table.get(r) not in (None, "")]
    return pairs + ([(ADMIN, str(old_password))] if old_password not in (None, "") else [])


def password_role(given: str, pairs: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """The (role, password) pair this typed password matches, the highest role if several; None = wrong.

    Every configured password is checked (in constant time), so timing tells nothing about which.
    """
    matches = [(r, p) for r, p in pairs if password_matches(given, p)]
    return max(matches, key=lambda pair: ROLES.index(pair[0])) if matches else None


def email_role(email: str | None, roles: Mapping | None, allowed: Sequence[str] | None) -> str | None:
    """The role of an account logged in with st.login; None = no access.

    Without a [roles] table everyone on `allowed_emails` (everyone, without that list) is admin, as
    before roles. With it: the highest role whose list has the address (or its «@domene»); an
    address only on `allowed_emails` is a viewer; anyone else is refused.
    """
    if not roles:
        return ADMIN if email_allowed(email, allowed) else None
    listed = [r for r in ROLES if roles.get(r) and email_allowed(email, list(roles.get(r)))]
    if listed:
        return listed[-1]
    return VIEWER if allowed and email_allowed(email, allowed) else None


# --- Password -------------------------------------------------------------------------------------

def _password_bytes(text: str) -> bytes:
    """NFC-normalised UTF-8, so «ø» typed as o + combining stroke still matches."""
    return unicodedata.normalize("NFC", text).encode("utf-8")


def password_matches(given: str, expected: str) -> bool:
    """Constant-time check of a typed password (any Unicode) against the configured one.

    Both sides are hashed first, so the comparison time depends on neither content nor length.
    """
    given_digest = hashlib.sha256(_password_bytes(given)).digest()
    expected_digest = hashlib.sha256(_password_bytes(expected)).digest()
    return bool(expected) and hmac.compare_digest(given_digest, expected_digest)


def email_allowed(email: str | None, allowed: Sequence[str] | None) -> bool:
    """True when no list is set, or the address (or its «@domene») is on it; case-insensitive."""
    if not allowed:
        return True
    if not email or "@" not in email:
        return False
    email = email.strip().lower()
    domain = email[email.rindex("@"):]
    return any(entry.strip().lower() in (email, domain) for entry in allowed)


# --- Session cookie -------------------------------------------------------------------------------

@functools.lru_cache(maxsize=8)
def cookie_key(cookie_secret: str | None, password: str) -> bytes:
    """The HMAC key for session cookies.

    With a `cookie_secret` the key is derived from it and the password (changing either logs
    everyone out). Without one it is a slow PBKDF2 of the password, so a stolen cookie does not
    make guessing the password offline cheap.
    """
    if cookie_secret:
        return hmac.new(_password_bytes(cookie_secret), _password_bytes(password), hashlib.sha256).digest()
    return hashlib.pbkdf2_hmac("sha256", _password_bytes(password), _KDF_SALT, _KDF_ROUNDS)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _signature(key: bytes, payload: str) -> str:
    return _b64(hmac.new(key, payload.encode("ascii"), hashlib.sha256).digest())


def sign_session(key: bytes, now: float, hours: float = SESSION_HOURS) -> str:
    """A new cookie value «v1.<expiry>.<nonce>.<signature>»; only [A-Za-z0-9._-] characters."""
    payload = f"{TOKEN_VERSION}.{int(now + hours * 3600)}.{secrets.token_urlsafe(12)}"
    return f"{payload}.{_signature(key, payload)}"


def session_expiry(token: str | None, key: bytes, now: float, hours: float = SESSION_HOURS) -> int | None:
    """The expiry (unix seconds) of a genuine, unexpired cookie value; None for anything else."""
    parts = (token or "").split(".")
    if not (token or "").isascii() or len(parts) != 4 or parts[0] != TOKEN_VERSION or not parts[1].isdigit():
        return None
    payload = ".".join(parts[:3])
    if not hmac.compare_digest(parts[3].encode("ascii"), _signature(key, payload).encode("ascii")):
        return None
    expiry = int(parts[1])
    return expiry if now < expiry <= now + hours * 3600 else None


def session_role(token: str | None, keys: Sequence[tuple[str, bytes]], now: float,
                 hours: float = SESSION_HOURS) -> str | None:
    """The role whose key signed this genuine, unexpired cookie (the highest, if several); None for anything else."""
    roles = [r for r, key in keys if session_expiry(token, key, now, hours) is not None]
    return max(roles, key=ROLES.index) if roles else None


def seconds_left(expiry: int, now: float) -> int:
    """What a cookie's Max-Age should be to end at expiry."""
    return max(0, int(expiry - now))


# --- Who is trying --------------------------------------------------------------------------------

def _behind_proxy(remote_ip: str | None) -> bool:
    """A peer on loopback or a private network is taken to be a reverse proxy."""
    if remote_ip is None:
        return True
    try:
        address = ipaddress.ip_address(remote_ip)
    except ValueError:
        return False
    return address.is_loopback or address.is_private


def client_key(remote_ip: str | None, forwarded_for: Iterable[str], connected: bool, session: str) -> str:
    """Who an attempt comes from, for the per-client wait.

    The last X-Forwarded-For hop is used only when the peer is loopback or private (a proxy
    appended it); a direct peer's own header is ignored, since anyone can send one.
    """
    hops = [hop.strip() for header in forwarded_for for hop in header.split(",") if hop.strip()]
    if hops and _behind_proxy(remote_ip):
        return f"ip:{hops[-1]}"
    if remote_ip:
        return f"ip:{remote_ip}"
    return "ip:loopback" if connected else f"session:{session}"


# --- Wait after wrong attempts --------------------------------------------------------------------

def wait_after(failures: int) -> float:
    """Seconds to wait after this many wrong attempts in a row: 0, 0, 0, 1, 2, 4, … ≤ 30."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(FIRST_WAIT_S * 2 ** (failures - FREE_ATTEMPTS), MAX_WAIT_S)


@dataclass
class _Record:
    failures: int
    last: float


class LoginGuard:
    """Process-wide login state: wrong attempts per key (a session, a client) and signed-out cookies."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: dict[str, _Record] = {}
        self._revoked: dict[str, float] = {}  # signed-out cookie value → its expiry

    def wait_left(self, keys: Iterable[str], now: float) -> float:
        """Seconds before any of these keys may try again (0 = now)."""
        with self._lock:
            records = [self._records.get(k) for k in keys]
        return max([r.last + wait_after(r.failures) - now for r in records if r] + [0.0])

    def failed(self, keys: Iterable[str], now: float) -> float:
        """Count a wrong attempt for each key; the wait this imposes."""
        keys = tuple(keys)
        with self._lock:
            self._forget_old(now)
            for key in keys:
                record = self._records.setdefault(key, _Record(0, now))
                record.failures += 1
                record.last = now
        return self.wait_left(keys, now)

    def succeeded(self, keys: Iterable[str]) -> None:
        """A right password clears the count for these keys."""
        with self._lock:
            for key in keys:
                self._records.pop(key, None)

    def _forget_old(self, now: float) -> None:
        for key in [k for k, r in self._records.items() if now - r.last > FORGET_AFTER_S]:
            del self._records[key]
        for token in [t for t, expiry in self._revoked.items() if expiry <= now]:
            del self._revoked[token]

    def revoke(self, token: str, expiry: float) -> None:
        """Refuse this cookie value from now on (logged out), until it would have expired anyway."""
        with self._lock:
            self._forget_old(clock())
            self._revoked[token] = expiry

    def is_revoked(self, token: str) -> bool:
        with self._lock:
            return token in self._revoked


def clock() -> float:
    """Wall-clock seconds (cookie expiry is an absolute time)."""
    return time.time()


def wait_text(seconds: float) -> str:
    """«1 sekund», «4 sekunder» (rounded up)."""
    whole = max(1, int(-(-seconds // 1)))
    return f"{whole} sekund" if whole == 1 else f"{whole} sekunder"
