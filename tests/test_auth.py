"""Login logic without Streamlit (campaign/auth.py): password check, session cookie, waits, clients."""
from __future__ import annotations

import threading
import unicodedata

import pytest

from campaign import auth

NOW = 1_800_000_000.0
KEY = auth.cookie_key("test-secret", "hemmelig")


@pytest.mark.parametrize(("given", "expected", "ok"), [
    ("hemmelig", "hemmelig", True),
    ("Hemmelig", "hemmelig", False),
    ("blåbærsyltetøy", "blåbærsyltetøy", True),
    ("blabaersyltetoy", "blåbærsyltetøy", False),
    (unicodedata.normalize("NFD", "Ærlig Øl på Ås"), "Ærlig Øl på Ås", True),  # macOS-style input
    ("🗳️ valg", "🗳️ valg", True),
    ("", "hemmelig", False),
    ("", "", False),  # an empty configured password never matches
    ("a" * 10_000, "hemmelig", False),
])
def test_password_matches_any_unicode_without_raising(given, expected, ok):
    assert auth.password_matches(given, expected) is ok


@pytest.mark.parametrize(("email", "allowed", "ok"), [
    ("ola@example.no", None, True),
    ("ola@example.no", [], True),
    ("Ola@Example.no", ["ola@example.no"], True),
    ("kari@example.no", ["ola@example.no"], False),
    ("kari@example.no", ["@example.no"], True),
    ("kari@example.no.evil.com", ["@example.no"], False),
    (None, ["@example.no"], False),
    ("", ["@example.no"], False),
])
def test_email_allowed(email, allowed, ok):
    assert auth.email_allowed(email, allowed) is ok


def test_a_signed_session_is_accepted_until_it_expires():
    token = auth.sign_session(KEY, NOW, hours=2)
    assert auth.session_expiry(token, KEY, NOW, hours=2) == int(NOW + 7200)
    assert auth.session_expiry(token, KEY, NOW + 7199, hours=2) == int(NOW + 7200)
    assert auth.session_expiry(token, KEY, NOW + 7200, hours=2) is None
    assert auth.seconds_left(int(NOW + 7200), NOW + 200) == 7000


def test_each_login_gets_its_own_cookie_value():
    assert auth.sign_session(KEY, NOW) != auth.sign_session(KEY, NOW)


def test_a_cookie_value_is_safe_to_put_in_a_cookie():
    token = auth.sign_session(KEY, NOW)
    assert all(c.isascii() and (c.isalnum() or c in "._-") for c in token)


def _tamper_expiry(token: str) -> str:
    version, expiry, nonce, signature = token.split(".")
    return ".".join([version, str(int(expiry) + 3600), nonce, signature])


@pytest.mark.parametrize("forge", [
    _tamper_expiry,
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
    lambda t: auth.sign_session(auth.cookie_key("other-secret", "hemmelig"), NOW),
    lambda t: auth.sign_session(auth.cookie_key("test-secret", "nytt-passord"), NOW),
    lambda t: "",
    lambda t: "v1.abc.def.ghi",
    lambda t: "v1.١٢٣.nonce.sig",  # non-ASCII digits
    lambda t: "v2" + t[2:],
    lambda t: t + ".x",
    lambda t: "v1.1800000000.æøå.sig",
])
def test_forged_or_foreign_cookies_are_refused(forge):
    assert auth.session_expiry(forge(auth.sign_session(KEY, NOW)), KEY, NOW) is None


def test_a_cookie_signed_for_longer_than_allowed_is_refused():
    token = auth.sign_session(KEY, NOW, hours=24 * 365)
    assert auth.session_expiry(token, KEY, NOW, hours=12) is None


def test_the_cookie_key_without_a_secret_is_derived_from_the_password():
    assert auth.cookie_key(None, "hemmelig") == auth.cookie_key("", "hemmelig")
    assert auth.cookie_key(None, "hemmelig") != auth.cookie_key(None, "hemmeligere")
    assert auth.cookie_key(None, "hemmelig") != auth.cookie_key("s", "hemmelig")
    assert auth.cookie_key("s", "hemmelig") != auth.cookie_key("s", "annet")


def test_the_wait_grows_after_three_wrong_attempts_and_is_capped():
    assert [auth.wait_after(n) for n in range(10)] == [0, 0, 0, 1, 2, 4, 8, 16, 30, 30]
    assert auth.wait_after(1000) == auth.MAX_WAIT_S


def test_the_guard_counts_per_key_and_refuses_until_the_wait_has_passed():
    guard = auth.LoginGuard()
    keys = ("session:a", "ip:10.0.0.9")
    assert [guard.failed(keys, NOW + i) for i in range(3)] == [0, 0, 1]
    assert guard.wait_left(keys, NOW + 2.5) == pytest.approx(0.5)
    assert guard.wait_left(keys, NOW + 3) == 0
    assert guard.failed(keys, NOW + 3) == 2
    # A new session from the same client waits too; another client does not.
    assert guard.wait_left(("session:b", "ip:10.0.0.9"), NOW + 4) == pytest.approx(1)
    assert guard.wait_left(("session:c", "ip:10.0.0.10"), NOW + 4) == 0
    guard.succeeded(keys)
    assert guard.wait_left(keys, NOW + 4) == 0


def test_the_guard_forgets_a_quiet_client():
    guard = auth.LoginGuard()
    for i in range(5):
        guard.failed(("ip:x",), NOW + i)
    guard.failed(("ip:y",), NOW + auth.FORGET_AFTER_S + 10)
    assert guard.wait_left(("ip:x",), NOW + auth.FORGET_AFTER_S + 10) == 0
    assert guard.failed(("ip:x",), NOW + auth.FORGET_AFTER_S + 11) == 0  # counts from 1 again


def test_the_guard_is_safe_across_threads():
    guard = auth.LoginGuard()
    threads = [threading.Thread(target=lambda: [guard.failed(("ip:z",), NOW) for _ in range(100)]) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert guard.wait_left(("ip:z",), NOW) == auth.MAX_WAIT_S


def test_a_signed_out_cookie_stays_refused_until_its_expiry():
    guard = auth.LoginGuard()
    guard.revoke("v1.x", auth.clock() + 60)
    assert guard.is_revoked("v1.x") and not guard.is_revoked("v1.y")


@pytest.mark.parametrize(("ip", "forwarded", "connected", "key"), [
    ("84.210.13.7", [], True, "ip:84.210.13.7"),
    ("84.210.13.7", ["1.2.3.4"], True, "ip:84.210.13.7"),  # a direct client cannot pick its key
    (None, ["51.174.2.1, 84.210.13.7"], True, "ip:84.210.13.7"),  # local proxy: its own last hop
    ("10.0.0.2", ["84.210.13.9"], True, "ip:84.210.13.9"),  # proxy on a private network
    (None, [], True, "ip:loopback"),
    (None, [], False, "session:s1"),  # no connection at all (tests): the session
])
def test_client_key(ip, forwarded, connected, key):
    assert auth.client_key(ip, forwarded, connected, "s1") == key


@pytest.mark.parametrize(("seconds", "text"), [(0.2, "1 sekund"), (1, "1 sekund"), (1.01, "2 sekunder"),
                                                (30, "30 sekunder")])
def test_wait_text(seconds, text):
    assert auth.wait_text(seconds) == text


# --- Roles ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "allowed"), [
    ("viewer", set()),
    ("editor", {"import", "undo", "save_question", "manage_questions", "enter_field_work", "run_sql"}),
    ("admin", set(auth.ACTIONS)),
    (None, set()),  # not logged in
    ("leser", set()),  # not a role
])
def test_what_each_role_may_do(role, allowed):
    assert {action for action in auth.ACTIONS if auth.can(action, role)} == allowed


def test_require_asks_the_session_and_refuses_in_norwegian(monkeypatch):
    monkeypatch.setattr(auth, "_session_role", lambda: "viewer")
    assert auth.role() == "viewer" and not auth.can("import")
    with pytest.raises(auth.NotAllowed) as refused:
        auth.require("import")
    assert isinstance(refused.value, PermissionError)
    assert str(refused.value) == ("Du har ikke tilgang til å importere data: det krever rollen redaktør, "
                                  "og du er logget inn som leser.")
    monkeypatch.setattr(auth, "_session_role", lambda: None)
    assert auth.refusal("manage_questions") == ("Du har ikke tilgang til å fjerne lagrede spørsmål: "
                                                "det krever rollen redaktør, og du er ikke logget inn.")
    monkeypatch.setattr(auth, "_session_role", lambda: "editor")
    auth.require("save_question")  # no exception
    with pytest.raises(KeyError):
        auth.can("drop_everything")  # a misspelt action is a bug, not a silent «no»


def test_outside_a_session_everyone_is_admin():
    assert auth.role() == auth.ADMIN  # the CLI and scripts are the server operator's


def test_role_passwords_keep_the_old_single_password_as_admin():
    table = {"viewer": "les", "editor": 1234, "admin": ""}
    assert auth.role_passwords(table, None) == [("viewer", "les"), ("editor", "1234")]
    assert auth.role_passwords(None, "gammelt") == [("admin", "gammelt")]
    assert auth.role_passwords({"viewer": "les"}, 42) == [("viewer", "les"), ("admin", "42")]
    assert auth.role_passwords({}, "") == []


def test_a_password_gives_its_role_the_highest_when_shared():
    pairs = [("viewer", "les"), ("editor", "skriv"), ("admin", "styr"), ("admin", "gammelt")]
    assert auth.password_role("skriv", pairs) == ("editor", "skriv")
    assert auth.password_role("gammelt", pairs) == ("admin", "gammelt")
    assert auth.password_role("feil", pairs) is None
    assert auth.password_role("felles", [("viewer", "felles"), ("editor", "felles")]) == ("editor", "felles")


@pytest.mark.parametrize(("email", "roles", "allowed", "role"), [
    ("ola@example.no", None, None, "admin"),  # no [roles]: as before roles
    ("ola@example.no", None, ["@example.no"], "admin"),
    ("kari@annet.no", None, ["@example.no"], None),
    ("leder@example.no", {"admin": ["leder@example.no"], "editor": ["@example.no"]}, None, "admin"),
    ("Kari@Example.no", {"admin": ["leder@example.no"], "editor": ["@example.no"]}, None, "editor"),
    ("frivillig@gmail.com", {"editor": ["@example.no"]}, ["frivillig@gmail.com"], "viewer"),
    ("hvemsomhelst@gmail.com", {"editor": ["@example.no"]}, None, None),  # [roles] without allowed_emails
    ("hvemsomhelst@gmail.com", {"editor": ["@example.no"], "viewer": []}, None, None),
    (None, {"viewer": ["@example.no"]}, None, None),
])
def test_email_role(email, roles, allowed, role):
    assert auth.email_role(email, roles, allowed) == role


def test_the_cookie_tells_the_role_by_the_key_that_signed_it():
    keys = [(r, auth.cookie_key("s", p)) for r, p in [("viewer", "les"), ("editor", "skriv"), ("admin", "styr")]]
    assert auth.session_role(auth.sign_session(keys[1][1], NOW), keys, NOW) == "editor"
    assert auth.session_role(auth.sign_session(keys[0][1], NOW), keys, NOW) == "viewer"
    assert auth.session_role(auth.sign_session(auth.cookie_key("s", "annet"), NOW), keys, NOW) is None
    assert auth.session_role(auth.sign_session(keys[2][1], NOW), keys[:2], NOW) is None  # admin password removed


def test_unknown_role_names_are_found():
    assert auth.unknown_roles({"viewer": "x", "leser": "y", "Admin": "z"}) == ["leser", "Admin"]
    assert auth.unknown_roles(None) == []


def test_the_secrets_example_sets_a_password_per_role():
    import tomllib
    from pathlib import Path

    example = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit" / "secrets.toml.example")
                            .read_text(encoding="utf-8"))
    assert [r for r, _ in auth.role_passwords(example.get("passwords"), example.get("password"))] == list(auth.ROLES)
    assert not auth.unknown_roles(example["passwords"]) and example["cookie_secret"]
