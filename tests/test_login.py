"""Login in the running app (AppTest): password gate, waits, session cookie, deep links, st.login."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from campaign import auth, login
from tests.apptest import APP, metrics

PASSWORD = "blåbærsyltetøy på Ås"
SECRET = "test-cookie-secret"


class Clock:
    """A clock the test moves by hand, so waits need no sleeping."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(auth, "clock", fake)
    return fake


@pytest.fixture()
def cookies(monkeypatch) -> dict[str, str]:
    """The cookies «the browser» sends when a session starts (AppTest cannot send real ones)."""
    jar: dict[str, str] = {}
    monkeypatch.setattr(login, "browser_cookie", jar.get)
    return jar


def app(page: str | None = None, **secrets) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update({"password": PASSWORD, "cookie_secret": SECRET, **secrets})
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def attempt(at: AppTest, password: str) -> AppTest:
    at.text_input[0].input(password)
    return at.button[0].click().run()


def messages(at: AppTest) -> list[str]:
    return [e.value for e in at.error] + [w.value for w in at.warning]


def assert_login_screen(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert at.title[0].value == "Valgkampdashbord"
    assert not at.metric and not at.sidebar.selectbox


def test_a_password_with_norwegian_letters_logs_in(demo_env, cookies):
    at = app()
    assert_login_screen(at)
    attempt(at, PASSWORD)
    assert not at.exception
    assert metrics(at)["Valg i lageret"][0] == "3"


@pytest.mark.parametrize("wrong", ["blabaersyltetoy pa As", "ÆØÅ", "🗳️", " " + PASSWORD])
def test_a_wrong_non_ascii_password_is_refused_without_a_traceback(demo_env, cookies, wrong):
    at = attempt(app(), wrong)
    assert_login_screen(at)
    assert messages(at) == ["Feil passord."]


def test_wrong_attempts_lead_to_a_growing_wait(demo_env, cookies, clock):
    at = app()
    for _ in range(2):
        assert messages(attempt(at, "feil")) == ["Feil passord."]
    assert messages(attempt(at, "feil")) == ["Feil passord. Vent 1 sekund før du prøver igjen."]
    clock.now += 0.5  # too early: refused unchecked, even with the right password
    assert messages(attempt(at, PASSWORD)) == ["For mange feil forsøk. Vent 1 sekund før du prøver igjen."]
    assert_login_screen(at)
    clock.now += 0.6
    assert messages(attempt(at, "feil")) == ["Feil passord. Vent 2 sekunder før du prøver igjen."]
    clock.now += 2
    assert messages(attempt(at, "feil")) == ["Feil passord. Vent 4 sekunder før du prøver igjen."]
    clock.now += 4
    attempt(at, PASSWORD)
    assert metrics(at)["Valg i lageret"][0] == "3"


def test_the_wait_is_capped_at_thirty_seconds(demo_env, cookies, clock):
    at = app()
    for _ in range(12):
        attempt(at, "feil")
        clock.now += 31
    assert messages(at) == ["Feil passord. Vent 30 sekunder før du prøver igjen."]


def test_login_sets_a_signed_cookie_and_a_new_session_with_it_is_logged_in(demo_env, cookies):
    at = attempt(app(), PASSWORD)
    script = next(h.proto.body for h in at.html if login.COOKIE in h.proto.body)
    token = script.split(f"{login.COOKIE}=")[1].split(";")[0]
    assert "Max-Age=43200" in script and "SameSite=Strict" in script
    assert auth.session_expiry(token, auth.cookie_key(SECRET, PASSWORD), auth.clock()) is not None
    cookies[login.COOKIE] = token  # reload / new tab: the browser sends the cookie
    assert metrics(app())["Valg i lageret"][0] == "3"


@pytest.mark.parametrize("token", [
    "v1.9999999999.abc.def",
    auth.sign_session(auth.cookie_key("another-secret", PASSWORD), auth.clock()),
    auth.sign_session(auth.cookie_key(SECRET, "gammelt passord"), auth.clock()),
    auth.sign_session(auth.cookie_key(SECRET, PASSWORD), auth.clock() - 13 * 3600),  # expired
    "ÆØÅ",
])
def test_a_forged_foreign_or_expired_cookie_shows_the_login_screen(demo_env, cookies, token):
    cookies[login.COOKIE] = token
    assert_login_screen(app())


def test_logging_out_clears_the_cookie_and_it_no_longer_works(demo_env, cookies):
    at = attempt(app(), PASSWORD)
    token = next(h.proto.body for h in at.html if login.COOKIE in h.proto.body).split("=")[1].split(";")[0]
    at.sidebar.button(key="logout").click().run()
    assert_login_screen(at)
    assert any(f"{login.COOKIE}=; Max-Age=0" in h.proto.body for h in at.html)
    cookies[login.COOKIE] = token  # a copy of the cookie kept elsewhere
    assert_login_screen(app())


def test_a_deep_link_shows_its_page_after_login(demo_env, cookies):
    at = app("views/valgresultat.py")
    assert_login_screen(at)
    attempt(at, PASSWORD)
    assert not at.exception
    assert at.title[0].value == "Valgresultat"


def test_a_number_as_password_in_the_toml_works(demo_env, cookies):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["password"] = 1234  # password = 1234, without quotes
    at.run()
    assert_login_screen(attempt(at, "4321"))
    attempt(at, "1234")
    assert metrics(at)["Valg i lageret"][0] == "3"


def test_no_login_without_a_password():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert not at.text_input and not at.sidebar.button


OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x",
                 "client_id": "id", "client_secret": "s",
                 "server_metadata_url": "https://login.example.no/.well-known/openid-configuration"}}


def oidc_app(user: dict, page: str | None = None, **secrets) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update({"password": PASSWORD, **secrets, **OIDC})
    at.user = user
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def test_with_auth_configured_st_login_replaces_the_password(demo_env, cookies, monkeypatch):
    monkeypatch.setattr(login, "authlib_installed", lambda: True)
    at = oidc_app({"is_logged_in": False})
    assert_login_screen(at)
    assert not at.text_input and [b.label for b in at.button] == ["Logg inn"]


def test_with_auth_configured_but_no_authlib_the_login_screen_says_so(demo_env, cookies, monkeypatch):
    monkeypatch.setattr(login, "authlib_installed", lambda: False)
    at = oidc_app({"is_logged_in": False})
    assert_login_screen(at)
    assert any("Authlib" in m for m in messages(at))


def test_an_oidc_user_sees_the_app_and_can_log_out(demo_env, cookies):
    at = oidc_app({"is_logged_in": True, "email": "ola@example.no"})
    assert metrics(at)["Valg i lageret"][0] == "3"
    assert at.sidebar.button(key="logout")


def test_an_oidc_user_not_on_the_list_is_refused(demo_env, cookies):
    at = oidc_app({"is_logged_in": True, "email": "kari@annet.no"}, allowed_emails=["@example.no"])
    assert_login_screen(at)
    assert messages(at) == ["kari@annet.no har ikke tilgang til dette dashbordet."]


def test_an_oidc_login_returns_to_the_page_asked_for(demo_env, cookies, monkeypatch):
    monkeypatch.setattr(login, "authlib_installed", lambda: True)
    at = oidc_app({"is_logged_in": False}, "views/valgresultat.py")
    assert any(f"{login.NEXT_COOKIE}=valgresultat" in h.proto.body for h in at.html)
    cookies[login.NEXT_COOKIE] = "valgresultat"  # the provider sends the visitor back to Forside
    at = oidc_app({"is_logged_in": True, "email": "ola@example.no"})
    assert at.title[0].value == "Valgresultat"
    assert any(f"{login.NEXT_COOKIE}=; Max-Age=0" in h.proto.body for h in at.html)
