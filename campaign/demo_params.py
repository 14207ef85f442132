"""Parameters of the demo dataset: an Oslo-like city shaped to match Oslo SV's published figures.

Shares are percentages of non-blank votes. The SV shares per bydel are the targets the
demo must reproduce (2023 from the published evaluation and valgresultat.no's bydel pages;
2019 = 2023 minus the published change for the target areas).
"""
from __future__ import annotations

PARTY_NAMES = {
    "A": "Arbeiderpartiet", "H": "Høyre", "SV": "SV - Sosialistisk Venstreparti",
    "MDG": "Miljøpartiet De Grønne", "RØDT": "Rødt", "V": "Venstre",
    "FRP": "Fremskrittspartiet", "KRF": "Kristelig Folkeparti", "SP": "Senterpartiet",
    "PS": "Partiet Sentrum", "INP": "Industri- og Næringspartiet",
    "FNB": "Folkeaksjonen Nei til mer bompenger", "PP": "Pensjonistpartiet",
    "KRISTNE": "Partiet De Kristne", "DEMN": "Demokratene", "PIR": "Piratpartiet",
    "LIBS": "Liberalistene", "HELSE": "Helsepartiet", "BLANKE": "Blanke",
}

# Per bydel (SSB code suffix): eligible voters (relative), kretser (names), the
# east–west lean (+1 inner east … −1 outer west) and suburb lean (Groruddalen, south-east).
BYDELER = {
    "01": (42, 0.9, 0.0, ["Vahl skole", "Tøyen skole", "Kampen skole", "Gamlebyen skole",
                          "Lakkegata skole", "Ensjø skole", "Jordal skole"]),
    "02": (48, 1.0, 0.0, ["Grünerløkka skole", "Sofienberg skole", "Rodeløkka skole",
                          "Lilleborg skole", "Sinsen skole", "Hasle skole", "Carl Berner"]),
    "03": (35, 0.9, 0.0, ["Sagene skole", "Bjølsen skole", "Ila skole", "Torshov skole",
                          "Iladalen", "Voldsløkka skole"]),
    "04": (33, 0.4, 0.0, ["Fagerborg skole", "Marienlyst skole", "Lindern", "Bolteløkka skole",
                          "Ullevål skole", "Oslo katedralskole"]),
    "05": (45, -0.6, 0.0, ["Uranienborg skole", "Majorstuen skole", "Vestheim skole",
                           "Skillebekk", "Bygdøy skole", "Frogner skole", "Gimle"]),
    "06": (25, -1.0, 0.0, ["Ullern skole", "Bestum", "Lilleaker skole", "Smestad skole",
                           "Skøyen skole", "Montebello"]),
    "07": (36, -1.0, 0.0, ["Vinderen skole", "Slemdal skole", "Holmenkollen skole", "Røa skole",
                           "Hovseter skole", "Bogstad skole", "Ris skole"]),
    "08": (39, -0.2, 0.0, ["Tåsen skole", "Korsvoll skole", "Kjelsås skole", "Berg skole",
                           "Nydalen", "Grefsen skole", "Disen skole"]),
    "09": (20, 0.2, 1.0, ["Veitvet skole", "Linderud skole", "Årvoll skole",
                          "Tonsenhagen skole", "Risløkka skole", "Økern"]),
    "10": (25, 0.1, 1.0, ["Rødtvet skole", "Grorud skole", "Ammerud skole", "Romsås skole",
                          "Kalbakken skole"]),
    "11": (25, 0.0, 1.0, ["Tokerud skole", "Stovner vgs", "Stovner skole",
                          "Stasjonsfjellet skole", "Folkvang Høybråten"]),
    "12": (34, 0.2, 1.0, ["Furuset skole", "Lindeberg skole", "Haugerud skole",
                          "Trosterud skole", "Tveita skole", "Hellerud vgs", "Teisen skole"]),
    "13": (37, 0.2, 0.3, ["Bøler skole", "Manglerud skole", "Skullerud skole", "Oppsal skole",
                          "Godlia skole", "Abildsø skole", "Ulsrud vgs"]),
    "14": (38, -0.5, 0.0, ["Nordstrand skole", "Ljan skole", "Lambertseter skole",
                           "Karlsrud skole", "Munkerud skole", "Ekeberg skole", "Sæter"]),
    "15": (27, 0.1, 1.0, ["Holmlia skole", "Mortensrud skole", "Bjørndal skole",
                          "Hauketo skole", "Prinsdal skole", "Stenbråten skole"]),
}
# The three exceptions to krets BBNN → bydel BB, as in the real files.
EXTRA_KRETSER = {"1601": ("04", "Oslo rådhus"), "1701": ("07", "Sørkedalen"),
                 "1702": ("08", "Maridalen")}
# Kretser are redrawn between elections: Stovner from 2023 on (as in the real files).
STOVNER_FROM_2023 = ["Vestli skole", "Stovner skole", "Stasjonsfjellet skole", "Høybråten skole"]

# Party lean: (east–west coefficient, suburb coefficient).
LEAN = {"H": (-0.7, -0.3), "A": (0.0, 0.4), "V": (-0.6, -0.6), "MDG": (0.7, -0.7),
        "RØDT": (0.7, 0.1), "FRP": (-0.2, 0.7), "KRF": (-0.2, 0.4), "PS": (0.0, 0.4),
        "SP": (-0.1, 0.2), "INP": (-0.1, 0.5), "FNB": (-0.3, 0.6)}

# Turnout by bydel (relative; scaled to the city figure).
TURNOUT = {"01": 62, "02": 65, "03": 68, "04": 67, "05": 69, "06": 76, "07": 78, "08": 75,
           "09": 57, "10": 50, "11": 48, "12": 51, "13": 68, "14": 73, "15": 52}

ELECTIONS = {
    "ko2019": dict(
        turnout=67.6, nonblank=365_540, blank=1_849, advance_share=0.425, seed=2019,
        parties={"H": 25.40, "A": 20.01, "MDG": 15.26, "SV": 9.10, "RØDT": 7.20, "FNB": 5.84,
                 "V": 5.78, "FRP": 5.27, "SP": 2.10, "KRF": 1.90, "PP": 0.40, "INP": 0.30,
                 "KRISTNE": 0.25, "DEMN": 0.20, "PIR": 0.12, "LIBS": 0.10, "HELSE": 0.0},
        sv_bydel={"01": 15.10, "02": 13.70, "03": 12.70, "04": 10.70, "05": 6.30, "06": 4.90,
                  "07": 4.60, "08": 8.90, "09": 9.30, "10": 7.40, "11": 6.00, "12": 9.00,
                  "13": 10.30, "14": 5.80, "15": 10.70}),
    "st2021": dict(
        turnout=78.5, nonblank=379_180, blank=2_067, advance_share=0.617, seed=2021,
        parties={"H": 23.54, "A": 22.96, "SV": 13.27, "MDG": 8.48, "RØDT": 8.26, "V": 7.10,
                 "FRP": 6.90, "SP": 3.10, "KRF": 2.10, "INP": 0.30, "PP": 0.30, "DEMN": 0.20,
                 "LIBS": 0.40, "PIR": 0.20, "KRISTNE": 0.20, "HELSE": 0.30, "FNB": 0.0},
        sv_bydel={"01": 20.1, "02": 19.6, "03": 18.1, "04": 15.2, "05": 8.6, "06": 6.5,
                  "07": 6.2, "08": 11.9, "09": 12.9, "10": 10.9, "11": 8.4, "12": 12.1,
                  "13": 14.6, "14": 8.6, "15": 13.9}),
    "ko2023": dict(
        turnout=64.2, nonblank=362_385, blank=1_725, advance_share=0.54, seed=2023,
        votes={"SV": 36_612, "MDG": 36_975},
        parties={"H": 32.10, "A": 18.35, "V": 9.25, "MDG": 10.20, "SV": 10.10, "FRP": 6.55,
                 "RØDT": 6.95, "KRF": 2.05, "PS": 1.95, "SP": 0.80, "INP": 0.75, "FNB": 0.30,
                 "PP": 0.25, "KRISTNE": 0.15, "DEMN": 0.10, "LIBS": 0.05, "PIR": 0.0},
        sv_bydel={"01": 15.45, "02": 14.80, "03": 13.91, "04": 11.76, "05": 6.57, "06": 4.78,
                  "07": 5.34, "08": 8.15, "09": 10.50, "10": 10.60, "11": 8.80, "12": 11.10,
                  "13": 10.78, "14": 6.13, "15": 12.10}),
}
