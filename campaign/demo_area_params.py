"""Parameters of the invented demo for a branch that is not Oslo: a kommune without Oslo's bydeler, or a county.

Nothing here is a real figure or a real place. Krets and kommune names are made up so that nobody
mistakes them for real ones («Eksempelkrets Nord», «Eksempelkommune Vest»); invented kommune codes
are `{fylke}91`–`{fylke}98`, numbers no kommune had in 2024. Shares are percentages of non-blank votes.
"""
from __future__ import annotations

KRETS_PREFIX = "Eksempelkrets"
KOMMUNE_PREFIX = "Eksempelkommune"
# The kretser of an invented kommune branch (one krets per word).
KRETS_WORDS = ["Sentrum", "Nord", "Sør", "Øst", "Vest", "Bakken", "Haugen", "Dalen", "Sletta", "Stranda",
               "Åsen", "Skogen", "Brua", "Torget", "Kaia", "Lia", "Moen", "Vika", "Bekken", "Enga",
               "Berget", "Neset", "Myra", "Tunet"]
# The kommuner of an invented county: (name word, eligible voters, kretser, council seats, urban lean −1…+1).
KOMMUNER = [("Midt", 62_000, 8, 47, 0.9), ("Nord", 18_000, 5, 35, 0.3), ("Sør", 12_500, 5, 31, 0.0),
            ("Øst", 9_000, 4, 27, -0.3), ("Vest", 7_400, 4, 25, -0.2), ("Kyst", 4_300, 3, 21, -0.6),
            ("Fjell", 2_600, 3, 17, -0.8), ("Dal", 1_500, 3, 15, -0.9)]
KOMMUNE_ELIGIBLE = 145_000  # the eligible voters of an invented kommune branch
REST_OF_CONSTITUENCY = 1.3  # the rest of a kommune branch's Storting constituency, relative to the kommune
DISTRICT_SEATS = 9  # the demo constituency's seats, of them one leveling seat
LEVELING_SEATS = 1
ADVANCE_KRETS = ("0000", "Uoppgitt krets")  # holds every advance vote, as in the real files

# Party lean: (urban coefficient, rural coefficient); the configured party leans urban if it has none here.
LEAN = {"H": (0.2, 0.0), "A": (0.0, 0.1), "SV": (0.3, -0.1), "MDG": (0.4, -0.3), "RØDT": (0.3, -0.1),
        "V": (0.2, -0.2), "FRP": (-0.2, 0.2), "KRF": (-0.1, 0.2), "SP": (-0.6, 0.7)}
OWN_PARTY_SHARE = 6.0  # the configured party's share when it is not one of the parties below

ELECTIONS = {
    "ko2019": dict(seed=52019, turnout=64.0, advance_share=0.40, blank_share=0.5,
                   parties={"A": 24.0, "H": 18.5, "SP": 14.0, "FRP": 8.0, "SV": 7.5, "MDG": 6.5, "RØDT": 5.5,
                            "V": 4.0, "KRF": 3.5, "PP": 1.0, "PS": 0.5, "INP": 0.3}),
    "st2021": dict(seed=52021, turnout=77.0, advance_share=0.58, blank_share=0.4,
                   parties={"A": 27.0, "H": 17.5, "SP": 16.0, "FRP": 10.0, "SV": 8.0, "RØDT": 5.5, "MDG": 3.5,
                            "V": 3.5, "KRF": 3.0, "PS": 0.5, "INP": 0.3, "DEMN": 0.3}),
    "ko2023": dict(seed=52023, turnout=62.0, advance_share=0.50, blank_share=0.5,
                   parties={"H": 24.5, "A": 21.0, "SP": 10.0, "FRP": 10.5, "SV": 7.0, "RØDT": 6.5, "MDG": 5.0,
                            "V": 5.0, "KRF": 4.0, "PS": 2.0, "INP": 1.5, "PP": 0.5}),
}

# Field work and digital names a user sees, for any branch but Oslo (the Oslo demo keeps its own).
MEMBER_TOTALS = dict(members=1_450, active=210, activists=180)
DEBATE_VENUES = ["Eksempel vgs", "Demo ungdomsskole", "Folkebiblioteket", "Kulturhuset", "Rådhusplassen",
                 "Folkets hus", "Studentersamfunnet", "Samfunnshuset", "Torget", "Kafé Eksempel"]
OUTLETS = {"Avisa Oslo": "Lokalavisa", "Vårt Oslo": "Lokalnettavisa"}
PAGES = {"/bydelslister": "/lokallister"}
