"""The message catalogue: both languages hold every key, with the same placeholders, and every
key the code uses exists (a missing key fails here, not in front of a user)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from toolkit.i18n import LANGS, _, catalogue

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("toolkit", "veille", "personas", "plan", "pilotage")


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_both_languages_hold_the_same_keys_and_placeholders():
    fr, en = catalogue("fr"), catalogue("en")
    assert set(fr) == set(en), f"missing in en: {set(fr) - set(en)}; missing in fr: {set(en) - set(fr)}"
    for key in fr:
        assert fr[key].strip() and en[key].strip(), f"{key} is empty in a language"
        assert _fields(fr[key]) == _fields(en[key]), key


def test_every_key_used_in_the_code_exists():
    used: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            used |= set(re.findall(r"""\b_\(\s*["']((?:cli|msg|doc)\.[a-z0-9_.]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "no catalogue key found in the code"
    for lang in LANGS:
        missing = used - set(catalogue(lang))
        assert not missing, f"keys used in the code but missing in {lang}: {sorted(missing)}"


def test_messages_follow_the_language():
    assert _("cli.case.valid", "fr") == "Le cas est valide."
    assert _("cli.case.valid", "en") == "The case is valid."
    assert _("cli.demo.copied", "en", path="x") == "Example case copied to: x"
    with pytest.raises(KeyError):
        _("cli.no.such.key", "fr")


def test_one_loader_reads_every_catalogue():
    """The CLI's words and the documents' words are two gettext domains read by one function
    (toolkit.i18n.catalogue): no other module opens a .po file."""
    from toolkit.i18n import CLI_DOMAIN, DOC_DOMAIN
    from toolkit.render._catalogue import doc_catalogue

    readers = sorted(p.relative_to(ROOT).as_posix() for package in PACKAGES for p in (ROOT / package).rglob("*.py")
                     if "read_po" in p.read_text(encoding="utf-8"))
    assert readers == ["toolkit/i18n.py"]
    assert doc_catalogue("fr") is catalogue("fr", DOC_DOMAIN)
    assert catalogue("de", DOC_DOMAIN) == catalogue("fr", DOC_DOMAIN)  # French for an unknown language
    assert set(catalogue("fr", CLI_DOMAIN)).isdisjoint({"label.contents"}) and "label.contents" in doc_catalogue("en")
