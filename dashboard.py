"""Entry point: page config, login, shared filters, navigation. Nothing else."""
from __future__ import annotations

import streamlit as st

from campaign import login, pages, ui
from campaign.config import load_config

st.set_page_config(page_title="Valgkampdashbord", page_icon="🗳️", layout="wide")

signed_in = login.signed_in()
# Navigation is set up before login too (hidden, every page), so a deep link keeps its page through the
# login; after it, only the pages the role may open (campaign/pages.py min_role).
groups = pages.sections() if signed_in else pages.sections(every_page=True)
navigation = st.navigation({
    section: [st.Page(p.file, title=p.title, icon=p.icon, default=p is pages.HOME) for p in group]
    for section, group in groups.items()
}, position="sidebar" if signed_in else "hidden", expanded=True)  # every page, no «View 5 more»
if not signed_in:
    login.show_login(navigation.url_path)

st.sidebar.markdown(f"### {load_config().org_name}")
ui.election_filters()
login.after_login(navigation.url_path)
ui.page_style()
ui.presentation_css(navigation.url_path)
navigation.run()
