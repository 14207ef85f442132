"""Parameters of the digital demo data: the published 2023 figures (../shared/domain.md) and invented shapes.

PUBLISHED holds the figures the demo must reproduce exactly; everything else here is invented to
look believable and is marked so. Counts are integers; money is kroner.
"""
from __future__ import annotations

import datetime as dt

D = dt.date
CAMPAIGN = (D(2023, 7, 27), D(2023, 9, 11))  # the evaluation's campaign period (47 days)
PREVIOUS = (D(2023, 6, 10), D(2023, 7, 26))  # the 47 days before: the comparison period for «+609 %»
WEB_2023 = (D(2023, 8, 1), D(2023, 9, 11))  # the website figures' window
WEB_2021 = (D(2021, 8, 1), D(2021, 9, 11))  # the same window in 2021 (the comparison)
SEEDS = {"tiktok": 90231, "meta": 90232, "ads": 90233, "web": 90234}  # one generator per table group

ORG = "Oslo SV"
CANDIDATE = "Toppkandidat"  # the top candidate's own TikTok account, created 26 Jul 2023
SITE = "Nettsiden"
LANDING_PAGE = "/stem"
# A GA4 traffic-acquisition report filtered to the landing page, imported as a site of its own
# (`web` rows with this site are a subset of SITE's sessions: never add the two sites together).
LANDING_SITE = f"{SITE} {LANDING_PAGE}"

# TikTok (both accounts). `reach` = unique viewers (TikTok's «Reached audience»), daily.
TIKTOK = {
    ORG: dict(first=D(2023, 7, 29),  # the account's own published period: 29 Jul – 11 Sep
              views=123_000, reach=98_000, profile_visits=1_878, likes=7_833, comments=595,
              shares=1_075, new_followers=348, posts=20, followers_before=600),  # +348 = +58 % of 600
    CANDIDATE: dict(first=D(2023, 7, 27),
                    views=134_000, reach=104_000, profile_visits=3_775, likes=5_331, comments=465,
                    shares=496, new_followers=1_187, posts=36, followers_before=0),  # followers invented
}

# Instagram and Facebook (organic): the campaign period and the previous period of the same length.
# Previous-period figures are derived from the published changes (+609 %, +1 300 %, +184 %, +139 %).
META_ORGANIC = {
    "instagram": dict(reach=(16_298, 115_551), profile_visits=(1_115, 3_168),
                      new_followers=(40, 281), followers_end=2_649, spike=0.35),  # 40 invented
    "facebook": dict(reach=(19_634, 274_883), profile_visits=(3_562, 8_513),
                     new_followers=(18, 121), followers_end=8_033, spike=0.6),  # 18 invented
}

# Paid social, per platform: published totals; per campaign: (name, first day, last day, spend share).
ADS = {
    "meta": dict(spend=62_551, impressions=938_473, clicks=5_475, p25_rate=0.064, p50_rate=0.0266,
                 reach=312_769, frequency=3.06, lpv=2_114),  # lpv invented
    "snapchat": dict(spend=24_143, impressions=274_196, clicks=3_133, p25_rate=0.104, p50_rate=0.061,
                     reach=152_425, frequency=1.38, lpv=1_271),
    "linkedin": dict(spend=4_346, impressions=1_299, clicks=13, p25_rate=0.061, p50_rate=0.0191,
                     reach=1_114, frequency=1.16, lpv=9),  # lpv invented
}
# Campaign: name, first, last, share of spend, of impressions, of clicks, of landing-page views (invented).
CAMPAIGNS = {
    "meta": [("Kjennskap – video", D(2023, 8, 7), D(2023, 9, 11), 0.40, 0.50, 0.25, 0.15),
             ("Trafikk – landingsside /stem", D(2023, 8, 21), D(2023, 9, 10), 0.35, 0.25, 0.55, 0.70),
             ("Mobilisering – siste uke", D(2023, 9, 4), D(2023, 9, 11), 0.25, 0.25, 0.20, 0.15)],
    "snapchat": [("Unge velgere – video", D(2023, 8, 14), D(2023, 9, 10), 0.55, 0.62, 0.45, 0.30),
                 ("Trafikk – landingsside /stem", D(2023, 8, 28), D(2023, 9, 10), 0.45, 0.38, 0.55, 0.70)],
    "linkedin": [("Fagfolk – bolig", D(2023, 8, 28), D(2023, 9, 8), 0.55, 0.55, 0.54, 0.56),
                 ("Fagfolk – helse og omsorg", D(2023, 8, 30), D(2023, 9, 8), 0.45, 0.45, 0.46, 0.44)],
}
ALL_CAMPAIGNS = "Alle kampanjer"  # ads_period's campaign for a platform's total (as campaign.ingest.ads_rows)

# Paid channels outside social media: (first, last, channel, supplier, spend kr, impressions, landing-page
# views). Spend and impressions are invented round figures; the landing-page views are the published
# «586 from websites» split (Schibsted 69 %, Avisa Oslo 12 %); SMS «mellom 7 og 10.000 kr» each time.
AD_BUYS = [
    (D(2023, 5, 6), D(2023, 5, 6), "sms", "SMS-utsending til medlemmer", 8_500, None, None),
    (D(2023, 8, 21), D(2023, 9, 10), "utendørs", "Plakater på holdeplasser", 98_000, 1_450_000, None),
    (D(2023, 8, 22), D(2023, 8, 22), "sms", "SMS-utsending til medlemmer", 8_500, None, None),
    (D(2023, 8, 28), D(2023, 9, 10), "avis", "Schibsted", 45_000, 620_000, 404),
    (D(2023, 8, 28), D(2023, 9, 10), "avis", "Avisa Oslo", 12_500, 140_000, 70),
]

# Website. Visits = sessions; pageviews = views; unique pageviews = web_pages.users (sessions in
# which the page was seen, summed over pages and days). 2021 visits from the published +123,7 %.
WEB = {2023: dict(sessions=35_013, views=64_656, unique=55_416),
       2021: dict(sessions=15_652, views=39_499, unique=32_339)}
# GA4 default channel groups: share of sessions, engagement rate (invented).
CHANNELS = {
    2023: {"Organic Search": (0.36, 0.62), "Direct": (0.22, 0.55), "Organic Social": (0.17, 0.48),
           "Paid Social": (0.15, 0.35), "Referral": (0.06, 0.58), "Email": (0.03, 0.70), "Unassigned": (0.01, 0.30)},
    2021: {"Organic Search": (0.45, 0.0), "Direct": (0.27, 0.0), "Organic Social": (0.15, 0.0),
           "Paid Social": (0.04, 0.0), "Referral": (0.07, 0.0), "Email": (0.02, 0.0)},  # UA: no engagement
}
PAGES = {  # page: share of the site's other views (invented)
    2023: {"/": 0.38, "/politikk": 0.14, "/nyheter": 0.10, "/kandidater": 0.12, "/arrangementer": 0.08,
           "/bli-medlem": 0.06, "/bydelslister": 0.08, "/forhandsstemme": 0.04},
    2021: {"/": 0.40, "/politikk": 0.18, "/kandidater": 0.14, "/valg2021": 0.10, "/arrangementer": 0.08,
           "/bli-medlem": 0.05, "/nyheter": 0.05},
}
# The landing page: published «13 000+» unique views (sessions with the page seen), of them
# 3 971 from social media (Facebook 63 %, Snapchat 32 %) and 586 from websites (Schibsted 69 %,
# Avisa Oslo 12 %). Sources: unique views; the rest (search, direct, e-mail) and the views are invented.
LANDING = dict(first=D(2023, 8, 7), views=15_236, sources={
    "Facebook": 2_502, "Snapchat": 1_271, "Andre sosiale medier": 198,
    "Schibsted": 404, "Avisa Oslo": 70, "Andre nettsider": 112,
    "Søk": 3_915, "Direkte": 3_640, "E-post": 1_300,
})
SOCIAL_SOURCES = ("Facebook", "Snapchat", "Andre sosiale medier")
WEBSITE_SOURCES = ("Schibsted", "Avisa Oslo", "Andre nettsider")

# Audience shares (0–1) for the campaign period; the published ones are exact, the rest invented.
AGES_TIKTOK = ("18-24", "25-34", "35-44", "45-54", "55+")
AGES_META = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
AUDIENCE = {
    ("tiktok", ORG): {"gender": {"Female": 0.55, "Male": 0.43, "Other": 0.02},
                      "age": dict(zip(AGES_TIKTOK, (0.56, 0.24, 0.10, 0.06, 0.04))),
                      "city": {"Oslo": 0.75, "Bærum": 0.04, "Lillestrøm": 0.03, "Bergen": 0.02,
                               "Trondheim": 0.02, "Andre steder": 0.14}},
    ("tiktok", CANDIDATE): {"gender": {"Female": 0.58, "Male": 0.40, "Other": 0.02},
                            "age": dict(zip(AGES_TIKTOK, (0.60, 0.22, 0.09, 0.05, 0.04)))},
    ("instagram", ORG): {"gender": {"Female": 0.65, "Male": 0.35},
                         "age": dict(zip(AGES_META, (0.22, 0.38, 0.20, 0.11, 0.06, 0.03))),
                         "city": {"Oslo": 0.60, "Bærum": 0.04, "Lillestrøm": 0.03, "Bergen": 0.03,
                                  "Trondheim": 0.03, "Andre steder": 0.27}},
    ("facebook", ORG): {"gender": {"Female": 0.61, "Male": 0.39},
                        "age": dict(zip(AGES_META, (0.05, 0.20, 0.22, 0.19, 0.17, 0.17))),
                        "city": {"Oslo": 0.55, "Bærum": 0.05, "Lillestrøm": 0.04, "Andre steder": 0.36}},
}
