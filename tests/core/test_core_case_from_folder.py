"""#24 "a real client in ten minutes": ``toolkit case init --from FOLDER`` on a folder of fixtures
reproducing what a French wine e-shop sent its agency (see ``agency_folder.py``), then
``case check``, ``pilotage import`` and the Trends of the note — the proposed case.yaml, the
converted currency, the excluded periods and the per-file mappings are checked."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from agency_folder import write_agency_folder

from toolkit.case import load_case
from toolkit.cli import app


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def proposed(tmp_path: Path) -> tuple[Path, str, dict[str, str]]:
    client = write_agency_folder(tmp_path / "envoi-du-client")
    before = _digest(client)
    res = CliRunner().invoke(app, ["case", "init", str(tmp_path / "cave"), "--from", str(client),
                                   "--client", "Cave du Sommelier", "--website", "https://www.cave-sommelier.fr/",
                                   "--rate", "GBP=1.17@2026-01-05", "--rate-source", "BCE",
                                   "--start", "2026-01-01", "--end", "2026-06-30"])
    assert res.exit_code == 0, res.output
    assert _digest(client) == before  # the client's files are copied, never modified
    return tmp_path / "cave", res.output, before


def test_every_file_is_classified_and_named_where_it_is_used(proposed) -> None:
    root, output, _ = proposed
    cfg = load_case(root).config
    assert cfg.data.actuals == ["data/export-meta-agence.csv", "data/ga4-acquisition.csv",
                                "data/google-ads-campagnes (1).csv", "data/google-ads-campagnes.csv",
                                "data/meta-insights-kaggle.csv"]
    assert (cfg.data.customers, cfg.data.transactions, cfg.data.mentions) == (
        "data/crm-clients.csv", "data/commandes.csv", "data/avis-clients.csv")
    assert cfg.watch.trends.files == ["data/multiTimeline.csv"]
    assert cfg.client.website == "https://www.cave-sommelier.fr/" and cfg.output.audience == "client"
    assert cfg.output.language == "fr" and cfg.client.languages == ["fr", "en"]
    # useless files, with why
    ignored = {k: v.note for k, v in cfg.data.files.items() if v.use == "ignore"}
    assert set(ignored) == {"data/ga4-pages-autre-site.csv", "data/ga4-vide.csv", "data/logo.png"}
    assert "pages" in ignored["data/ga4-pages-autre-site.csv"]
    assert "sans aucune ligne" in ignored["data/ga4-vide.csv"]
    assert "pas un tableau" in ignored["data/logo.png"]
    # what was detected: currency, period, overlaps, customer-file roles
    assert "valeur : MntWines, MntMeatProducts ; fréquence : NumWebPurchases, NumStorePurchases ; récence : Recency" \
        in output
    assert "google-ads-campagnes (1).csv et google-ads-campagnes.csv : deux exports google_ads qui couvrent tous " \
           "deux 2026-01-03 → 2026-01-04" in output
    assert "déborde de la mission (2025-12-29 → 2026-01-04)" in output
    assert "série ancienne (s'arrête le 2021-12-17" in output
    assert "le fichier ne dit pas sa devise" in output  # the Kaggle layout states none


def test_currency_rate_mission_and_mapping_are_proposed(proposed) -> None:
    root, _, _ = proposed
    cfg = load_case(root).config
    gbp = cfg.data.exchange_rates["GBP"]
    assert (gbp.rate, gbp.date.isoformat(), gbp.source) == (1.17, "2026-01-05", "BCE")
    assert (cfg.mission.start.isoformat(), cfg.mission.end.isoformat(), cfg.mission.keep_before) == (
        "2026-01-01", "2026-06-30", False)
    m = cfg.data.files["data/export-meta-agence.csv"]
    assert (m.use, m.platform, m.date_format, m.currency) == ("actuals", "meta", "%d-%m-%Y", "EUR")
    assert m.columns == {"Jour": "date", "Campagne FB": "campaign", "Montant (€)": "spend", "Vues": "impressions",
                         "Clics sur lien": "clicks"}
    text = (root / "case.yaml").read_text(encoding="utf-8")
    assert "À VÉRIFIER" in text and "# Google Ads, GBP, 2025-12-29 → 2026-01-04, 14 lignes" in text


def test_case_check_says_what_each_file_is_used_for(proposed) -> None:
    root, _, _ = proposed
    res = CliRunner().invoke(app, ["case", "check", str(root)])
    assert res.exit_code == 0, res.output
    out = res.output
    assert "✓ data/google-ads-campagnes.csv : google_ads (en), 14 lignes, 2025-12-29 → 2026-01-04 ; montants en GBP " \
           "convertis à 1 GBP = 1.17 EUR ; 6 lignes hors de la période de la mission, mises de côté → pilotage" in out
    assert "✓ data/crm-clients.csv" in out and "→ personas : segments et fiches persona" in out
    assert "✓ data/multiTimeline.csv : présent → veille" in out
    assert "· data/logo.png : non utilisé — pas un tableau" in out
    # a GA4 export without a row is not ✓ (named in case.yaml, it is a problem)
    text = (root / "case.yaml").read_text(encoding="utf-8")
    (root / "case.yaml").write_text(text.replace("  actuals:\n", "  actuals:\n    - data/ga4-vide.csv\n", 1),
                                    encoding="utf-8")
    bad = CliRunner().invoke(app, ["case", "check", str(root)])
    assert bad.exit_code != 0 and "✗ data.actuals.0:" in bad.output
    assert "export ga4 sans aucune ligne de données : rien à importer" in bad.output  # said in French (errors.po)


def test_import_converts_excludes_and_maps_as_proposed(proposed) -> None:
    from pilotage.commands import import_exports
    from pilotage.store.actuals import load_actuals

    root, _, _ = proposed
    case = load_case(root)
    s = import_exports(case, case.config.data.actuals)
    assert not s.failed
    stored = load_actuals(case)
    assert set(stored["currency"]) == {"EUR"}
    g = stored[stored["platform"] == "google_ads"]
    # in GBP: (1) 2026-01-05/06 = 12+13 + 7.5+8.5 = 41 (its 03–04 days are in the later file);
    # the other file's mission days 01–04 = 13+14+15+16 + 8.5+9.5+10.5+11.5 = 98 → 139 GBP × 1.17
    assert g["spend"].sum() == pytest.approx(139 * 1.17)
    assert g["date"].min() == pd.Timestamp("2026-01-01")  # 2025-12-29…31 set aside
    assert ("data/google-ads-campagnes.csv", 6, 0) in s.set_aside
    meta = stored[stored["source_file"] == "data/export-meta-agence.csv"]
    assert meta["date"].dt.day.tolist() == [5, 6, 7] and meta["spend"].sum() == pytest.approx(37.40)
    assert set(stored.loc[stored["source_file"] == "data/meta-insights-kaggle.csv", "platform"]) == {"meta"}


def test_stale_trends_are_set_aside_from_the_note_with_a_warning(proposed) -> None:
    from veille.commands import load_trends

    root, _, _ = proposed
    data = load_trends(load_case(root))
    assert data.interest.empty
    assert "« vin bio » (17/12/2021)" in (data.warning or "") and "mises de côté" in data.warning
    kept = (root / "case.yaml").read_text(encoding="utf-8").replace("keep_before: false", "keep_before: true")
    (root / "case.yaml").write_text(kept, encoding="utf-8")
    again = load_trends(load_case(root))
    assert len(again.interest) == 24 and "référence « avant »" in (again.warning or "")
