"""Evaluering: the evaluation meeting as 16:9 slides, one question each, the finding first; the goals scored
from data, and the same deck to hand out (HTML, or PDF with `python -m campaign report`)."""
import streamlit as st

from campaign import evaluation_slides, queries, report_deck, ui

ICON = {"met": ":green[●]", "missed": ":red[●]", "unknown": ":gray[○]"}  # no emoji font needed on a projector PC

config, sel, _ = ui.election_page("Evaluering")
deck = ui.built(evaluation_slides.build_deck, election_id=sel.election_id, compare_id=sel.compare_id)
st.caption(f"{deck.heading}. Hver lysbilde svarer på ett spørsmål: overskriften er svaret, så kommer figuren, "
           "kilden og når dataene sist ble oppdatert.")
demo = bool(queries.data_status()["demo_imports"])
downloads = st.expander("Last ned presentasjonen") if ui.presenting() else st.container()  # the slides come first
downloads.download_button("Last ned presentasjonen (HTML, virker uten nett)",  # built on click (about 5 MB)
                          lambda: report_deck.deck_html(deck, demo).encode("utf-8"),
                          file_name=f"evaluering_{sel.election_id}.html", mime="text/html", key="evaluering_html",
                          on_click="ignore")
if report_deck.chromium() and downloads.button("Lag PDF (tar noen sekunder)", key="evaluering_pdf_make"):
    with st.spinner("Chromium skriver PDF-en …"):
        try:
            st.session_state["evaluering_pdf"] = (sel.election_id, sel.compare_id, report_deck.pdf_bytes(report_deck.deck_html(deck, demo)))
        except report_deck.ReportError as exc:
            st.error(f"PDF-en kunne ikke lages: {exc}")
pdf = st.session_state.get("evaluering_pdf")
if pdf and pdf[:2] == (sel.election_id, sel.compare_id):
    downloads.download_button("Last ned PDF", pdf[2], file_name=f"evaluering_{sel.election_id}.pdf",
                              mime="application/pdf", key="evaluering_pdf_download")
downloads.caption(f"PDF fra kommandolinjen: `python -m campaign report {sel.election_id}"
                  + (f" --compare {sel.compare_id}" if sel.compare_id else "")
                  + " --out rapport.pdf` (trenger Chromium).")

for number, slide in enumerate(deck.slides, start=1):
    with st.container(border=True, key=f"slide_{slide.key}"):
        st.subheader(slide.title)
        for score in slide.goals:
            st.markdown(f"{ICON[score.status]} **{score.goal.name}: {score.label.lower()}.** {score.sentence}")
        if slide.figure is not None:
            ui.chart(slide.figure)
        if slide.note:
            st.caption(slide.note)
        st.caption(f"{slide.source} {slide.stamp}. Lysbilde {number} av {len(deck.slides)}.")

if deck.missing:
    st.info("**Ikke med:** " + " · ".join(deck.missing), icon="ℹ️")
