"""Scoring: hand-worked examples from the published rules, bad input, and properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import course.instruments as instruments
from course.instruments import ResponseError, score
from course.instruments.reference import score_reference

SCOREABLE = [i for i in instruments.ids() if instruments.get(i).is_scoreable]


def frame(rows, n_items, **extra):
    data = pd.DataFrame(rows, columns=[f"i{k}" for k in range(1, n_items + 1)])
    for position, (name, values) in enumerate(extra.items()):
        data.insert(position, name, values)
    return data


# -- hand-worked examples ----------------------------------------------------------------------


def test_wai_sr_means_per_subscale_by_hand():
    # task = items 1, 2, 10, 12; goal = 4, 6, 8, 11; bond = 3, 5, 7, 9 (Hatcher & Gillaspy 2006)
    answers = [4, 5, 2, 3, 2, 3, 1, 4, 3, 5, 4, 4]
    out = score("wai-sr", frame([answers], 12, client_id=["c1"], session=[3]))
    row = out.iloc[0]
    assert row["task"] == (4 + 5 + 5 + 4) / 4  # 4.5
    assert row["goal"] == (3 + 3 + 4 + 4) / 4  # 3.5
    assert row["bond"] == (2 + 2 + 1 + 3) / 4  # 2.0
    assert row["total"] == 40 / 12
    assert row["n_missing"] == 0 and row["score_note"] == ""
    assert (row["client_id"], row["session"]) == ("c1", 3)


def test_wai_sr_missing_items_follow_the_course_rule():
    answers = [4, 5, np.nan, 3, np.nan, 3, 1, 4, 3, 5, 4, 4]
    row = score("wai-sr", frame([answers], 12)).iloc[0]
    assert row["total"] == 36 / 10  # mean of the 10 answered items
    assert np.isnan(row["bond"])  # 2 of its 4 items missing: at most 1 allowed
    assert row["n_missing"] == 2
    assert "total prorated from 10 of 12 items" in row["score_note"]
    assert "bond not scored: 2 of 4 items missing (at most 1 allowed)" in row["score_note"]


def test_phq9_total_bands_and_flags_by_hand():
    rows = [
        [1, 2, 3, 0, 1, 2, 0, 1, 0],  # 10: moderate, screens positive, no safety flag
        [0, 0, 1, 1, 0, 0, 0, 0, 1],  # 3: minimal, but item 9 > 0
        [3, 3, 3, 3, 3, 3, 3, 3, 3],  # 27: severe
        [1, 1, 1, 1, 0, 0, 0, 0, 0],  # 4: top of minimal
        [2, 2, 2, 2, 2, 2, 2, 1, 0],  # 15: bottom of moderately severe
    ]
    out = score("phq-9", frame(rows, 9))
    assert out["total"].tolist() == [10, 3, 27, 4, 15]
    assert out["severity"].astype(str).tolist() == [
        "moderate",
        "minimal",
        "severe",
        "minimal",
        "moderately severe",
    ]
    assert out["safety_flag"].tolist() == [False, True, True, False, False]
    assert out["screen_positive"].tolist() == [True, False, True, False, True]


def test_phq9_prorates_up_to_two_missing_and_never_hides_item_9():
    rows = [
        [1, 1, 1, 1, 1, 2, 2, np.nan, 0],  # 9 from 8 items -> 9 * 9 / 8 = 10.125 -> 10
        [1, 1, 1, np.nan, np.nan, np.nan, 2, 2, 0],  # 3 missing: no total
        [0, 0, 0, 0, 0, 0, 0, 0, np.nan],  # item 9 missing: safety flag unknown, said so
    ]
    out = score("phq-9", frame(rows, 9))
    assert out["total"].iloc[0] == 10
    assert out["severity"].iloc[0] == "moderate"
    assert np.isnan(out["total"].iloc[1]) and pd.isna(out["severity"].iloc[1])
    assert "total not scored: 3 of 9 items missing (at most 2 allowed)" == out["score_note"].iloc[1]
    assert pd.isna(out["safety_flag"].iloc[2])
    assert (
        "item 9" in out["score_note"].iloc[2]
        and "ask about it directly" in out["score_note"].iloc[2]
    )


def test_audit_total_audit_c_zone_and_hazardous_by_hand():
    rows = [
        [1, 1, 1, 0, 0, 0, 0, 0, 0, 0],  # 3: zone 1
        [2, 2, 2, 1, 0, 0, 1, 0, 0, 0],  # 8: zone 2, hazardous
        [3, 2, 2, 1, 1, 0, 1, 1, 2, 2],  # 15
        [4, 3, 3, 2, 2, 0, 1, 1, 2, 2],  # 20: zone 4
        [4, 4, 4, 4, 4, 4, 4, 4, 4, 4],  # 40
    ]
    out = score("audit", frame(rows, 10))
    assert out["total"].tolist() == [3, 8, 15, 20, 40]
    assert out["audit_c"].tolist() == [3, 6, 7, 10, 12]
    assert out["zone"].tolist() == [1, 2, 2, 4, 4]
    assert out["hazardous"].tolist() == [False, True, True, True, True]


def test_audit_items_9_and_10_accept_only_0_2_4():
    bad = frame([[1, 1, 1, 0, 0, 0, 0, 0, 1, 0]], 10, client_id=["a7"])
    with pytest.raises(ResponseError) as caught:
        score("audit", bad)
    message = str(caught.value)
    assert "row 0 (client_id='a7')" in message and "item i9" in message
    assert "only 0, 2, 4" in message


def test_audit_does_not_prorate():
    out = score("audit", frame([[1, 1, np.nan, 0, 0, 0, 0, 0, 0, 0]], 10))
    assert np.isnan(out["total"].iloc[0]) and np.isnan(out["audit_c"].iloc[0])
    assert pd.isna(out["zone"].iloc[0]) and pd.isna(out["hazardous"].iloc[0])
    assert "no prorating" in out["score_note"].iloc[0]


def test_srs_sums_lines_and_flags_36_or_below():
    out = score("srs", frame([[9.1, 9.5, 8.7, 9.3], [9.0, 9.0, 9.0, 9.0], [9.0, 9.0, 9.0, 9.1]], 4))
    assert out["total"].round(1).tolist() == [36.6, 36.0, 36.1]
    assert out["alliance_concern"].tolist() == [False, True, False]


def test_ors_below_cutoff_is_strictly_below_25():
    out = score("ors", frame([[6.0, 6.0, 6.0, 6.9], [6.0, 6.0, 6.0, 7.0], [2.5, 3.1, 4.0, 3.3]], 4))
    assert out["total"].round(1).tolist() == [24.9, 25.0, 12.9]
    assert out["below_cutoff"].tolist() == [True, False, True]


def test_csq8_sums_coded_answers():
    out = score("csq-8", frame([[4, 3, 3, 4, 2, 3, 4, 4], [1, 1, 1, 1, 1, 1, 1, 1]], 8))
    assert out["total"].tolist() == [27, 8]


def test_ceq_credibility_and_expectancy_by_hand():
    out = score("ceq", frame([[7, 6, 8, 50, 7, 60]], 6)).iloc[0]
    assert out["credibility"] == 21
    # items 4 and 6 are 0-100 %, item 5 is 1-9: (50 + (7 - 1) / 8 * 100 + 60) / 3
    assert out["expectancy"] == pytest.approx((50 + 75 + 60) / 3)
    assert "total" not in out.index


# -- bad input ---------------------------------------------------------------------------------


def test_out_of_range_names_row_ids_item_and_range():
    data = frame([[4] * 12, [4] * 11 + [6]], 12, client_id=["c1", "c2"], session=[1, 1])
    with pytest.raises(ResponseError) as caught:
        score("wai-sr", data)
    message = str(caught.value)
    assert "row 1 (client_id='c2', session=1)" in message
    assert "item i12" in message and "6 is outside the possible answers 1-5" in message
    assert "never clips" in message


def test_non_integer_on_an_integer_scale_is_refused_and_explained():
    with pytest.raises(ResponseError, match=r"row 0, item i4: 2.5 is not a whole number"):
        score("phq-9", frame([[1, 1, 1, 2.5, 1, 1, 1, 1, 0]], 9))


def test_srs_marks_need_one_decimal():
    with pytest.raises(ResponseError, match=r"item i2: 9.25 is not on the answer grid"):
        score("srs", frame([[9.0, 9.25, 9.0, 9.0]], 4))


def test_missing_item_column_lists_what_is_needed():
    data = frame([[1] * 9], 9).drop(columns=["i7"])
    with pytest.raises(ResponseError, match=r"need one column per item, i1..i9; missing: i7"):
        score("phq-9", data)


def test_extra_item_column_is_refused():
    data = frame([[1] * 9], 9).assign(i10=1)
    with pytest.raises(
        ResponseError, match=r"'i10' looks like an item, but the PHQ-9 has only 9 items"
    ):
        score("phq-9", data)


def test_item_like_column_names_get_a_rename_hint():
    data = frame([[1] * 9], 9).rename(columns={"i3": "Item3"})
    with pytest.raises(ResponseError, match=r"rename 'Item3' to 'i3'"):
        score("phq-9", data)


def test_duplicate_ids_are_refused():
    data = frame([[1] * 9] * 3, 9, client_id=["a", "b", "a"], session=[2, 2, 2])
    with pytest.raises(
        ResponseError, match=r"Rows 0, 2 share the same ids \(client_id='a', session=2\)"
    ):
        score("phq-9", data)


def test_text_answers_are_refused_by_row_and_item():
    data = frame([[1] * 9, [1] * 9], 9)
    data["i5"] = data["i5"].astype(object)
    data.loc[1, "i5"] = "several days"
    with pytest.raises(ResponseError, match=r"row 1, item i5: 'several days' is not a number"):
        score("phq-9", data)


def test_wrong_instrument_id_suggests_the_nearest():
    with pytest.raises(ResponseError, match=r"Did you mean 'wai-sr'"):
        score("wai_sr", frame([[1] * 12], 12))


def test_existing_score_columns_are_not_overwritten():
    data = frame([[1] * 9], 9).assign(total=99)
    with pytest.raises(ResponseError, match=r"already have column\(s\) \['total'\]"):
        score("phq-9", data)


def test_responses_must_be_a_dataframe():
    with pytest.raises(ResponseError, match="must be a pandas DataFrame"):
        score("phq-9", [[1] * 9])


def test_other_columns_and_the_index_are_carried_through_unchanged():
    data = frame([[1] * 9, [2] * 9], 9, note=["x", "y"]).set_axis(["r1", "r2"])
    out = score("phq-9", data)
    pd.testing.assert_frame_equal(out[data.columns], data)
    assert list(out.columns[-5:]) == [
        "n_missing",
        "severity",
        "screen_positive",
        "safety_flag",
        "score_note",
    ]


# -- properties ----------------------------------------------------------------------------------


def valid_answers(spec, n_rows: int, missing: float, rng: np.random.Generator) -> pd.DataFrame:
    columns = {}
    for item in spec.items:
        scale = spec.item_response(item.number)
        if scale.allowed is not None:
            choices = np.array(scale.allowed)
        else:
            choices = (
                np.arange(round((scale.max - scale.min) / scale.step) + 1) * scale.step + scale.min
            )
        values = rng.choice(np.round(choices, 6), size=n_rows)
        values[rng.random(n_rows) < missing] = np.nan
        columns[f"i{item.number}"] = values
    return pd.DataFrame(columns)


def scale_bounds(spec, scale):
    numbers = spec.scale_items(scale)
    lows = [spec.item_response(n).min for n in numbers]
    highs = [spec.item_response(n).max for n in numbers]
    if scale.rule == "sum":
        return sum(lows), sum(highs)
    if scale.rule == "mean":
        return min(lows), max(highs)
    return 0.0, 100.0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    instrument=st.sampled_from(SCOREABLE),
    seed=st.integers(0, 2**32 - 1),
    missing=st.sampled_from([0.0, 0.05, 0.3]),
)
def test_scores_stay_in_range_even_when_prorated(instrument, seed, missing):
    spec = instruments.get(instrument)
    data = valid_answers(spec, 40, missing, np.random.default_rng(seed))
    out = score(instrument, data)
    for scale in spec.scoring.scales:
        low, high = scale_bounds(spec, scale)
        values = out[scale.name].dropna()
        assert values.between(low - 1e-9, high + 1e-9).all(), (instrument, scale.name)
        # Every empty score is explained in score_note.
        empty = out[scale.name].isna()
        assert out.loc[empty, "score_note"].str.contains(f"{scale.name} not scored").all()


@settings(max_examples=20, deadline=None)
@given(instrument=st.sampled_from(SCOREABLE), seed=st.integers(0, 2**32 - 1))
def test_scores_do_not_depend_on_column_order(instrument, seed):
    rng = np.random.default_rng(seed)
    spec = instruments.get(instrument)
    data = valid_answers(spec, 20, 0.1, rng).assign(client_id=[f"c{k}" for k in range(20)])
    shuffled = data[list(rng.permutation(data.columns))]
    added = [c for c in score(instrument, data).columns if c not in data.columns]
    pd.testing.assert_frame_equal(
        score(instrument, data)[added], score(instrument, shuffled)[added]
    )


@settings(max_examples=30, deadline=None)
@given(
    low=st.integers(-3, 3),
    width=st.integers(1, 10),
    values=st.lists(st.floats(0, 1), min_size=1, max_size=20),
)
def test_reverse_keying_is_involutive_and_stays_in_range(low, width, values):
    high = low + width
    answers = np.round(low + np.array(values) * width)
    once = instruments.reverse_key(answers, low, high)
    assert ((once >= low) & (once <= high)).all()
    np.testing.assert_array_equal(instruments.reverse_key(once, low, high), answers)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instrument=st.sampled_from(SCOREABLE), seed=st.integers(0, 2**32 - 1))
def test_vectorised_scoring_matches_the_row_by_row_reference(instrument, seed):
    spec = instruments.get(instrument)
    data = valid_answers(spec, 60, 0.1, np.random.default_rng(seed))
    fast, slow = score(instrument, data), score_reference(instrument, data)
    for scale in spec.scoring.scales:
        np.testing.assert_allclose(fast[scale.name], slow[scale.name].astype(float), rtol=1e-12)
    assert fast["n_missing"].tolist() == slow["n_missing"].tolist()
    assert fast["score_note"].astype(str).tolist() == slow["score_note"].tolist()
    for flag in spec.flags:
        as_plain = [None if pd.isna(v) else v for v in fast[flag.name].astype(object)]
        expected = [
            None if v is None or (isinstance(v, float) and np.isnan(v)) else v
            for v in slow[flag.name]
        ]
        assert as_plain == expected, flag.name
