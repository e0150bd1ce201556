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
    """The CLI's words, the documents' words and the errors' templates are gettext domains read by
    one function (toolkit.i18n.catalogue): no other module opens a .po file, except the
    maintenance command that adds the new error templates to errors.po (toolkit.i18n_extract)."""
    from toolkit.i18n import CLI_DOMAIN, DOC_DOMAIN
    from toolkit.render._catalogue import doc_catalogue

    readers = sorted(p.relative_to(ROOT).as_posix() for package in PACKAGES for p in (ROOT / package).rglob("*.py")
                     if "read_po" in p.read_text(encoding="utf-8"))
    assert readers == ["toolkit/i18n.py", "toolkit/i18n_extract.py"]
    assert doc_catalogue("fr") is catalogue("fr", DOC_DOMAIN)
    assert catalogue("de", DOC_DOMAIN) == catalogue("fr", DOC_DOMAIN)  # French for an unknown language
    assert set(catalogue("fr", CLI_DOMAIN)).isdisjoint({"label.contents"}) and "label.contents" in doc_catalogue("en")


# ------------------------------------------------------------------ errors in the user's language


def test_every_error_template_of_the_source_has_its_french_words():
    """Errors are raised in English; the CLI says them in French through errors.po. A new error
    without its French sentence fails here (run ``python -m toolkit.i18n_extract --update``)."""
    from babel.messages.pofile import read_po

    from toolkit.i18n_extract import templates

    found = templates(ROOT)
    assert len(found) > 300, "the extraction found too few messages: is it still reading the source?"
    with (ROOT / "toolkit" / "locale" / "fr" / "LC_MESSAGES" / "errors.po").open("rb") as fh:
        cat = read_po(fh, locale="fr")
    missing = [f"{where[0]}: {t}" for t, where in sorted(found.items()) if not (cat.get(t) and cat.get(t).string)]
    assert not missing, "errors without French words:\n" + "\n".join(missing)
    for m in cat:
        if m.id and m.string:
            assert _fields(m.id) == _fields(m.string), m.id


def test_extraction_reads_fstrings_conditionals_and_message_variables(tmp_path):
    from toolkit.i18n_extract import templates

    pkg = tmp_path / "toolkit"
    pkg.mkdir()
    (pkg / "m.py").write_text(
        "def f(path, n, ok):\n"
        "    msg = f'the file {path} has {n:,} rows'\n"
        "    raise InputError(msg if ok else 'no {brace} here', hint='fix it' if ok else f'see {path}')\n",
        encoding="utf-8")
    assert set(templates(tmp_path, ["toolkit"])) == {
        "the file {0} has {1} rows", "no {{brace}} here", "fix it", "see {0}"}


def test_messages_are_translated_with_their_values_and_nested_messages():
    from toolkit.i18n import translate_message

    assert translate_message("the case folder /x/y does not exist", "fr") == "le dossier de cas /x/y n'existe pas"
    # the most specific template wins over a generic one ('{0}' is not {1})
    assert translate_message("'12/13/2027' is not a date", "fr") == "'12/13/2027' n'est pas une date"
    # a value that is itself a message is translated too
    assert (translate_message("Value error, end 2027-01-01 is before start 2027-02-01", "fr")
            == "la fin 2027-01-01 précède le début 2027-02-01")
    assert translate_message("Input should be a valid number (got 'abc')", "fr") == "la valeur doit être un nombre (reçu 'abc')"
    # English stays as written; an unknown message is left as it is rather than guessed
    assert translate_message("the case folder /x does not exist", "en") == "the case folder /x does not exist"
    assert translate_message("something nobody catalogued", "fr") == "something nobody catalogued"


def test_an_error_is_located_and_worded_in_french_at_the_command_line():
    from toolkit.errors import CaseError, InputError, Issue
    from toolkit.i18n import localise_error

    err = InputError("column 'Coût' is missing", file="ads.csv", row=3, column="Coût",
                     hint="export the report again")
    assert localise_error(err, "fr") == ("ads.csv, rangée 3, colonne 'Coût' : la colonne 'Coût' manque\n"
                                         "  → exportez de nouveau le rapport")
    assert localise_error(err, "en") == str(err) == ("ads.csv, row 3, column 'Coût': column 'Coût' is missing\n"
                                                      "  → export the report again")
    case = CaseError("plan.yaml: 1 problem found",
                     [Issue("unknown key 'prority'", file="plan.yaml", line=14, field="actions.0.prority",
                            hint="did you mean 'priority'?")])
    assert localise_error(case, "fr") == ("plan.yaml : 1 problème trouvé\n"
                                          "  plan.yaml:14 : actions.0.prority : clé inconnue 'prority'"
                                          " — vouliez-vous dire 'priority' ?")


def test_every_document_sentence_used_in_the_code_exists_in_both_languages():
    """Report builders say their fixed sentences through ``doc_text("doc.…")``: each key named in
    the code is in the documents' catalogue of both languages, and every ``doc.*`` key has the same
    placeholders in both (a builder's sentence never loses a figure in one language)."""
    from toolkit.i18n import DOC_DOMAIN, doc_text

    used: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            used |= set(re.findall(r"""["'](doc\.[a-z0-9_]+\.[a-z0-9_.]+)["']""", path.read_text(encoding="utf-8")))
    assert {"doc.decision.section", "doc.decision.bilan.title", "doc.decision.dashboard.title_ok"} <= used
    fr, en = catalogue("fr", DOC_DOMAIN), catalogue("en", DOC_DOMAIN)
    for key in sorted(used):
        assert key in fr and key in en, f"{key} missing in {'fr' if key not in fr else 'en'}"
    for key in (k for k in fr if k.startswith("doc.")):
        assert key in en and _fields(fr[key]) == _fields(en[key]), key
    assert doc_text("doc.decision.and_more", "fr", n=2) == " et 2 autres"
    assert doc_text("doc.bilan.answers", "en", n=12) == "12 answers"
    with pytest.raises(KeyError):
        doc_text("doc.no.such.key", "en")


#: Where a French/English pair may stay written side by side: number and date formats (typography,
#: not words), the renderers' typography, and the trainer's imitations of tools' exports (their
#: headers are the tools' own words in the export's language, read back by the readers).
PAIRS_ALLOWED = ("toolkit/fmt.py", "toolkit/render/", "toolkit/trainer/generate.py", "pilotage/readers/",
                 # the sentiment lexicons are data (words to recognise, not words to show); the
                 # location words of errors are said before any catalogue is read
                 "pilotage/compute/sentiment.py", "toolkit/errors.py",
                 # bilingual lexicons that also recognise: the personas' vocabulary of customer-file
                 # headers and levels (a user's own labels come in both languages too), and the month
                 # names the trainer's grading reads in a student's answer
                 "personas/vocabulary.py", "toolkit/trainer/grade.py")


def _inline_pairs(source: str) -> list[int]:
    """Lines where words are chosen by the language in the code instead of the catalogue: a
    branch on the language (``… if fr else …``, ``if lang == "en": return …``) that holds a text
    with letters, a pair helper ``_t(lang, "…", "…")``, a ``{"fr": …, "en": …}`` table of words.
    File names (``"case-check"``), language codes and typography (``" : "``) are not words."""
    import ast

    def words(node: ast.AST) -> bool:
        keys = {id(x.slice) for x in ast.walk(node) if isinstance(x, ast.Subscript)}  # row["month"]: a key
        for x in ast.walk(node):
            if id(x) in keys:
                continue
            if isinstance(x, ast.Constant) and isinstance(x.value, str) and re.search(r"[A-Za-zÀ-ÿ]{2,}", x.value):
                if x.value in ("fr", "en") or re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", x.value):
                    continue
                return True
        return False

    def by_lang(test: ast.AST) -> bool:
        if isinstance(test, ast.Name):
            return test.id in ("fr", "is_fr")
        return (isinstance(test, ast.Compare) and len(test.comparators) == 1
                and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value in ("fr", "en"))

    tree = ast.parse(source)
    in_tables = {id(n) for call in ast.walk(tree) if isinstance(call, ast.Call)
                 and getattr(call.func, "id", "") == "per_lang" for n in ast.walk(call)}
    lines = []
    for node in ast.walk(tree):
        keys = [k.value for k in getattr(node, "keys", ()) if isinstance(k, ast.Constant)]
        if isinstance(node, ast.Dict) and sorted(keys) == ["en", "fr"] and id(node) not in in_tables:
            if words(node.values[keys.index("fr")]) or words(node.values[keys.index("en")]):
                lines.append(node.lineno)
        elif isinstance(node, ast.Dict) and id(node) not in in_tables and len(node.values) >= 2 and sum(
                isinstance(v, ast.Tuple) and len(v.elts) == 2
                and all(isinstance(e, ast.JoinedStr) or isinstance(e, ast.Constant) and isinstance(e.value, str)
                        for e in v.elts)
                and words(v.elts[0]) and ast.unparse(v.elts[0]) != ast.unparse(v.elts[1])
                for v in node.values) >= max(2, 0.8 * len(node.values)):
            lines.append(node.lineno)  # {"gap": ("manque", "gap"), …}: a table of (French, English) pairs
        elif isinstance(node, ast.IfExp) and by_lang(node.test) and (words(node.body) or words(node.orelse)):
            lines.append(node.lineno)
        elif isinstance(node, ast.If) and by_lang(node.test) and any(words(s) for s in node.body + node.orelse):
            lines.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"
              and node.args and isinstance(node.args[0], ast.IfExp)):
            lines.append(node.lineno)  # tr("fr" if fr else "en", …): a flag standing for the language; pass lang
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_t", "_fr")
              and len(node.args) == 3 and (words(node.args[1]) or words(node.args[2]))):
            lines.append(node.lineno)
    return sorted(lines)


def test_no_module_holds_inline_french_english_pairs():
    """Every sentence of the deliverables and of the modules' messages is said through the
    catalogue (``tr`` / ``doc_text`` / ``_``): an inline pair written again fails here."""
    assert _inline_pairs('x = "Synthèse" if fr else "Summary"') == [1]
    assert _inline_pairs('x = _t(lang, "Objectifs", "Goals")') == [1]
    assert _inline_pairs('x = (f"{n} jours" if lang == "fr" else f"{n} days")') == [1]
    assert _inline_pairs('x = ("Id", "Cible") if lang == "fr" else ("Id", "Target")') == [1]
    assert _inline_pairs('x = fmt_date(d, lang)[3:] if lang == "fr" else str(d)[:7]') == []
    assert _inline_pairs('sep = " : " if lang == "fr" else ": "') == []
    assert _inline_pairs('t = T["en" if lang == "en" else "fr"]') == []
    assert _inline_pairs('L = {"fr": {"a": "Synthèse"}, "en": {"a": "Summary"}}') == [1]
    assert _inline_pairs('def f(lang):\n    if lang == "en":\n        return f"last {n}"\n    return f"{n} derniers"') == [2]
    assert _inline_pairs('r = ("principale" if p else "secondaire") if fr else role') == [1]
    assert _inline_pairs('stem = "controle-du-dossier" if lang == "fr" else "case-check"') == []
    assert _inline_pairs('S = {"gap": ("manque", "gap"), "met": ("atteint", "met")}') == [1]
    assert _inline_pairs('R = {"a": (1, 2), "b": ("x_1", "x_1")}') == []
    assert _inline_pairs('F = {"daily": ("DAILY", 1), "weekly": ("WEEKLY", 1)}') == []
    assert _inline_pairs('x = tr("fr" if fr else "en", "Synthèse")') == [1]
    assert _inline_pairs('K = {"fr": (207.0, 1.015), "en": (206.835, 1.015)}') == []
    assert _inline_pairs('names = per_lang({"fr": "français", "en": "anglais"})[lang]') == []
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith(PAIRS_ALLOWED):
                continue
            lines = _inline_pairs(path.read_text(encoding="utf-8"))
            if lines:
                found[rel] = lines[:5]
    assert not found, f"inline French/English pairs (say them with toolkit.i18n.tr): {found}"


def test_every_tr_sentence_has_its_english_with_the_values_it_is_given():
    """Each ``tr(lang, "French {x}", x=…)`` of the code: a literal French text, its English in
    ``en/documents.po`` (under its context), and both templates use only the values the call
    gives — and every value given is used by one of them. No entry of the catalogue is unused."""
    from toolkit.i18n import TEXT_DOMAIN
    from toolkit.i18n_extract import texts

    calls = texts(ROOT)
    assert len(calls) > 1500
    en = catalogue("en", TEXT_DOMAIN)
    problems = []
    for c in calls:
        if c.french is None:
            problems.append(f"{c.where}: the French text is not a literal")
            continue
        key = f"{c.context}\x04{c.french}" if c.context else c.french
        if key not in en:
            problems.append(f"{c.where}: no English for {c.french!r}")
            continue
        fr_fields, en_fields = _fields(c.french), _fields(en[key])
        if c.table:  # a per_lang table's text: its values are given where it is used
            if fr_fields != en_fields:
                problems.append(f"{c.where}: {c.french!r} and its English do not hold the same placeholders")
            continue
        if not (fr_fields | en_fields) <= c.names:
            problems.append(f"{c.where}: {sorted((fr_fields | en_fields) - c.names)} not given")
        if not c.names <= (fr_fields | en_fields):
            problems.append(f"{c.where}: {sorted(c.names - fr_fields - en_fields)} given but unused")
    assert not problems, problems[:10]
    used = {(f"{c.context}\x04{c.french}" if c.context else c.french) for c in calls}
    assert not set(en) - used, f"entries no code uses: {sorted(set(en) - used)[:5]}"


def test_tr_says_french_from_the_code_and_english_from_the_catalogue():
    from toolkit.i18n import tr

    assert tr("fr", "Budget engagé") == "Budget engagé"
    assert tr("en", "Budget engagé") == "Committed budget"
    assert tr("fr", "dont réserve {contingency_rate}", contingency_rate="10 %") == "dont réserve 10 %"
    assert tr("en", "dont réserve {contingency_rate}", contingency_rate="10 %") == "incl. 10 % reserve"
    # one French word, two English senses, told apart by the context (msgctxt)
    assert tr("en", "Objectif") == "Objective"
    assert tr("en", "Objectif", context="goal") == "Goal"
    assert tr("en", "{low}-{high} ans", low=25, high=34) == "25-34"
    with pytest.raises(KeyError):
        tr("en", "Une phrase que le catalogue n'a pas")


def test_per_lang_tables_are_written_once_in_french_and_read_in_english_from_the_catalogue():
    from toolkit.i18n import per_lang
    from veille.sources import AXIS_LABELS

    assert AXIS_LABELS["fr"]["technologique"] == "Technologique"
    assert AXIS_LABELS["en"]["technologique"] == "Technological"
    assert set(AXIS_LABELS["en"]) == set(AXIS_LABELS["fr"])
    one = per_lang(("Budget engagé", 3, " : "))
    assert one["fr"] == ("Budget engagé", 3, " : ") and one["en"] == ("Committed budget", 3, " : ")
    assert dict(per_lang({"a": "Objectif"}, context="goal")) == {"fr": {"a": "Objectif"}, "en": {"a": "Goal"}}
    with pytest.raises(KeyError):
        per_lang({"x": "Un mot que le catalogue n'a pas"})["en"]
    with pytest.raises(KeyError):
        per_lang("Budget engagé")["de"]
