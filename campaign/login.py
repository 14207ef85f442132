"""Streamlit glue for login: `st.login` (OIDC) when `[auth]` is in the secrets, else a password per role.

The decisions (roles, password check, cookie signing, waits) are in campaign/auth.py; importing
this module makes `auth.role()` answer for the Streamlit session. This module reads
secrets, cookies and headers, draws the login screen and the «Logg ut» button, and writes cookies
with a one-line script (Streamlit has no server-side way to set one from a script run).
"""
from __future__ import annotations

import importlib.util
import re
import secrets

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from campaign import auth, pages

COOKIE = "valgkamp_innlogging"  # the signed session cookie (password login)
NEXT_COOKIE = "valgkamp_neste"  # the page to return to after an OIDC round trip
NEXT_MAX_AGE_S = 600
_OK = "login_ok"
_ROLE = "login_role"
_TOKEN = "login_token"
_SCRIPT = "login_cookie_script"
_LOGGED_OUT = "login_logged_out"
_SESSION = "login_session"
_RETURNED = "login_returned"
_COOKIE_VALUE = re.compile(r"[A-Za-z0-9._-]*")


@st.cache_resource(show_spinner=False)
def guard() -> auth.LoginGuard:
    """Wrong attempts and signed-out cookies, shared by every session of this server process."""
    return auth.LoginGuard()


def _secret(name: str, default=None):
    try:
        return st.secrets.get(name, default)
    except FileNotFoundError:  # no secrets.toml at all
        return default


def _passwords() -> list[tuple[str, str]]:
    """(role, password) pairs: [passwords] viewer/editor/admin, and the old single `password` as admin."""
    return auth.role_passwords(_secret("passwords"), _secret("password"))


def _hours() -> float:
    return float(_secret("session_hours", auth.SESSION_HOURS))


def _key(password: str) -> bytes:
    secret = _secret("cookie_secret")
    return auth.cookie_key(None if secret is None else str(secret), password)


# --- Is the visitor in, and as what? ----------------------------------------------------------------

def signed_in() -> bool:
    """True when no login is configured, or this visitor has logged in (now or by cookie)."""
    return session_role() is not None


def session_role() -> str | None:
    """This session's role; None = not logged in. "admin" with no login configured, or outside a session (CLI)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return auth.ADMIN
    if _secret("auth"):
        return _oidc_role()
    pairs = _passwords()
    if not pairs:
        return auth.ADMIN
    if st.session_state.get(_OK) or _cookie_login(pairs):
        return st.session_state.get(_ROLE)
    return None


auth.use_session_role(session_role)


def _oidc_role() -> str | None:
    if not st.user.get("is_logged_in"):
        return None
    return auth.email_role(st.user.get("email"), _secret("roles"), _secret("allowed_emails"))


def _cookie_login(pairs: list[tuple[str, str]]) -> bool:
    """Accept a genuine, unexpired, not signed-out session cookie sent when the tab opened; its key tells the role."""
    token = browser_cookie(COOKIE)
    if st.session_state.get(_LOGGED_OUT) or not token or guard().is_revoked(token):
        return False
    role = auth.session_role(token, [(r, _key(p)) for r, p in pairs], auth.clock(), _hours())
    if role is None:
        return False
    st.session_state.update({_OK: True, _TOKEN: token, _ROLE: role})
    return True


# --- Login screen ---------------------------------------------------------------------------------

def show_login(page: str) -> None:
    """The login screen; page is where the visitor was going ("" = Forside). Stops the script."""
    _flush_cookie_script()
    st.title("Valgkampdashbord")
    if _secret("auth"):
        _oidc_login(page)
    else:
        _password_form(_passwords())
    _unknown_role_warning()
    st.stop()


def _unknown_role_warning() -> None:
    """A misspelt role in secrets.toml would silently lock someone out; say so on the login screen."""
    for table in ("passwords", "roles"):
        for name in auth.unknown_roles(_secret(table)):
            st.warning(f"Ukjent rolle «{name}» under [{table}] i .streamlit/secrets.toml; "
                       "bruk viewer, editor eller admin.")


def _password_form(pairs: list[tuple[str, str]]) -> None:
    with st.form("login", clear_on_submit=True, enter_to_submit=True):
        given = st.text_input("Passord", type="password")
        submitted = st.form_submit_button("Logg inn", type="primary")
    if submitted and given:
        _try_password(given, pairs)


def _attempt_keys() -> tuple[str, str]:
    """This session and this client, the two things a wait applies to."""
    session = st.session_state.setdefault(_SESSION, secrets.token_hex(8))
    headers = st.context.headers
    client = auth.client_key(st.context.ip_address, headers.get_all("X-Forwarded-For"), len(headers) > 0, session)
    return f"session:{session}", client


def _try_password(given: str, pairs: list[tuple[str, str]]) -> None:
    keys, now = _attempt_keys(), auth.clock()
    wait = guard().wait_left(keys, now)
    if wait > 0:  # refused unchecked: guessing faster does not help
        st.warning(f"For mange feil forsøk. Vent {auth.wait_text(wait)} før du prøver igjen.")
        return
    if (match := auth.password_role(given, pairs)) is None:
        wait = guard().failed(keys, now)
        later = f" Vent {auth.wait_text(wait)} før du prøver igjen." if wait > 0 else ""
        st.error(f"Feil passord.{later}")
        return
    guard().succeeded(keys)
    _start_session(*match, now)
    st.rerun()  # same URL, so the page the visitor was going to


def _start_session(role: str, password: str, now: float) -> None:
    """Signed with the key of the password typed, so the cookie says which role it is for."""
    token = auth.sign_session(_key(password), now, _hours())
    st.session_state.update({_OK: True, _ROLE: role, _TOKEN: token, _LOGGED_OUT: False,
                             _SCRIPT: _cookie_script(COOKIE, token, int(_hours() * 3600))})


def _oidc_login(page: str) -> None:
    if st.user.get("is_logged_in"):  # logged in at the provider, but not on allowed_emails
        st.error(f"{st.user.get('email') or 'Denne kontoen'} har ikke tilgang til dette dashbordet.")
        if st.button("Logg ut"):
            st.logout()
        return
    if not authlib_installed():
        st.error("Innlogging med `[auth]` krever pakken Authlib (`pip install Authlib`). Se README.")
        return
    if page:
        _write_script(_cookie_script(NEXT_COOKIE, page, NEXT_MAX_AGE_S, "Lax"))
    for provider in _providers():
        if st.button(f"Logg inn med {provider.capitalize()}" if provider else "Logg inn", type="primary"):
            st.login(provider)


def authlib_installed() -> bool:
    """st.login needs Authlib (the `streamlit[auth]` extra)."""
    return importlib.util.find_spec("authlib") is not None


def _providers() -> list[str | None]:
    """None for a provider set directly in [auth], plus the name of each [auth.<name>] table."""
    section = _secret("auth") or {}
    named = [name for name, value in section.items() if hasattr(value, "keys")]
    return ([None] if "client_id" in section or not named else []) + named


# --- After login ----------------------------------------------------------------------------------

def after_login(page: str) -> None:
    """Set a fresh cookie, return from an OIDC round trip to the page asked for, offer «Logg ut»."""
    _flush_cookie_script()
    if _secret("auth"):
        _return_to_target(page)
        _role_caption()
        if st.sidebar.button("Logg ut", key="logout"):
            st.logout()
    elif _passwords():
        _role_caption()
        st.sidebar.button("Logg ut", key="logout", on_click=_password_logout)


def _role_caption() -> None:
    if (role := session_role()) in auth.ROLE_NAMES:
        st.sidebar.caption(f"Innlogget som {auth.ROLE_NAMES[role]}")


def _return_to_target(page: str) -> None:
    """OIDC always comes back to Forside; go on to the page the visitor opened before logging in."""
    target = browser_cookie(NEXT_COOKIE)
    if st.session_state.get(_RETURNED) or not target:
        return
    st.session_state[_RETURNED] = True
    st.session_state[_SCRIPT] = _cookie_script(NEXT_COOKIE, "", 0, "Lax")
    if not page and target in {p.name for group in pages.sections().values() for p in group}:
        st.switch_page(pages.by_name(target).file)


def _password_logout() -> None:
    token = st.session_state.pop(_TOKEN, None)
    if token:
        guard().revoke(token, auth.clock() + _hours() * 3600)
    st.session_state.update({_OK: False, _ROLE: None, _LOGGED_OUT: True, _SCRIPT: _cookie_script(COOKIE, "", 0)})


# --- Cookies from the browser side ----------------------------------------------------------------

def browser_cookie(name: str) -> str | None:
    """A cookie as the browser sent it when this tab connected (it does not change during a session)."""
    return st.context.cookies.get(name)


def _cookie_script(name: str, value: str, max_age: int, same_site: str = "Strict") -> str:
    """A script that sets (max_age > 0) or deletes (0) a cookie for the whole app, Secure over https."""
    if not _COOKIE_VALUE.fullmatch(value):
        raise ValueError("cookie value must be plain ASCII")
    path = "/" + (st.get_option("server.baseUrlPath") or "").strip("/")
    return (f"<script>document.cookie = '{name}={value}; Max-Age={max_age}; Path={path}; SameSite={same_site}'"
            " + (location.protocol === 'https:' ? '; Secure' : '');</script>")


def _flush_cookie_script() -> None:
    script = st.session_state.pop(_SCRIPT, None)
    if script:
        _write_script(script)


def _write_script(script: str) -> None:
    st.html(script, unsafe_allow_javascript=True)
