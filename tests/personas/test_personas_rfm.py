"""RFM features from transactions and the RFMScorer transformer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.utils.estimator_checks import estimator_checks_generator

from personas.features import RFMScorer, transaction_features
from personas.segment import TukeyClipper


def _checks():
    # every scikit-learn estimator check except the array-API one, which needs the optional
    # array-api-strict package and SCIPY_ARRAY_API=1 (it would only be skipped)
    for est in (RFMScorer(), RFMScorer(n_bins=3, reverse=()), TukeyClipper()):
        for e, check in estimator_checks_generator(est):
            name = getattr(check, "func", check).__name__
            if name != "check_array_api_input":
                yield pytest.param(e, check, id=f"{e!r}-{name}")


@pytest.mark.parametrize("estimator,check", list(_checks()))
def test_custom_transformers_pass_the_scikit_learn_checks(estimator, check):
    check(estimator)


def test_rfm_scorer_quintiles_and_reversed_recency():
    x = np.column_stack([np.arange(1, 11), np.arange(1, 11), np.arange(1, 11)]).astype(float)
    s = RFMScorer().fit(x).transform(x)
    # 10 values in 5 quintile bins: two per bin; recency (column 0) reversed
    assert s[:, 1].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert s[:, 0].tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]


def _online_retail_like() -> pd.DataFrame:
    # Reproduces the UCI Online Retail quirks: C… cancellations with negative quantities,
    # a missing CustomerID, float ids, quantity × unit price, "YYYY-MM-DD HH:MM" dates.
    return pd.DataFrame({
        "InvoiceNo": ["536365", "536365", "536366", "C536367", "536368", "536369", "536370"],
        "StockCode": ["A", "B", "A", "A", "C", "C", "A"],
        "Quantity": [2, 1, 3, -1, 5, 1, 4],
        "InvoiceDate": ["2010-12-01 08:26", "2010-12-01 08:26", "2010-12-05 09:00", "2010-12-06 10:00",
                        "2010-12-03 11:00", "2010-12-09 12:00", "pas une date"],
        "UnitPrice": [10.0, 5.0, 10.0, 10.0, 2.0, 3.0, 1.0],
        "CustomerID": [17850.0, 17850.0, 17850.0, 17850.0, 13047.0, None, 13047.0],
    })


def test_transaction_features_handle_cancellations_and_bad_rows():
    feats, summary = transaction_features(_online_retail_like())
    a = feats.loc["17850"]
    assert a["frequence"] == 2  # two invoices; the C… line is a return, not an order
    assert a["montant_total"] == pytest.approx(25 + 30 - 10)
    assert a["panier_moyen"] == pytest.approx((25 + 30) / 2)
    assert a["taux_retour"] == pytest.approx(10 / 55)
    # reference date = day after the last usable transaction (2010-12-06) → 2010-12-07
    assert a["recence_jours"] == 2 and a["anciennete_jours"] == 6
    assert feats.loc["13047", "frequence"] == 1
    assert summary.returns == 1
    assert summary.dropped == {"missing customer id": 1, "unreadable date": 1}
    assert summary.dropped_examples["unreadable date"] == (7,)


def test_category_and_channel_shares_sum_to_one():
    tx = pd.DataFrame({
        "id_client": ["a", "a", "a", "b"], "date": ["01/02/2025", "03/02/2025", "03/02/2025", "05/02/2025"],
        "montant": ["10,00", "30,00", "-5,00", "8,5"], "categorie": ["Grains", "moulu", "moulu", "grains"],
        "canal": ["boutique", "e-shop", "e-shop", "boutique"],
    })
    feats, _ = transaction_features(tx)
    assert feats.loc["a", "part_grains"] == pytest.approx(0.25)
    assert feats.loc["a", "part_moulu"] == pytest.approx(0.75)
    assert feats.loc["a", "montant_total"] == pytest.approx(35.0)
    assert feats.loc["b", "part_canal_boutique"] == pytest.approx(1.0)
    shares = feats[[c for c in feats if c.startswith("part_canal_")]].sum(axis=1)
    assert np.allclose(shares, 1.0)


def test_tukey_clipper_fences():
    x = np.array([[1.0], [2.0], [3.0], [4.0], [5.0], [100.0]])
    # Q1 = 2.25, Q3 = 4.75 (linear interpolation), IQR = 2.5 → upper fence 4.75 + 7.5 = 12.25
    out = TukeyClipper().fit(x).transform(x)
    assert out[:5, 0].tolist() == [1, 2, 3, 4, 5] and out[5, 0] == pytest.approx(12.25)
