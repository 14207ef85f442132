"""The campaign goals scored from data (campaign/evaluation.py): tiny frames, real numbers, every status."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from campaign.config import DEFAULT_CONFIG, load_config
from campaign.evaluation import (
    EvaluationData,
    EvaluationGoal,
    load_evaluation_goals,
    parse_evaluation_goals,
    score_goals,
)
from campaign.fmt import NBSP

OSLO = load_config(str(DEFAULT_CONFIG))
MAJORITY = EvaluationGoal("flertall", "Rødgrønt flertall", "bloc_majority", bloc="Rødgrønne")
THIRD = EvaluationGoal("tredje", "Tredje største", "party_rank", rank=3)
GROWTH = EvaluationGoal("vekst", "Vekst i målområdene", "growth_in_target_areas", areas=("Søndre Nordstrand",))
COUNCILS = EvaluationGoal("bu", "Flere BU-representanter", "district_council_seats")


def seats(**by_party) -> pd.DataFrame:
    return pd.DataFrame({"party_code": list(by_party), "seats": list(by_party.values())})


def shares(**votes) -> pd.DataFrame:
    return pd.DataFrame({"party_code": list(votes), "party_name": list(votes), "votes": list(votes.values())})


def by_area(changes: dict[str, float]) -> pd.DataFrame:
    rows = [{"area_id": code, "area_name": OSLO.bydeler[code], "party_code": "SV", "votes": 100,
             "compare_votes": 100 - change * 10, "total_votes": 1000, "compare_total_votes": 1000,
             "change_pp": change} for code, change in changes.items()]
    return pd.DataFrame(rows)


def test_bloc_majority_counts_the_blocs_seats_against_half():
    missed = score_goals([MAJORITY], EvaluationData(seats=seats(A=11, SV=6, MDG=6, RØDT=4, H=20, V=6, FRP=4, KRF=1,
                                                                  PS=1)), OSLO)[0]
    assert (missed.status, missed.figures) == ("missed", {"seats": 27, "total": 59, "needed": 30})
    assert missed.sentence == "Rødgrønne fikk 27 av 59 mandater – 3 færre enn de 30 som trengs for flertall."
    met = score_goals([MAJORITY], EvaluationData(seats=seats(A=20, SV=10, H=29)), OSLO)[0]
    assert met.status == "met" and "30 av 59 mandater: flertall" in met.sentence


def test_party_rank_is_missed_by_the_gap_to_the_party_holding_the_place():
    data = EvaluationData(shares=shares(H=116_000, A=66_500, MDG=36_975, SV=36_612, V=33_500, BLANKE=1_725))
    score = score_goals([THIRD], data, OSLO)[0]
    assert (score.status, score.figures["place"], score.figures["gap"]) == ("missed", 4, 363)
    assert "SV ble 4. største parti, 363 stemmer bak MDG" in score.sentence
    fourth = score_goals([replace(THIRD, rank=4)], data, OSLO)[0]
    assert fourth.status == "met"


def test_growth_needs_every_area_of_the_target_areas_to_grow():
    goal = replace(GROWTH, areas=("Groruddalen", "Søndre Nordstrand"))
    grew = {"030109": 1.2, "030110": 3.2, "030111": 2.8, "030112": 2.1, "030115": 1.4, "030101": -0.5}
    met = score_goals([goal], EvaluationData(by_area=by_area(grew)), OSLO)[0]
    assert met.status == "met" and met.figures["grew"] == 5 and met.figures["areas"] == 5
    assert "Alna +2,1 pp, Bjerke +1,2 pp, Grorud +3,2 pp, Stovner +2,8 pp, Søndre Nordstrand +1,4 pp" in met.sentence.replace(NBSP, " ")
    missed = score_goals([goal], EvaluationData(by_area=by_area({**grew, "030111": -0.3})), OSLO)[0]
    assert missed.status == "missed" and "vokste i 4 av 5 bydeler" in missed.sentence and "Stovner −0,3 pp" in \
        missed.sentence.replace(NBSP, " ")


def test_council_seats_compare_with_the_previous_councils():
    frame = pd.DataFrame({"bydel_id": ["030101", "030102", "030101"], "party_code": ["SV", "SV", "H"],
                          "seats": [3, 2, 5], "compare_seats": [2, 2, 6]})
    score = score_goals([COUNCILS], EvaluationData(councils=frame, compare_name="i 2019"), OSLO)[0]
    assert (score.status, score.figures["seats"], score.figures["before"]) == ("met", 5, 4)
    assert score.sentence.startswith("SV fikk 5 representanter i bydelsutvalgene, mot 4 i 2019 (+1)")
    same = score_goals([COUNCILS], EvaluationData(councils=frame.assign(compare_seats=[3, 2, 5])), OSLO)[0]
    assert same.status == "missed"


def test_missing_data_is_unknown_with_a_reason_never_a_crash():
    scores = score_goals([MAJORITY, THIRD, GROWTH, COUNCILS], EvaluationData(), OSLO)
    assert [s.status for s in scores] == ["unknown"] * 4
    assert all(s.sentence and s.label == "Kan ikke vurderes" for s in scores)
    assert "Bydelsutvalgsvalget er ikke importert" in scores[3].sentence
    alone = pd.DataFrame({"bydel_id": ["030101"], "party_code": ["SV"], "seats": [3], "compare_seats": [None]})
    assert "forrige bydelsutvalgsvalg er ikke importert" in score_goals([COUNCILS], EvaluationData(councils=alone),
                                                                        OSLO)[0].sentence


def test_the_oslo_configuration_has_the_four_goals():
    goals = load_evaluation_goals(OSLO, str(DEFAULT_CONFIG))
    assert [g.kind for g in goals] == ["bloc_majority", "party_rank", "growth_in_target_areas",
                                       "district_council_seats"]
    assert goals[2].areas == ("Groruddalen", "Søndre Nordstrand")


@pytest.mark.parametrize("entry, message", [
    ({"name": "X", "kind": "vinne"}, "kind må være én av"),
    ({"name": "X", "kind": "bloc_majority", "bloc": "Sentrum"}, "finnes ikke i [[blocs]]"),
    ({"name": "X", "kind": "party_rank"}, "rank må være 1 eller mer"),
    ({"name": "X", "kind": "growth_in_target_areas", "areas": ["Narnia"]}, "Narnia finnes ikke i [[target_areas]]"),
])
def test_a_wrong_goal_is_named_in_norwegian(entry, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_evaluation_goals([entry], OSLO)
