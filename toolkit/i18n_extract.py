"""Find the messages the toolkit's errors can show, so that each one has its French words.

Errors are written in English where they are raised (``raise InputError(f"no column {name}")``):
that is the language of the code, of the tests and of a notebook's traceback. The command line
shows them in the user's language: :func:`toolkit.i18n.localise_error` matches each message
against the templates of ``toolkit/locale/fr/LC_MESSAGES/errors.po`` and puts the values back
into the French sentence.

This module reads the source (``ast``, nothing imported) and lists every *template*: the text
given to an error class, to :class:`toolkit.errors.Issue`, to ``hint=`` or to a case report's
``problem(...)``, with each f-string field turned into a numbered placeholder —
``f"no column {name} in {path}"`` → ``"no column {0} in {1}"``. The test suite checks that
every template has a French translation with the same placeholders; after adding an error,
run::

    python -m toolkit.i18n_extract          # lists the templates without French words
    python -m toolkit.i18n_extract --update # adds them to errors.po (empty), to translate

The documents' sentences go the other way: they are written in French in the code, through
:func:`toolkit.i18n.tr` (``tr(lang, "Budget engagé : {amount}", amount=…)``), and their English
lives in ``toolkit/locale/en/LC_MESSAGES/documents.po``. The same two commands list the sentences
without English and add them (empty) to that catalogue; :func:`texts` finds the calls.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

__all__ = ["ERROR_CALLS", "PACKAGES", "TextCall", "templates", "texts"]

PACKAGES = ("toolkit", "veille", "personas", "plan", "pilotage")
ERROR_CALLS = frozenset({
    "ToolkitError", "CaseError", "InputError", "MissingColumnError", "NetworkError", "ComputeError",
    "OutputError", "BrowserCheckError", "Issue", "problem", "N_",
})
"""Calls whose first argument (and ``hint=``) is a message a user reads. ``ValueError`` raised in
pydantic validators reaches users as an :class:`~toolkit.errors.Issue` of a case file."""
VALIDATOR_ERRORS = frozenset({"ValueError"})


def _templates(node: ast.AST) -> list[str]:
    """The templates of a message expression: both branches of ``a if c else b``."""
    if isinstance(node, ast.IfExp):
        return _templates(node.body) + _templates(node.orelse)
    t = _template(node)
    return [t] if t is not None else []


def _template(node: ast.AST) -> str | None:
    """The template of a message expression, or None when it is not a literal text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        out = []
        for part in node.values:
            if isinstance(part, ast.Constant):
                out.append(str(part.value).replace("{", "{{").replace("}", "}}"))
            else:
                out.append("{}")
        return "".join(out)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "replace"
            and isinstance(node.func.value, ast.JoinedStr | ast.Constant)):
        return _template(node.func.value)  # f"… {n:,} …".replace(",", " "): the template is the f-string's
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _number(template: str) -> str:
    """``"a {} b {}"`` → ``"a {0} b {1}"``."""
    out, k, i = [], 0, 0
    while i < len(template):
        if template.startswith("{{", i) or template.startswith("}}", i):
            out.append(template[i:i + 2])
            i += 2
        elif template.startswith("{}", i):
            out.append("{" + str(k) + "}")
            k += 1
            i += 2
        else:
            out.append(template[i])
            i += 1
    return "".join(out)


def _useful(template: str) -> bool:
    """A template worth translating: it has words, not only placeholders and punctuation."""
    letters = sum(c.isalpha() for c in template.replace("{", " ").replace("}", " "))
    return letters >= 3


def _in_validator(stack: list[ast.AST]) -> bool:
    return any(isinstance(n, ast.FunctionDef) and any(
        isinstance(d, ast.Call) and getattr(d.func, "id", "") in ("field_validator", "model_validator")
        or getattr(d, "id", "") in ("field_validator", "model_validator") for d in n.decorator_list) for n in stack)


MESSAGE_NAMES = frozenset({"msg", "message", "hint", "swapped"})
"""Variables that hold a message before it is raised: ``msg = f"unknown key '{key}'"``."""


def _walk(node: ast.AST, stack: list[ast.AST]) -> Iterable[tuple[ast.AST, bool]]:
    if isinstance(node, ast.Call | ast.Assign):
        yield node, _in_validator(stack)
    for child in ast.iter_child_nodes(node):
        yield from _walk(child, [*stack, node])


def templates(root: Path, packages: Iterable[str] = PACKAGES) -> dict[str, list[str]]:
    """Every message template of the source under ``root`` → where it is (``path:line``)."""
    found: dict[str, list[str]] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for call, validator in _walk(tree, []):
                if isinstance(call, ast.Assign):
                    if any(isinstance(t, ast.Name) and t.id in MESSAGE_NAMES for t in call.targets):
                        for t in _templates(call.value):
                            if _useful(t):
                                found.setdefault(_number(t), []).append(f"{path.relative_to(root)}:{call.lineno}")
                    continue
                f = call.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
                args: list[ast.AST] = []
                if name in ERROR_CALLS or (validator and name in VALIDATOR_ERRORS):
                    args += call.args[:1] + [k.value for k in call.keywords if k.arg in ("message", "hint")]
                else:
                    args += [k.value for k in call.keywords if k.arg == "hint"]
                for arg in args:
                    for t in _templates(arg):
                        if _useful(t):
                            found.setdefault(_number(t), []).append(f"{path.relative_to(root)}:{call.lineno}")
    return found


class TextCall(NamedTuple):
    """One ``tr(lang, "French {x}", x=…, context=…)`` call of the source, or one text of a
    ``per_lang({...})`` table (``table``: its values are given where the text is used)."""

    french: str | None  # None: the text is not a literal (a test refuses it)
    context: str | None
    names: frozenset[str]  # the placeholders' values given
    where: str  # path:line
    table: bool = False


def _table_texts(node: ast.AST) -> Iterable[str]:
    """The texts with letters of a ``per_lang`` table (str, tuple, list, dict values)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if any(c.isalpha() for c in node.value):
            yield node.value
    elif isinstance(node, ast.Tuple | ast.List):
        for e in node.elts:
            yield from _table_texts(e)
    elif isinstance(node, ast.Dict):
        for v in node.values:
            yield from _table_texts(v)


def texts(root: Path, packages: Iterable[str] = PACKAGES) -> list[TextCall]:
    """Every :func:`toolkit.i18n.tr` call and :func:`toolkit.i18n.per_lang` table text of the
    source under ``root``: the documents' French sentences, whose English lives in
    ``toolkit/locale/en/LC_MESSAGES/documents.po``."""
    found = []
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for call in ast.walk(tree):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "per_lang"
                        and call.args):
                    ctx = next((k.value.value for k in call.keywords if k.arg == "context"
                                and isinstance(k.value, ast.Constant)), None)
                    if len(call.args) > 1 and isinstance(call.args[1], ast.Constant):
                        ctx = call.args[1].value
                    keyed = next((k.value for k in call.keywords if k.arg == "key_contexts"), None)
                    keyed = ({k.value: v.value for k, v in zip(keyed.keys, keyed.values, strict=True)}
                             if isinstance(keyed, ast.Dict) else {})
                    table = call.args[0]
                    parts = (zip([getattr(k, "value", None) for k in table.keys], table.values, strict=True)
                             if isinstance(table, ast.Dict) else [(None, table)])
                    for key, value in parts:
                        for text in _table_texts(value):
                            found.append(TextCall(text, keyed.get(key, ctx), frozenset(),
                                                  f"{path.relative_to(root)}:{call.lineno}", True))
                    continue
                if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "tr"
                        and len(call.args) >= 2):
                    continue
                text = call.args[1]
                french = text.value if isinstance(text, ast.Constant) and isinstance(text.value, str) else None
                context = None
                names = set()
                for k in call.keywords:
                    if k.arg == "context":
                        context = k.value.value if isinstance(k.value, ast.Constant) else "?"
                    elif k.arg is not None:
                        names.add(k.arg)
                found.append(TextCall(french, context, frozenset(names), f"{path.relative_to(root)}:{call.lineno}"))
    return found


def _po_path(root: Path) -> Path:
    return root / "toolkit" / "locale" / "fr" / "LC_MESSAGES" / "errors.po"


def _texts_po_path(root: Path) -> Path:
    return root / "toolkit" / "locale" / "en" / "LC_MESSAGES" / "documents.po"


def _update_texts(root: Path, update: bool) -> int:
    """List (and with ``update`` add, untranslated) the documents' sentences missing in English."""
    from babel.messages.pofile import read_po, write_po

    po = _texts_po_path(root)
    with po.open("rb") as fh:
        cat = read_po(fh, locale="en", domain="documents")
    missing: dict[tuple[str, str | None], str] = {}
    for t in texts(root):
        if t.french is None:
            print(f"{t.where}: tr() needs a literal French text")
            missing[("", None)] = t.where
            continue
        m = cat.get(t.french, context=t.context)
        if not (m and m.string):
            missing.setdefault((t.french, t.context), t.where)
    for (french, context), where in sorted(missing.items(), key=lambda x: x[1]):
        if french:
            print(f"{where}: {french!r}" + (f" (context {context!r})" if context else ""))
    used = {(t.french, t.context) for t in texts(root)}
    unused = [m for m in cat if m.id and (m.id, m.context) not in used]
    if update and (missing or unused):
        for m in unused:
            cat.delete(m.id, context=m.context)
        for (french, context), where in missing.items():
            if french and cat.get(french, context=context) is None:
                path, line = where.rsplit(":", 1)
                cat.add(french, "", locations=[(path, int(line))], context=context)
        with po.open("wb") as fh:
            write_po(fh, cat, width=0, omit_header=False, sort_output=True)
        print(f"{len(missing)} sentence(s) to translate, {len(unused)} no longer used removed, in {po}")
    return 1 if missing else 0


def main(argv: list[str]) -> int:
    from babel.messages.pofile import read_po, write_po

    root = Path(__file__).resolve().parents[1]
    po = _po_path(root)
    with po.open("rb") as fh:
        cat = read_po(fh, locale="fr")
    missing = {t: where for t, where in templates(root).items() if not (cat.get(t) and cat.get(t).string)}
    for t, where in sorted(missing.items()):
        print(f"{where[0]}: {t}")
    if "--update" in argv and missing:
        for t, where in missing.items():
            if cat.get(t) is None:
                cat.add(t, "", locations=[(w.rsplit(":", 1)[0], int(w.rsplit(":", 1)[1])) for w in where[:1]])
        with po.open("wb") as fh:
            write_po(fh, cat, width=0, omit_header=False, sort_output=True)
        print(f"{len(missing)} template(s) to translate in {po}")
    status = 1 if missing else 0
    return _update_texts(root, "--update" in argv) or status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
