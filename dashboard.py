"""Entry point: page config, login, shared filters, navigation. Nothing else."""
from __future__ import annotations

import hmac

import streamlit as st

from campaign import pages, ui
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
    navigation = st.navigation({
        section: [st.Page(p.file, title=p.title, icon=p.icon, default=p is pages.HOME) for p in group]
        for section, group in pages.sections().items()
    })
    ui.page_style()
    ui.presentation_css()
    navigation.run()
