"""Library functions behind ``toolkit supports …`` (same names as the commands).

::

    from pilotage.supports.commands import audit, build_brief, check
    results = audit("toolkit-demo")                  # AuditResults: one SupportAudit per support
    paths = check("toolkit-demo", formats=("docx",))  # the validation pack ("recette des supports")
    paths = build_brief("toolkit-demo")               # the creative brief ("cahier des charges créatif")

(The brief's library function is ``build_brief``, not ``brief``: ``brief`` is the hook name of
the note de cadrage in :mod:`toolkit.modules`.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.case import Case
from toolkit.i18n import per_lang, tr

__all__ = ["AuditResults", "audit", "build_brief", "check", "demo", "evidence", "template"]

STEMS = {"brief": per_lang("cahier-des-charges-creatif"),
         "check": per_lang("recette-des-supports")}
_SUFFIX_KIND = {".html": "landing", ".htm": "landing", ".pdf": "pdf", ".docx": "docx", ".pptx": "pptx", ".png": "image", ".jpg": "image",
                ".jpeg": "image", ".webp": "image", ".gif": "image", ".srt": "video", ".vtt": "video",
                ".txt": "text", ".md": "text",
                ".mp4": "video", ".m4v": "video", ".mov": "video", ".webm": "video", ".mkv": "video"}


def _case(case: Case | str | Path, lang: str | None = None) -> Case:
    from toolkit.case import load_case

    return case if isinstance(case, Case) else load_case(case, lang=lang)


def _supports_file(c: Case) -> Any:
    from pilotage.supports.model import SUPPORTS_FILE, SupportsFile, load_supports

    path = c.root / SUPPORTS_FILE
    return load_supports(path) if path.exists() else SupportsFile()


def _house(c: Case, plan: Any, sf: Any) -> Any:
    from pilotage.supports.checks import message_house

    return message_house(plan.concept if plan is not None else None, c.config.client, sf.message_house)


@dataclass(frozen=True)
class AuditResults:
    audits: tuple[Any, ...]
    house: Any
    uncovered: tuple[int, ...]
    """Ranks of the house's messages that no support carries."""
    until: Any
    specs_as_of: str
    notes: tuple[str, ...] = field(default=())


def _rel(c: Case, path: Path) -> str:
    try:
        return path.resolve().relative_to(c.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _adhoc_support(c: Case, path: Path, n: int) -> Any:
    """A support for a file named on the command line but not in supports.yaml (kind from its suffix)."""
    from pilotage.supports.model import Support
    from toolkit.errors import InputError

    suffix = path.suffix.lower()
    kind = _SUFFIX_KIND.get(suffix)
    if kind is None:
        raise InputError(f"unknown kind of support ({suffix or 'no extension'})", file=str(path),
                         hint="give HTML, PDF, DOCX, PPTX, PNG/JPG, MP4/MOV/WebM, SRT/VTT or TXT files, or describe it in supports.yaml")
    if kind == "landing" and any(w in path.stem.lower() for w in ("mail", "newsletter")):
        kind = "email"
    fmt = "email" if kind == "email" else ("landing" if kind == "landing" else "")
    return Support(id=f"F{n}", name=path.name, file=_rel(c, path), kind=kind, format=fmt)


def _html_assets(c: Case, html_path: Path, srcs: Iterable[str]) -> list[str]:
    out = []
    for src in srcs:
        if not src or src.startswith(("data:", "cid:")):
            continue
        if src.startswith(("http://", "https://", "//")):
            out.append(src)
        else:
            out.append(_rel(c, (html_path.parent / src.split("?")[0])))
    return list(dict.fromkeys(out))


SUBTITLE_SUFFIXES = (".vtt", ".srt")


def _video_findings(c: Case, s: Any, path: Path, fmt: Any, sp: Any, lang: str) -> tuple[list[Any], str]:
    """A video support: the subtitles alone (SRT/VTT, duration as stated), or the video file — its
    container's duration and tracks, and its captions from a subtitles file (``captions:``, else one
    of the same name beside it) or from a subtitle track of the video."""
    from pilotage.supports import checks as ck
    from pilotage.supports import readers as rd

    if path.suffix.lower() in SUBTITLE_SUFFIXES:
        subs = rd.read_subtitles(path)
        return ck.check_subtitles(subs, s.duration_s, fmt, sp, lang), "\n".join(cue.text for cue in subs.cues)
    vf = rd.read_video(path)
    out = ck.check_video(vf, s.duration_s, fmt, lang)
    duration = vf.duration_s if vf.duration_s is not None else s.duration_s
    side = c.path(s.captions) if s.captions else next(
        (p for p in (path.with_suffix(x) for x in SUBTITLE_SUFFIXES) if p.exists()), None)
    if side is not None:
        subs = rd.read_subtitles(side)
    elif vf.cues:
        subs = rd.Subtitles(vf.subtitle_tracks[0].codec if vf.subtitle_tracks else "mp4", vf.cues)
    elif vf.subtitle_tracks:
        return out + ck.embedded_captions(vf, lang) + ck.duration_for_format(duration, fmt, lang), ""
    else:
        return out + [ck.no_captions(vf, lang)] + ck.duration_for_format(duration, fmt, lang), ""
    return out + ck.check_subtitles(subs, duration, fmt, sp, lang), "\n".join(cue.text for cue in subs.cues)


def _axe_finding(path: Path, lang: str, browser: bool) -> Any:
    """axe-core in Chromium on one HTML support; what stopped it when it could not run."""
    from pilotage.supports import checks as ck
    from pilotage.supports.browser import BrowserCheckError, read_axe
    from toolkit.i18n import translate_message

    if not browser:
        en = lang == "en"
        return ck.check_axe(None, lang, not_run="the browser check was turned off (--no-browser)" if en
                            else "contrôle dans le navigateur désactivé (--no-browser)",
                            fix="run the audit without --no-browser" if en else "relancez la recette sans --no-browser")
    try:
        return ck.check_axe(read_axe(path, lang), lang)  # axe's messages in the audit's language
    except BrowserCheckError as exc:
        return ck.check_axe(None, lang, not_run=translate_message(exc.message, lang),
                            fix=translate_message(exc.hint, lang) if exc.hint else "")


def _audit_one(c: Case, s: Any, sf: Any, house: Any, until: Any, lang: str, browser: bool = True) -> Any:
    from pilotage.supports import checks as ck
    from pilotage.supports import readers as rd
    from pilotage.supports.specs import specs
    from toolkit.errors import InputError

    sp = specs()
    fmt = sp.formats.get(s.format) if s.format else None
    path = c.path(s.file)
    findings: list[Any] = []
    assets: list[str] = []
    text = ""
    fields: dict[str, str] = {}
    if s.format and fmt is None:
        findings.append(ck.Finding("Format", "message", "warn",
                                   tr(lang, "format inconnu : {format}", format=s.format),
                                   ", ".join(sorted(sp.formats))))
    try:
        if s.kind in ("email", "landing"):
            facts = rd.read_html(path)
            findings += ck.check_html(facts, s.kind, sp, fmt, lang, s.lang)
            findings.append(_axe_finding(path, lang, browser))
            text = facts.text
            if facts.title:
                fields["subject" if s.kind == "email" else "title"] = facts.title
            fields["body"] = text
            assets = _html_assets(c, path, (src for src, _ in facts.images))
        elif s.kind == "pdf":
            pf = rd.read_pdf(path)
            findings += ck.check_pdf(pf, fmt, lang, s.lang)
            text = pf.text
            fields["body"] = " ".join(text.split())
            assets = [s.file]
        elif s.kind in ("docx", "pptx"):
            of = rd.read_docx(path) if s.kind == "docx" else rd.read_pptx(path)
            findings += ck.check_office(of, lang, s.lang)
            text = of.text
            fields["body"] = " ".join(text.split())
        elif s.kind == "image":
            im = rd.read_image(path)
            findings += ck.check_image(im, fmt, s.alt, path.suffix, lang)
            assets = [s.file]
        elif s.kind == "video":
            more, text = _video_findings(c, s, path, fmt, sp, lang)
            findings += more
            assets = [s.file]
        elif s.kind == "text":
            text = rd.read_text(path)
    except InputError as exc:
        from toolkit.i18n import translate_message

        findings.append(ck.Finding(tr(lang, "Lecture du fichier"), "accessibilite", "fail",
                                   translate_message(exc.message, lang), translate_message(exc.hint or "", lang) if exc.hint else "",
                                   s.file.rsplit("/", 1)[-1]))
    caption = s.caption
    if s.caption_file:
        try:
            caption = (caption + "\n" + rd.read_text(c.path(s.caption_file))).strip()
        except InputError as exc:
            from toolkit.i18n import translate_message

            findings.append(ck.Finding(tr(lang, "Légende"), "message", "fail",
                                       translate_message(exc.message, lang), "", s.caption_file.rsplit("/", 1)[-1]))
    if caption:
        fields["caption"] = caption
        text = (text + "\n\n" + caption).strip()
    readability = None
    carried: tuple[int, ...] = ()
    if text.strip() or s.sponsored:
        min_score = s.audience_min_readability if s.audience_min_readability is not None else 60.0
        more, tf = ck.check_text(text, kind=s.kind, house=house, charter=sf.charter, specs=sp, fmt=fmt,
                                 sponsored=s.sponsored, min_score=min_score, fields=fields, lang=lang,
                                 sector_rules=sp.rules_for_sector(c.config.client.sector))
        findings += more
        readability, carried = tf.readability.score, tf.carried
    if assets:
        findings.append(ck.check_rights(assets, sf.rights, until, s.people, lang))
    return ck.SupportAudit(s.id, s.name or Path(s.file).name, s.kind, s.file, s.format, s.action, tuple(findings),
                           carried, readability, tuple(assets))


def audit(case: Case | str | Path, files: Sequence[str | Path] = (), lang: str | None = None,
          browser: bool = True) -> AuditResults:
    """Audit the supports of supports.yaml (or only ``files``; a file not described there is
    audited from its extension). No file written. ``browser=False`` skips axe-core in Chromium
    (the HTML supports then show that check as not run)."""
    from plan.api import load_plan
    from toolkit.errors import CaseError

    c = _case(case, lang)
    lang = lang or c.lang
    plan = load_plan(c)
    sf = _supports_file(c)
    house = _house(c, plan, sf)
    until = c.config.brief.constraints.deadline
    if plan is not None:
        ends = [a.end for a in plan.actions if a.end is not None]
        until = max(ends) if ends else until
    supports = list(sf.supports)
    notes: list[str] = []
    if files:
        def where(f: str | Path) -> Path:  # from the current folder, else from the case folder
            p = Path(f) if Path(f).is_absolute() else (Path.cwd() / f)
            return p if p.exists() else c.path(f)

        wanted = {where(f).resolve() for f in files}
        chosen = [s for s in supports if c.path(s.file).resolve() in wanted]
        known = {c.path(s.file).resolve() for s in chosen}
        for i, f in enumerate(files, 1):
            p = where(f)
            if p.resolve() not in known:
                if not p.exists():
                    from toolkit.errors import InputError

                    raise InputError("file not found", file=str(f), hint="check the path of the support to audit")
                chosen.append(_adhoc_support(c, p, i))
        supports = chosen
    if not supports:
        raise CaseError("no support to audit",
                        hint="list the supports in supports.yaml (`toolkit supports template CASE`) or name files: "
                             "`toolkit supports check CASE FILES…`")
    ends = {a.id: a.end for a in plan.actions if a.end is not None} if plan is not None else {}
    audits = tuple(_audit_one(c, s, sf, house, ends.get(s.action, until), lang, browser) for s in supports)
    carried = {r for a in audits for r in a.carried}
    uncovered = tuple(m.rank for m in house.all_messages() if m.rank not in carried) if house is not None else ()
    if house is None:
        notes.append(tr(lang, "ni concept dans le plan d'action ni plateforme de message des supports : messages non vérifiés"))
    from pilotage.supports.specs import specs

    return AuditResults(audits, house, uncovered, until, specs().as_of, tuple(notes))


def _render(c: Case, doc: Any, stem: str, out: Path | None, formats: Iterable[str] | None) -> list[Path]:
    from toolkit.render import render

    fmts = tuple(formats) if formats else tuple(c.config.output.formats)
    return render(doc, c.out_dir("supports", out), stem, fmts)


def check(case: Case | str | Path, files: Sequence[str | Path] = (), out: Path | None = None,
          formats: Iterable[str] | None = None, lang: str | None = None,
          progress: Callable[[str], None] = lambda _m: None, browser: bool = True) -> list[Path]:
    """The validation pack: one sheet per support (checks, evidence, fixes, status), what is
    ready and what must change, the sign-off table and the A.5 grid."""
    from pilotage.supports.report import audit_document

    c = _case(case, lang)
    lang = lang or c.lang
    progress(tr(lang, "supports : contrôle des fichiers"))
    results = audit(c, files, lang, browser)
    unread = ("Lecture du fichier", "Reading the file")
    for a in results.audits:  # a support that could not be read is a finding of the recette, and said here too
        for f in a.findings:
            if f.check in unread:
                progress(f"⚠ {a.file} : {f.evidence}" + (f" → {f.fix}" if f.fix else ""))
    doc = audit_document(c, results, lang)
    return _render(c, doc, STEMS["check"]["en" if lang == "en" else "fr"], out, formats)


def build_brief(case: Case | str | Path, out: Path | None = None, formats: Iterable[str] | None = None,
                lang: str | None = None) -> list[Path]:
    """The creative brief (cahier des charges créatif) in every format asked."""
    from personas.model import load_personas
    from pilotage.supports.brief import creative_brief_data
    from pilotage.supports.report import brief_document
    from pilotage.supports.specs import specs
    from plan.api import load_plan

    c = _case(case, lang)
    lang = lang or c.lang
    plan = load_plan(c)
    sf = _supports_file(c)
    data = creative_brief_data(plan, load_personas(c), _house(c, plan, sf), sf.charter, specs(), c.config.client.sector)
    doc = brief_document(c, data, lang)
    return _render(c, doc, STEMS["brief"]["en" if lang == "en" else "fr"], out, formats)


def template(case: Case | str | Path) -> list[Path]:
    """Write a commented ``supports.yaml`` to fill (never over an existing one)."""
    from pilotage.supports.model import SUPPORTS_FILE
    from toolkit.files import write_template

    return write_template(_case(case).root / SUPPORTS_FILE, "pilotage", "data", "supports_template.yaml")


def evidence(case: Case, lang: str = "fr") -> dict:
    """``toolkit check`` hook: the A.5 evidence of the audit, keyed ``supports.<id>`` (empty without supports.yaml)."""
    from pilotage.supports.model import SUPPORTS_FILE
    from pilotage.supports.report import supports_evidence

    if not (case.root / SUPPORTS_FILE).exists():
        return {}
    return {f"supports.{k}": v for k, v in supports_evidence(audit(case, lang=lang), lang).items()}


def demo(case: Case, out: Path | None, formats: Iterable[str], lang: str | None,
         progress: Callable[[str], None] = lambda _m: None) -> list[Path]:
    """``toolkit demo`` step: the creative brief, and the validation pack when the case lists its supports."""
    from pilotage.supports.model import SUPPORTS_FILE

    progress("supports : cahier des charges créatif")
    paths = build_brief(case, out, formats, lang)
    if not (case.root / SUPPORTS_FILE).exists():  # a case (a trainer's) whose supports are not produced yet
        return paths
    return paths + check(case, (), out, formats, lang, progress)
