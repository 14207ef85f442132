"""Entry point: page config, login, shared filters, navigation. Nothing else."""
from __future__ import annotations

import hmac

import streamlit as st

from campaign import ui
from campaign.config import load_config

st.set_page_config(page_title="Valgkampdashbord", page_icon="🗳️", layout="wide")


def configured_password() -> str | None:
    """The login password from .streamlit/secrets.toml, if one is set."""
    try:
        return st.secrets.get("password")
    except FileNotFoundError:
        return None


def logged_in() -> bool:
    """True when no password is configured or the right one has been given."""
    password = configured_password()
    if not password or st.session_state.get("logged_in"):
        return True
    given = st.text_input("Passord", type="password")
    if given and hmac.compare_digest(given, password):
        st.session_state["logged_in"] = True
        st.rerun()
    elif given:
        st.error("Feil passord.")
    return False


if logged_in():
    st.sidebar.markdown(f"### {load_config().org_name}")
    ui.election_filters()
    navigation = st.navigation([
        st.Page("views/forside.py", title="Forside", icon="🏠", default=True),
        st.Page("views/valgresultat.py", title="Valgresultat", icon="📊"),
        st.Page("views/valgdeltakelse.py", title="Valgdeltakelse", icon="🗳️"),
        st.Page("views/kart.py", title="Kart", icon="🗺️"),
        st.Page("views/banke.py", title="Hvor skal vi banke på?", icon="🚪"),
        st.Page("views/importer.py", title="Importer data", icon="📥"),
    ])
    ui.page_style()
    ui.presentation_css()
    navigation.run()
