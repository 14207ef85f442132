"""Parameters of the field-work demo data: the published 2023 figures (../shared/domain.md) and invented shapes.

PUBLISHED figures are reproduced exactly by campaign.demo_field; everything marked «invented» only has
to look believable. Counts are integers; money is kroner.
"""
from __future__ import annotations

import datetime as dt

D = dt.date
SEEDS = {"calls": 71101, "doors": 71102, "stands": 71103, "members": 71104,
         "media": 71105, "events": 71106, "money": 71107}  # one generator per table
SHIFT = "17–21"
VOTERS, MEMBERS = "velgere", "medlemmer"  # the two call assignments

# Phone bank (assignment «velgere»): calls made and reached per campaign year (published), with its
# opening window (2023 published: 14 Aug – 2 Sep; 2019 and 2021 invented) and its daily outcome shares.
PHONE_BANK = {
    2019: dict(made=32_000, reached=4_268, window=(D(2019, 8, 12), D(2019, 9, 6))),  # window invented
    2021: dict(made=31_060, reached=7_517, window=(D(2021, 8, 16), D(2021, 9, 10))),  # window invented
    2023: dict(made=18_357, reached=3_558, window=(D(2023, 8, 14), D(2023, 9, 2))),
}
MEMBER_CALLS = dict(made=1_244, reached=711, window=(D(2023, 8, 7), D(2023, 9, 8)))  # window invented
OUTCOMES = dict(positive=0.46, undecided=0.34, negative=0.20)  # of those reached, 2023 only (invented)
WRONG_NUMBER = 0.04  # of calls not reached (invented)

# Door-knocking 2023: the eight round-places (published), as (date, place, bydel name in campaign.toml).
DOORS = [
    (D(2023, 8, 7), "Holmlia", "Søndre Nordstrand"),
    (D(2023, 8, 7), "Ammerud", "Grorud"),
    (D(2023, 8, 27), "Furuset/Lindeberg", "Alna"),
    (D(2023, 9, 3), "Stovner (Tante Ulrikkes vei)", "Stovner"),
    (D(2023, 9, 6), "Bjørndal", "Søndre Nordstrand"),
    (D(2023, 9, 6), "Hovseter", "Vestre Aker"),
    (D(2023, 9, 9), "Stovner (Tante Ulrikkes vei, Smedstua)", "Stovner"),
    (D(2023, 9, 9), "Rødtvet", "Grorud"),
]

# The campaign booth: one shift every day 16–19 through the campaign period (published).
CAMPAIGN = (D(2023, 7, 27), D(2023, 9, 11))
BOOTH = dict(place="Valgboden", hours=3.0)

# Members per local branch on the last campaign day (published totals; the spread is invented
# except the three published active counts).
MEMBERS_DATE = D(2023, 9, 11)
MEMBER_TOTALS = dict(members=3_620, active=419, activists=412)
PINNED = {"Nordre Aker": dict(members=240, active=80),  # 80 ≈ a third of its members
          "Grorud": dict(members=110, active=3),  # «a core of 2–3»
          "St. Hanshaugen": dict(members=310, active=10)}
BRANCH_WEIGHT = {  # invented relative membership of the other branches
    "Gamle Oslo": 1.6, "Grünerløkka": 1.9, "Sagene": 1.5, "Frogner": 0.8, "Ullern": 0.5,
    "Vestre Aker": 0.6, "Bjerke": 0.8, "Stovner": 0.6, "Alna": 0.8, "Østensjø": 1.0,
    "Nordstrand": 0.9, "Søndre Nordstrand": 0.7,
}

# Media: 77 unique stories 7 Aug – 9 Sep 2023 (published), VG 9, Aftenposten 10, NRK 5, of which
# four Dagsnytt 18 appearances (two on housing). The other outlets and their counts are invented.
MEDIA_PERIOD = (D(2023, 8, 7), D(2023, 9, 9))
MEDIA_PUBLISHED = {"VG": 9, "Aftenposten": 10, "NRK": 5}
DAGSNYTT = ["Dagsnytt 18: bolig", "Dagsnytt 18: boligpolitikk", "Dagsnytt 18: skole", "Dagsnytt 18: klima"]
MEDIA_OTHER = {"Dagsavisen": 12, "Klassekampen": 10, "Avisa Oslo": 9, "Vårt Oslo": 8, "Dagbladet": 6,
               "Vårt Land": 3, "DN": 2, "TV 2": 3}  # 53 stories
MEDIA_KINDS = {"nyhet": 0.6, "kronikk": 0.2, "debatt": 0.2}  # radio-TV: the broadcasters
BROADCASTERS = ("NRK", "TV 2")
TOPICS = ["bolig", "skole", "klima", "ulikhet", "kollektivtrafikk", "velferdsprofitt", "barnehage", "helse"]

# Events: about 85 debates (published), the campaign seminar and the Stovner party (published).
DEBATES = 85
DEBATE_PERIOD = (D(2023, 8, 14), D(2023, 9, 8))  # invented: from the schools' start to the last weekend
DEBATE_ARENAS = ["Skoledebatt", "Valgdebatt", "Bydelsdebatt", "Temadebatt", "Ungdomsdebatt"]
DEBATE_VENUES = ["Foss vgs", "Hartvig Nissen vgs", "Elvebakken vgs", "Oslo katedralskole", "Ulsrud vgs",
                 "Stovner vgs", "Hellerud vgs", "Bjørnholt vgs", "Kuben vgs", "Sogn vgs", "Ris skole",
                 "Deichman Bjørvika", "Deichman Grünerløkka", "Deichman Stovner", "Deichman Holmlia",
                 "Litteraturhuset", "Chateau Neuf", "Blindern", "OsloMet", "Furuset forum"]
FIXED_EVENTS = [(D(2023, 5, 6), "seminar", "Valgkampseminar", 188),
                (D(2023, 6, 3), "fest", "SV-fest for somalisktalende, Stovner", 150)]

# Money 2023. Fundraising «nesten 300 000» including the lottery, «litt over 50 000» short of the
# members' 350 000 goal: 297 000 = members 224 900 + regular donors 62 100 + lottery 10 000;
# 350 000 − 297 000 = 53 000. No external (union) support this time, so no «eksterne» rows.
FUNDRAISING_TOTAL = 297_000
LOTTERY = (D(2023, 9, 1), 10_000)
REGULAR = dict(donors=46, monthly=6_900, months=range(1, 10))  # 46 × 150 kr a month, Jan–Sep
MEMBER_WEEKS = (D(2023, 5, 8), D(2023, 9, 11))  # weekly members' income, Mondays (invented)
PARTY_BODIES = (D(2023, 6, 15), 42_250)
SMS_COSTS = [(D(2023, 5, 6), 8_500), (D(2023, 8, 22), 8_500)]  # «mellom 7 og 10.000 kr» each
