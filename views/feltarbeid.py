"""Feltarbeid: phone bank per campaign and per day, door-knocking rounds, stands, branches, media and money."""
import datetime as dt

import streamlit as st

from campaign import fieldwork, fieldwork_report, fmt, today, ui
from campaign.config import load_config
from campaign.demo_field import FIELD_TABLES
from campaign.goal_status import goal_statuses

config = load_config()

st.title("Feltarbeid")
ui.demo_marker()
source = ui.source_line(FIELD_TABLES)
EMPTY = "Ingen {} i lageret ennå. Importer feltarbeidsmalene på siden «Importer data», eller kjør `python -m campaign demo`."

st.header("Ringing")
calls = ui.built(fieldwork_report.calls_by_year, source=source)
if calls is None:
    st.info(EMPTY.format("ringetall"))
else:
    table, chart = calls
    ui.table(table, download="ringing_per_aar")
    st.caption(fieldwork_report.ANSWER_NOTE)
    ui.chart(chart)
    years = sorted({int(y) for y in table["År"]}, reverse=True)
    year = st.selectbox("År", years, key="feltarbeid_year")
    ui.chart(ui.built(fieldwork_report.calls_per_day, year=year, source=source))

st.header("Dørbanking")
doors = ui.built(fieldwork_report.doors, source=source)
if doors is None:
    st.info(EMPTY.format("dørbankerunder"))
else:
    ui.chart(doors[1])
    ui.table(doors[0], download="dorbanking")

st.header("Stands")
stands = ui.built(fieldwork_report.stands)
if stands is None:
    st.info(EMPTY.format("stands"))
else:
    ui.table(stands, download="stands")

st.header("Lokallagene")
branches = ui.built(fieldwork_report.branches, source=source)
if branches is None:
    st.info(EMPTY.format("medlemstall"))
else:
    ui.chart(branches[1])
    ui.table(branches[0], download="lokallag")
    st.caption(fieldwork_report.BAND_NOTE)
    per_region = ui.built(fieldwork_report.regions)
    if per_region is not None:  # a county branch with [regions]
        st.subheader("Medlemmer og aktive per region")
        ui.table(per_region, download="medlemmer_per_region")
        st.caption(fieldwork_report.REGION_NOTE)

st.header("Medier og penger")
media = ui.built(fieldwork_report.media, source=source)
if media is None:
    st.info(EMPTY.format("mediesaker"))
else:
    left, right = st.columns(2)
    ui.chart(media[1], where=left)
    ui.chart(ui.built(fieldwork_report.media_weeks, source=source), where=right)
money = ui.built(fieldwork_report.money)
if money is None:
    st.info(EMPTY.format("pengetall"))
else:
    st.metric("Innsamlet", fmt.kroner(money[1]), help=f"Summen av {', '.join(fieldwork.FUNDRAISING_KINDS)}.")
    ui.table(money[0], download="penger")
    money_goals = [g for g in config.goals if g.measure == "goal_money_raised"]
    if money_goals:
        day, _ = today.reference_day(dt.date.today(), config.campaign_period)
        st.subheader(f"Innsamlingsmålene per {fmt.date(day)}")
        ui.goal_lines(ui.built(goal_statuses, today=day, config_goals=tuple(money_goals)))
