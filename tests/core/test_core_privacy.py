"""One privacy module (issue #10): every module detects and masks personal data the same way.

The cases are the ones the three former copies disagreed on: the veille note kept
"+44 20 7946 0958", e-reputation masked an order number as a phone, and a phone number read
as an integer by a reader ("+33 6 00 93 69 14" → 33600936914) was not seen at all.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.privacy import detect_pii, find_personal, is_phone_number, looks_personal, mask_text

PHONES = [
    "+33 6 00 93 69 14", "+33 (0)6 12 34 56 78", "0033 6 12 34 56 78", "06 12 34 56 78", "06.12.34.56.78",
    "0612345678", "+44 20 7946 0958", "020 7946 0958", "07700 900123", "+49 30 1234567", "030 1234567",
    "+1 415 555 2671", "(555) 123-4567", "555-123-4567", "+32 2 555 12 34", "+41 44 668 18 00",
]
NOT_PHONES = [
    "commande n° 2027041512", "Commande #123456789012", "n° 4512 7789 33", "1 234 567 €", "2027-05-14",
    "le 14/05/2027 à 10:30", "ref 2027-000123-45", "250 g à 9,90 €", "69003 Lyon", "+3,5 %",
]


@pytest.mark.parametrize("text", PHONES)
def test_phone_numbers_in_every_national_format_are_masked(text: str) -> None:
    assert mask_text(f"Appelez le {text} svp") == "Appelez le [téléphone masqué] svp"
    assert is_phone_number(text)


@pytest.mark.parametrize("text", NOT_PHONES)
def test_order_numbers_amounts_and_dates_are_not_phones(text: str) -> None:
    assert mask_text(text) == text
    assert not looks_personal(text)


def test_phones_read_as_integers() -> None:
    assert is_phone_number(33600936914)  # +33 6 00 93 69 14 parsed as a number
    assert is_phone_number(600936914.0)  # 06 00 93 69 14 with its leading zero lost
    assert is_phone_number(442079460958)
    assert not is_phone_number(123456789) and not is_phone_number(2027) and not is_phone_number(69003)
    assert looks_personal(33600936914)


def test_emails_ibans_addresses() -> None:
    text = "Écrivez à jean.dupont@mail.example, IBAN FR76 3000 6000 0112 3456 7890 189, au 12 bis rue Mercière, Lyon"
    assert mask_text(text) == ("Écrivez à [e-mail masqué], IBAN [IBAN masqué], au [adresse masquée], Lyon")
    assert mask_text("mail: a@b.fr", "en") == "mail: [e-mail hidden]"
    assert [k for k, _, _ in find_personal(text)] == ["email", "iban", "address"]


def test_veille_note_masks_a_uk_number() -> None:
    from veille.text import mask_contacts

    assert mask_contacts("Contact presse : +44 20 7946 0958") == "Contact presse : [téléphone masqué]"


def test_ereputation_keeps_order_numbers_and_masks_phones() -> None:
    from pilotage.compute.ereputation import scrub_personal_data

    assert scrub_personal_data("Commande 2027041512 jamais reçue") == "Commande 2027041512 jamais reçue"
    assert scrub_personal_data("rappelez-moi au +44 20 7946 0958") == "rappelez-moi au [téléphone]"


def test_phone_column_parsed_as_integers_is_found_by_content(tmp_path: Path) -> None:
    from toolkit.io import read_table

    lines = ["client;contact_client;ville"] + [
        f"C{i};+33 6 {i:02d} 93 69 {i % 90 + 10:02d};Lyon" for i in range(40)]
    f = tmp_path / "clients.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = read_table(f).frame
    assert frame["contact_client"].dtype.kind in "iuf"  # the reader made numbers of them
    assert {x.column: x.kind for x in detect_pii(frame)} == {"contact_client": "phone"}


def test_known_name_columns_are_personal() -> None:
    df = pd.DataFrame({"Prénom": ["a", "b"], "Nom de famille": ["c", "d"], "nom_produit": ["x", "y"]})
    assert {x.column: x.kind for x in detect_pii(df)} == {"Prénom": "name", "Nom de famille": "name"}


def test_personas_uses_the_same_detector() -> None:
    import personas.privacy
    import toolkit.privacy

    assert personas.privacy.detect_pii is toolkit.privacy.detect_pii
    assert personas.privacy.looks_personal is toolkit.privacy.looks_personal
