"""The documents' message catalogue (toolkit.i18n, toolkit.po): both languages say
everything, codes become words."""

from __future__ import annotations

import pytest

from toolkit.render._catalogue import LANGS, code_label, doc_catalogue, gettext


def test_every_key_exists_in_every_language() -> None:
    keys = {lang: set(doc_catalogue(lang)) for lang in LANGS}
    for lang in LANGS:
        for other in LANGS:
            missing = sorted(keys[other] - keys[lang])
            assert not missing, f"{lang} lacks {missing[:10]} (present in {other})"
        assert all(v.strip() for v in doc_catalogue(lang).values())


def test_renderer_labels_come_from_the_catalogue() -> None:
    from toolkit.render._labels import CHECK_STATUS, KPI_STATUS, label

    assert label("contents", "fr") == "Sommaire" and label("contents", "en") == "Contents"
    assert CHECK_STATUS["fr"]["met"] == "Atteint" and KPI_STATUS["en"]["warning"] == "Watch"
    with pytest.raises(KeyError):
        gettext("label.no-such-key", "fr")


def test_codes_shown_in_documents_become_french_words() -> None:
    assert code_label("subscribers", "fr") == "abonnés"
    assert code_label("google_ads", "fr") == "Google Ads"
    assert code_label("search · paid", "fr") == "moteurs de recherche · payant"
    assert code_label("online_revenue_share", "en") == "online revenue share"
    assert code_label("Porter les abonnés de 1 900 à 3 000", "fr") == "Porter les abonnés de 1 900 à 3 000"


def test_a_capitalised_word_that_is_also_a_code_keeps_its_capital() -> None:
    # « Impressions » in a label column was written « impressions » (the code's label, lower case)
    assert code_label("Impressions", "fr") == "Impressions"
    assert code_label("impressions", "fr") == "impressions"


def test_a_table_shows_labels_not_codes() -> None:
    from toolkit.document import Table
    from toolkit.render._values import table_text_rows

    t = Table(("KPI", "Canal", "Cible"), (("subscribers", "search · paid", 3000),), ("text", "text", "integer"))
    rows, _ = table_text_rows(t, "fr")
    assert rows[0][:2] == ["abonnés", "moteurs de recherche · payant"]
