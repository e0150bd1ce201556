"""Each check against a small support with a known fault and its clean twin.

Contrast oracle: WCAG 2.x definitions of relative luminance and contrast ratio; worked values
from the W3C's Understanding SC 1.4.3 (black on white is 21:1) and the WebAIM contrast checker
(#767676 on white is 4.54:1, the lightest grey that passes AA; #777777 gives 4.48:1 and fails).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pilotage.supports import checks as ck
from pilotage.supports.model import Charter, Right
from pilotage.supports.readers import read_html, read_image, read_pdf, read_subtitles
from pilotage.supports.specs import specs

SP = specs()


def page(body: str, *, lang: str | None = "fr", title: str = "Origines Rares") -> str:
    lang_attr = f' lang="{lang}"' if lang is not None else ""
    return f"<!DOCTYPE html><html{lang_attr}><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"


def html_findings(tmp_path: Path, html: str, kind: str = "landing") -> dict[str, ck.Finding]:
    p = tmp_path / "s.html"
    p.write_text(html, encoding="utf-8")
    fmt = SP.formats["email" if kind == "email" else "landing"]
    return {f.check: f for f in ck.check_html(read_html(p), kind, SP, fmt)}


CLEAN_LANDING = ("<h1>Origines Rares</h1><img src='a.jpg' alt='Ana dans sa parcelle'><h2>Trois producteurs</h2>"
                 "<p style='color:#2b1d14;background-color:#ffffff'>Texte</p>"
                 "<a href='/origines'>Découvrir les Origines Rares</a> <a href='/mentions'>Mentions légales</a> "
                 "<a href='/vie-privee'>Politique de confidentialité</a>")


# --- contrast ---------------------------------------------------------------------------

def test_contrast_ratio_matches_wcag_and_webaim_worked_values():
    assert ck.contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert ck.contrast_ratio((255, 255, 255), (0, 0, 0)) == pytest.approx(21.0)
    assert round(ck.contrast_ratio(ck.parse_color("#767676"), (255, 255, 255)), 2) == 4.54
    assert round(ck.contrast_ratio(ck.parse_color("#777"), (255, 255, 255)), 2) == 4.48
    assert ck.contrast_ratio((10, 20, 30), (10, 20, 30)) == pytest.approx(1.0)


@pytest.mark.parametrize(("value", "rgb"), [("#fff", (255, 255, 255)), ("#8A3B12", (138, 59, 18)),
                                            ("rgb(1, 2, 3)", (1, 2, 3)), ("white", (255, 255, 255)), ("nope", None)])
def test_parse_color(value, rgb):
    assert ck.parse_color(value) == rgb


def test_low_contrast_text_fails_and_its_dark_twin_passes(tmp_path):
    bad = html_findings(tmp_path, page("<p style='color:#aaaaaa;background-color:#ffffff'>Pied de page</p>"))
    good = html_findings(tmp_path, page("<p style='color:#595959;background-color:#ffffff'>Pied de page</p>"))
    assert bad["Contraste du texte"].status == "fail"
    assert "2,32:1" in bad["Contraste du texte"].evidence
    assert good["Contraste du texte"].status == "ok"


def test_large_bold_text_needs_only_3_to_1(tmp_path):
    # #949494 on white is 3.03:1: fails for body text, passes for 24 px text
    small = html_findings(tmp_path, page("<p style='color:#949494'>Titre</p>"))
    large = html_findings(tmp_path, page("<p style='color:#949494;font-size:24px'>Titre</p>"))
    assert small["Contraste du texte"].status == "fail"
    assert large["Contraste du texte"].status == "ok"


def test_contrast_inherits_the_background_of_an_email_table(tmp_path):
    f = html_findings(tmp_path, page("<table bgcolor='#2b1d14'><tr><td><p style='color:#3a2a20'>Texte sombre sur sombre</p>"
                                     "</td></tr></table>"), "email")
    assert f["Contraste du texte"].status == "fail"


# --- HTML structure ---------------------------------------------------------------------

def test_clean_landing_page_passes_every_structural_check(tmp_path):
    f = html_findings(tmp_path, page(CLEAN_LANDING))
    for name in ("Langue déclarée", "Titre du document", "Textes alternatifs des images", "Hiérarchie des titres",
                 "Intitulés des liens", "Contraste du texte", "Mentions légales", "Politique de confidentialité"):
        assert f[name].status == "ok", (name, f[name])


def test_missing_language_fails(tmp_path):
    assert html_findings(tmp_path, page(CLEAN_LANDING, lang=None))["Langue déclarée"].status == "fail"


def test_image_without_alt_fails_but_decorative_empty_alt_passes(tmp_path):
    bad = html_findings(tmp_path, page("<h1>T</h1><img src='ana.jpg'>"))
    deco = html_findings(tmp_path, page("<h1>T</h1><img src='filet.png' alt=''>"))
    assert bad["Textes alternatifs des images"].status == "fail"
    assert "ana.jpg" in bad["Textes alternatifs des images"].evidence
    assert deco["Textes alternatifs des images"].status == "ok"


def test_skipped_heading_level_and_two_h1_fail(tmp_path):
    skip = html_findings(tmp_path, page("<h1>A</h1><h3>C</h3>"))
    two = html_findings(tmp_path, page("<h1>A</h1><h1>B</h1>"))
    assert skip["Hiérarchie des titres"].status == "fail" and "h1 à h3" in skip["Hiérarchie des titres"].evidence
    assert two["Hiérarchie des titres"].status == "fail"


def test_vague_or_empty_link_text_fails(tmp_path):
    bad = html_findings(tmp_path, page("<h1>T</h1><a href='/x'>Cliquez ici</a><a href='/y'><img src='i.png'></a>"))
    named = html_findings(tmp_path, page("<h1>T</h1><a href='/x' aria-label='Découvrir la gamme'>ici</a>"
                                         "<a href='/y'><img src='i.png' alt='Accueil de la Brûlerie'></a>"))
    assert bad["Intitulés des liens"].status == "fail"
    assert "Cliquez ici" in bad["Intitulés des liens"].evidence and "∅" in bad["Intitulés des liens"].evidence
    assert named["Intitulés des liens"].status == "ok"


def test_missing_title_fails_and_a_long_one_is_a_length_problem_not_an_accessibility_one(tmp_path):
    assert html_findings(tmp_path, page(CLEAN_LANDING, title=""))["Titre du document"].status == "fail"
    assert html_findings(tmp_path, page(CLEAN_LANDING, title="x" * 80))["Titre du document"].status == "ok"
    out, _ = ck.check_text("Bonjour.", kind="landing", house=None, charter=None, specs=SP,
                           fmt=SP.formats["landing"], fields={"title": "x" * 80})
    length = {f.check: f for f in out}["Longueur (titre)"]
    assert length.status == "fail" and length.area == "message" and "60" in length.fix


def test_email_without_unsubscribe_link_fails_and_its_twin_passes(tmp_path):
    bad = html_findings(tmp_path, page("<p>Bonjour</p>"), "email")
    good = html_findings(tmp_path, page("<p>Bonjour</p><a href='{{ unsubscribe }}'>Se désinscrire</a>"), "email")
    assert bad["Lien de désinscription"].status == "fail"
    assert good["Lien de désinscription"].status == "ok"


def test_landing_without_legal_notice_fails(tmp_path):
    f = html_findings(tmp_path, page("<h1>T</h1><a href='/a'>Découvrir l'abonnement</a>"))
    assert f["Mentions légales"].status == "fail"
    assert f["Politique de confidentialité"].status == "warn"


def test_hidden_text_and_scripts_are_not_read(tmp_path):
    p = tmp_path / "s.html"
    p.write_text(page("<script>var x = 'neutre en carbone';</script><p style='display:none'>caché</p><p>Visible</p>"),
                 encoding="utf-8")
    facts = read_html(p)
    assert "carbone" not in facts.text and "caché" not in facts.text and "Visible" in facts.text


# --- PDF --------------------------------------------------------------------------------

def test_untagged_pdf_without_language_fails_and_tagged_twin_passes(tmp_path, maker):
    lines = ["Soirée de lancement", "Venez goûter trois cafés de parcelles rares."]
    bad = maker.make_pdf(tmp_path / "bad.pdf", lines)
    good = maker.make_pdf(tmp_path / "good.pdf", lines, tagged=True, lang="fr-FR", title="Soirée", display_title=True)
    fb = {f.check: f for f in ck.check_pdf(read_pdf(bad), SP.formats["flyer_a5"])}
    fg = {f.check: f for f in ck.check_pdf(read_pdf(good), SP.formats["flyer_a5"])}
    assert fb["PDF balisé"].status == "fail" and fb["Langue déclarée"].status == "fail"
    assert fb["Titre du document"].status == "fail"
    assert fg["PDF balisé"].status == "ok" and fg["Langue déclarée"].status == "ok"
    assert fg["Titre du document"].status == "ok" and fg["Texte réel (pas une image de texte)"].status == "ok"
    assert fg["Format de page"].status == "ok"


def test_pdf_of_the_wrong_size_fails(tmp_path, maker):
    a4 = maker.make_pdf(tmp_path / "a4.pdf", ["Un", "texte de trois mots"], size_mm=(210, 297))
    f = {x.check: x for x in ck.check_pdf(read_pdf(a4), SP.formats["flyer_a5"])}
    assert f["Format de page"].status == "fail"


def test_image_only_pdf_fails_the_real_text_check(tmp_path):
    from PIL import Image

    p = tmp_path / "scan.pdf"
    Image.new("RGB", (420, 595), "white").save(p)
    f = {x.check: x for x in ck.check_pdf(read_pdf(p), None)}
    assert f["Texte réel (pas une image de texte)"].status == "fail"


def test_a_broken_pdf_is_a_clear_input_error(tmp_path):
    from toolkit.errors import InputError

    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4 this is not a pdf")
    with pytest.raises(InputError) as exc:
        read_pdf(p)
    assert "broken.pdf" in str(exc.value)


# --- images -----------------------------------------------------------------------------

def test_image_dimensions_and_alt(tmp_path, maker):
    wrong = maker.make_image(tmp_path / "w.png", (1080, 1350))
    right = maker.make_image(tmp_path / "r.png", (1080, 1080))
    fmt = SP.formats["instagram_square"]
    fw = {f.check: f for f in ck.check_image(read_image(wrong), fmt, None, ".png")}
    fr = {f.check: f for f in ck.check_image(read_image(right), fmt, "Une tasse vue de dessus", ".png")}
    assert fw["Dimensions"].status == "fail" and fw["Texte alternatif"].status == "fail"
    assert fr["Dimensions"].status == "ok" and fr["Texte alternatif"].status == "ok"


def test_image_of_the_right_ratio_but_wrong_size_asks_a_review(tmp_path, maker):
    half = maker.make_image(tmp_path / "h.png", (540, 540))
    f = {x.check: x for x in ck.check_image(read_image(half), SP.formats["instagram_square"], "x", ".png")}
    assert f["Dimensions"].status == "warn"


# --- subtitles --------------------------------------------------------------------------

SRT_OK = "1\n00:00:00,500 --> 00:00:03,000\nVoici Ana.\n\n2\n00:00:03,200 --> 00:00:09,000\nElle cultive notre café.\n"


def _subs(tmp_path: Path, text: str, name: str = "s.srt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return read_subtitles(p)


def test_subtitles_in_sync_pass_and_a_cue_past_the_end_fails(tmp_path):
    fmt = SP.formats["instagram_reel"]
    ok = {f.check: f for f in ck.check_subtitles(_subs(tmp_path, SRT_OK), 10, fmt, SP)}
    late = {f.check: f for f in ck.check_subtitles(_subs(tmp_path, SRT_OK), 5, fmt, SP)}
    assert ok["Sous-titres présents"].status == "ok" and ok["Synchronisation"].status == "ok"
    assert late["Synchronisation"].status == "fail" and "ligne 6" in late["Synchronisation"].evidence


def test_overlapping_cues_and_an_unreadable_timing_fail(tmp_path):
    text = ("1\n00:00:00,500 --> 00:00:04,000\nA\n\n2\n00:00:03,000 --> 00:00:05,000\nB\n\n"
            "3\n00:00:06 --> 00:00:07,000\nC\n")
    f = {x.check: x for x in ck.check_subtitles(_subs(tmp_path, text), 10, None, SP)}
    assert f["Synchronisation"].status == "fail"
    assert "chevauche" in f["Synchronisation"].evidence and "ligne 10" in f["Synchronisation"].evidence


def test_empty_subtitles_fail(tmp_path):
    f = {x.check: x for x in ck.check_subtitles(_subs(tmp_path, "WEBVTT\n\n", "e.vtt"), 10, None, SP)}
    assert f["Sous-titres présents"].status == "fail"


def test_vtt_timings_without_hours_are_read(tmp_path):
    subs = _subs(tmp_path, "WEBVTT\n\n00:01.000 --> 00:02.500\nBonjour\n", "v.vtt")
    assert subs.kind == "vtt" and subs.cues[0].start == 1.0 and subs.cues[0].end == 2.5


def test_reading_time_follows_the_csa_table(tmp_path):
    # CSA (2011): 12 characters for 1 s, 20 for 2 s, 36 for 3 s, 60 for 4 s
    assert ck.subtitle_max_chars(1, SP.subtitle_reading) == 12
    assert ck.subtitle_max_chars(3, SP.subtitle_reading) == 36
    assert ck.subtitle_max_chars(2.5, SP.subtitle_reading) == 28
    fast = "1\n00:00:01,000 --> 00:00:02,000\nNous lui payons son café au-dessus du cours.\n"
    f = {x.check: x for x in ck.check_subtitles(_subs(tmp_path, fast), 5, None, SP)}
    assert f["Temps de lecture"].status == "warn"
    f = {x.check: x for x in ck.check_subtitles(_subs(tmp_path, SRT_OK), 10, None, SP)}
    assert f["Temps de lecture"].status == "ok"


def test_video_longer_than_the_format_fails(tmp_path):
    f = {x.check: x for x in ck.check_subtitles(_subs(tmp_path, SRT_OK), 120, SP.formats["instagram_reel"], SP)}
    assert f["Durée"].status == "fail"


# --- text -------------------------------------------------------------------------------

HOUSE = ck.House("Un café dont vous connaissez le producteur, la parcelle et le prix payé", "",
                 (ck.HouseMessage(1, "Prix d'achat publié pour chaque lot", ("prix", "publié", "achat")),
                  ck.HouseMessage(2, "Emballages compostables et livraison à vélo-cargo", ("emballages", "compostables", "livraison"))))


def text_findings(text: str, **kw) -> dict[str, ck.Finding]:
    kw.setdefault("charter", Charter(use=["parcelle"], avoid=["premium"]))
    out, _ = ck.check_text(text, kind="text", house=HOUSE, specs=SP, fmt=SP.formats["social_post"], **kw)
    return {f.check: f for f in out}


def test_sponsored_post_without_mention_fails_and_its_twin_passes():
    bad = text_findings("Trois semaines avec les cafés de la Brûlerie.", sponsored=True)
    good = text_findings("Collaboration commerciale avec la Brûlerie. Trois semaines avec ses cafés.", sponsored=True)
    assert bad["Mention « Collaboration commerciale »"].status == "fail"
    assert good["Mention « Collaboration commerciale »"].status == "ok"
    assert "Mention « Collaboration commerciale »" not in text_findings("Un texte.")


def test_generic_green_claim_fails_and_a_quantified_twin_passes():
    bad = text_findings("Une livraison neutre en carbone et des emballages biodégradables.")
    good = text_findings("Livraison à vélo-cargo dans Lyon ; 72 % de nos emballages sont compostables.")
    assert bad["Allégations environnementales"].status == "fail"
    assert "neutre en carbone" in bad["Allégations environnementales"].evidence
    assert good["Allégations environnementales"].status == "ok"


def test_inclusive_wording_is_suggested_not_failed():
    f = text_findings("Chers clients, Mademoiselle, votre café vous attend.")
    assert f["Langage inclusif"].status == "warn"
    assert "madame" in f["Langage inclusif"].evidence
    assert text_findings("Bonjour à toutes et à tous.")["Langage inclusif"].status == "ok"


def test_tone_flags_the_words_the_charter_avoids():
    assert text_findings("Un café premium.")["Ton de la charte"].status == "warn"
    assert text_findings("Un café de parcelle.")["Ton de la charte"].status == "ok"


def test_messages_carried_by_keywords():
    f = text_findings("Nous publions le prix d'achat de chaque lot.")
    assert f["Messages portés"].status == "ok" and f["Messages portés"].evidence == "M1"
    promise = text_findings("Vous connaissez le producteur et sa parcelle.")
    assert promise["Messages portés"].evidence == "promesse"
    assert text_findings("Bonne journée !")["Messages portés"].status == "warn"


def test_length_over_the_format_limit_fails():
    fields = {"caption": "a" * 2201}
    assert text_findings("Texte.", fields=fields)["Longueur (légende)"].status == "fail"
    assert text_findings("Texte.", fields={"caption": "a" * 2200})["Longueur (légende)"].status == "ok"


def test_hard_text_asks_a_review_for_a_general_audience():
    hard = ("L'internationalisation des approvisionnements caféiers nécessite une contractualisation pluriannuelle "
            "institutionnalisée garantissant la rémunération équitable des organisations coopératives productrices "
            "indépendamment des fluctuations spéculatives internationales.")
    assert text_findings(hard)["Lisibilité"].status == "warn"
    easy = ("Voici Ana. Elle cultive notre café à Huila. Sa parcelle est en haut de la colline. "
            "Nous lui payons un bon prix. Nous le disons à tous. Vous pouvez le goûter en boutique.")
    assert text_findings(easy)["Lisibilité"].status == "ok"


# --- rights -----------------------------------------------------------------------------

def test_rights_register():
    end = dt.date(2027, 9, 30)
    ok = [Right(asset="a.jpg", licence="cession 3 ans", release="signée", expires=dt.date(2030, 1, 1))]
    assert ck.check_rights(["a.jpg"], ok, end, people=True).status == "ok"
    missing = ck.check_rights(["a.jpg", "b.jpg"], ok, end, people=False)
    assert missing.status == "fail" and "b.jpg" in missing.evidence
    expired = ck.check_rights(["a.jpg"], [Right(asset="a.jpg", licence="x", expires=dt.date(2027, 3, 31))], end, people=False)
    assert expired.status == "fail" and "31/03/2027" in expired.evidence
    no_release = ck.check_rights(["a.jpg"], [Right(asset="a.jpg", licence="x")], end, people=True)
    assert no_release.status == "fail" and "autorisation" in no_release.evidence


def test_a_language_other_than_the_supports_fails(tmp_path):
    english = html_findings(tmp_path, page(CLEAN_LANDING, lang="en"))
    assert english["Langue déclarée"].status == "fail" and "en" in english["Langue déclarée"].evidence
    assert html_findings(tmp_path, page(CLEAN_LANDING, lang="fr-FR"))["Langue déclarée"].status == "ok"


def test_a_pdf_declared_in_english_for_a_french_flyer_fails(tmp_path, maker):
    p = maker.make_pdf(tmp_path / "en.pdf", ["Soirée", "Venez goûter nos cafés."], tagged=True, lang="en-US", title="T",
                       display_title=True)
    f = {x.check: x for x in ck.check_pdf(read_pdf(p), None)}
    assert f["Langue déclarée"].status == "fail"
    assert {x.check: x for x in ck.check_pdf(read_pdf(p), None, expected_lang="en")}["Langue déclarée"].status == "ok"


# --- the sector's advertising rules --------------------------------------------------------

def test_sector_rules_are_found_by_a_word_of_the_clients_sector():
    assert [r["id"] for r in SP.rules_for_sector("Torréfaction artisanale de café de spécialité")] == ["allegations_sante"]
    assert [r["id"] for r in SP.rules_for_sector("Cave à vins et bières, Lyon")] == ["alcool"]
    assert [r["id"] for r in SP.rules_for_sector("Concessionnaire automobile")] == ["vehicules"]
    assert SP.rules_for_sector("Agence de voyages") == []


def test_alcohol_advert_without_the_health_message_fails_and_its_twin_passes():
    (rule,) = SP.rules_for_sector("Cave à vins")
    text = "Nouveau : le Saint-Joseph 2024 du domaine des Pierres, 18 € la bouteille."
    bad, _ = ck.check_text(text, kind="text", house=None, charter=None, specs=SP, fmt=None, sector_rules=[rule])
    good, _ = ck.check_text(text + " L'abus d'alcool est dangereux pour la santé, à consommer avec modération.", kind="text",
                            house=None, charter=None, specs=SP, fmt=None, sector_rules=[rule])
    b = {f.check: f for f in bad}["Mention obligatoire du secteur"]
    assert b.status == "fail" and b.area == "droit" and "L'abus d'alcool est dangereux" in b.fix and "L3323" in b.ref
    assert {f.check: f for f in good}["Mention obligatoire du secteur"].status == "ok"


def test_health_claims_on_food_ask_a_review():
    (rule,) = SP.rules_for_sector("Torréfaction de café")
    bad, _ = ck.check_text("Un café riche en antioxydants, bon pour le cœur.", kind="text", house=None, charter=None,
                           specs=SP, fmt=None, sector_rules=[rule])
    good, _ = ck.check_text("Un café de producteur, torréfié à Lyon.", kind="text", house=None, charter=None,
                            specs=SP, fmt=None, sector_rules=[rule])
    b = {f.check: f for f in bad}["Allégations de santé"]
    assert b.status == "warn" and "« antioxydants »" in b.evidence and "« bon pour le cœur »" in b.evidence
    assert "1924/2006" in b.ref
    assert {f.check: f for f in good}["Allégations de santé"].status == "ok"
