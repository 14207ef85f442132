"""Roles in the running app (AppTest): what viewer, editor and admin see, and that writes check the role.

The passwords per role come from `[passwords]` in the secrets; the old single `password` is admin;
no login configured makes everyone admin. Server-side: the import API refuses a viewer even when
called directly, and the store stays as it was.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from campaign import auth, login
from campaign.config import load_config
from campaign.demo import write_demo
from campaign.store import Store
from tests.apptest import APP, open_page

PASSWORDS = {"viewer": "les og lær", "editor": "skriv på Ås", "admin": "sjefen bestemmer"}
SECRET = "test-cookie-secret"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "2019-09-14_partifordeling_4_ko_2019.csv"
IMPORT_PAGE = "views/importer.py"
DETAILS = "Detaljer om importene (administrator)"


@pytest.fixture()
def cookies(monkeypatch) -> dict[str, str]:
    jar: dict[str, str] = {}
    monkeypatch.setattr(login, "browser_cookie", jar.get)
    return jar


@pytest.fixture()
def store(tmp_path, monkeypatch) -> Store:
    """A demo store of this test's own, so imports here change nothing else."""
    store = Store(tmp_path)
    write_demo(store, load_config())
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    return store


def logged_in(typed: str | None, **secrets) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(secrets or {"passwords": PASSWORDS, "cookie_secret": SECRET})
    at.run()
    if typed is not None:
        at.text_input[0].input(typed)
        at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def page_links(at: AppTest) -> list[str]:
    """The pages the Forside links to (the ones in navigation), as files."""
    return [f"views/{link.proto.page}.py" for link in at.get("page_link")]


def role_caption(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption if c.value.startswith("Innlogget som")]


def test_a_viewer_has_no_import_page(store, cookies):
    at = logged_in(PASSWORDS["viewer"])
    assert role_caption(at) == ["Innlogget som leser"]
    assert "views/valgresultat.py" in page_links(at) and IMPORT_PAGE not in page_links(at)
    assert "views/utforsk.py" in page_links(at) and "views/sql.py" not in page_links(at)  # SQL is for editors
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(IMPORT_PAGE)


@pytest.mark.parametrize(("role", "name"), [("editor", "redaktør"), ("admin", "administrator")])
def test_editor_and_admin_have_the_import_page_only_admin_sees_the_details(store, cookies, role, name):
    at = logged_in(PASSWORDS[role])
    assert role_caption(at) == [f"Innlogget som {name}"]
    assert IMPORT_PAGE in page_links(at)
    at.switch_page(IMPORT_PAGE).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Importer data"
    assert ([e.label for e in at.expander if e.label == DETAILS] == [DETAILS]) is (role == "admin")
    assert [b.label for b in at.button if b.label == "Kontroller"]  # the field-work forms are there


def test_admin_details_show_each_import_with_its_period(store, cookies):
    at = logged_in(PASSWORDS["admin"])
    at.switch_page(IMPORT_PAGE).run()
    details = next(e for e in at.expander if e.label == DETAILS).dataframe[0].value
    assert list(details["Nr."]) == [1] and list(details["Kilde"]) == ["Eksempeldata (generert)"]
    assert details["Rader i lageret nå"].iloc[0] > 0 and not details["Periode"].isna().any()


def test_the_old_single_password_is_admin(store, cookies):
    at = logged_in("bare ett passord", password="bare ett passord", cookie_secret=SECRET)
    assert role_caption(at) == ["Innlogget som administrator"]
    at.switch_page(IMPORT_PAGE).run()
    assert DETAILS in [e.label for e in at.expander]


def test_without_login_everyone_is_admin(store):
    at = open_page(IMPORT_PAGE)
    assert DETAILS in [e.label for e in at.expander]
    assert not role_caption(at)


def test_a_wrong_password_gets_no_role(store, cookies):
    at = logged_in("gjett")
    assert [e.value for e in at.error] == ["Feil passord."]
    assert not role_caption(at) and not at.metric


def test_the_cookie_remembers_the_role(store, cookies):
    at = logged_in(PASSWORDS["editor"])
    script = next(h.proto.body for h in at.html if login.COOKIE in h.proto.body)
    cookies[login.COOKIE] = script.split(f"{login.COOKIE}=")[1].split(";")[0]
    at = logged_in(None)  # a new tab: the browser sends the cookie
    assert role_caption(at) == ["Innlogget som redaktør"]
    assert IMPORT_PAGE in page_links(at)


def test_a_misspelt_role_is_named_on_the_login_screen(store, cookies):
    at = logged_in(None, passwords={"leser": "x", "editor": "y"})
    assert [w.value for w in at.warning] == [
        "Ukjent rolle «leser» under [passwords] i .streamlit/secrets.toml; bruk viewer, editor eller admin."]


# --- A forced write: the API called directly in a logged-in session -------------------------------

def forced_import(path: str) -> None:
    """A page that skips the buttons and calls the import API straight away."""
    from pathlib import Path

    import streamlit as st

    from campaign import login
    from campaign.ingest import api

    if not login.signed_in():
        login.show_login("")
    file = Path(path)
    plan = api.plan([(file.name, file.read_bytes())])
    try:
        st.success(f"Importert: {api.apply(plan)}")
    except PermissionError as exc:
        st.error(str(exc))
    try:
        st.success(f"Angret: {api.undo(1)} rader")
    except PermissionError as exc:
        st.error(str(exc))


def forced(password: str) -> AppTest:
    at = AppTest.from_function(forced_import, default_timeout=60, args=(str(FIXTURE),))
    at.secrets.update({"passwords": PASSWORDS, "cookie_secret": SECRET})
    at.run()
    at.text_input[0].input(password)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def test_a_forced_import_as_viewer_is_refused_and_the_store_is_unchanged(store, cookies):
    version, results = store.version(), store.read("results")
    at = forced(PASSWORDS["viewer"])
    assert [e.value for e in at.error] == [
        "Du har ikke tilgang til å importere data: det krever rollen redaktør, og du er logget inn som leser.",
        "Du har ikke tilgang til å angre en import: det krever rollen redaktør, og du er logget inn som leser.",
    ]
    assert not at.success
    assert store.version() == version and store.read("results").equals(results)
    assert sorted(store.read("imports")["import_id"]) == [1]


def test_an_editor_can_import_and_undo(store, cookies):
    rows = len(store.read("results"))
    at = forced(PASSWORDS["editor"])
    assert not at.error
    assert [s.value for s in at.success][0] == "Importert: [2]"
    assert sorted(store.read("imports")["import_id"]) == [1, 2]
    assert len(store.read("results")) < rows  # the demo import was undone: only the 2019 file's rows left
    assert set(store.read("results")["import_id"]) == {2}


# --- st.login (OIDC): e-mail addresses per role ---------------------------------------------------

OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x",
                 "client_id": "id", "client_secret": "s",
                 "server_metadata_url": "https://login.example.no/.well-known/openid-configuration"},
        "roles": {"admin": ["leder@example.no"], "editor": ["@example.no"]},
        "allowed_emails": ["frivillig@gmail.com"]}


def oidc(email: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(OIDC)
    at.user = {"is_logged_in": True, "email": email}
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(("email", "caption", "import_page"), [
    ("leder@example.no", "Innlogget som administrator", True),
    ("kari@example.no", "Innlogget som redaktør", True),
    ("frivillig@gmail.com", "Innlogget som leser", False),
])
def test_oidc_roles_come_from_the_address_lists(store, cookies, email, caption, import_page):
    at = oidc(email)
    assert role_caption(at) == [caption]
    assert (IMPORT_PAGE in page_links(at)) is import_page


def test_oidc_with_roles_refuses_an_address_on_no_list(store, cookies):
    at = oidc("ukjent@gmail.com")
    assert [e.value for e in at.error] == ["ukjent@gmail.com har ikke tilgang til dette dashbordet."]
    assert not at.metric


def test_the_cli_is_not_role_checked():
    assert auth.role() == auth.ADMIN  # outside a Streamlit session: the server operator
