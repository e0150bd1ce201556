"""Communication supports (bloc 3, A.5, C.5.1–C.5.4): the creative brief and the audit of the
supports the team produced, for message, accessibility and law.

Inputs, all kept in the case folder and never modified:

* ``case.yaml`` (the client's identity, request, constraints), ``plan.yaml`` (the concept and
  the actions) and ``personas.yaml`` (the targets' words and channels);
* ``supports.yaml`` — the supports produced (file, kind, format, action, alt text, caption,
  video duration, sponsored or not), the charter's words and the rights register;
* the supports' files themselves: HTML emails and pages, PDF, DOCX, PPTX, images, videos (MP4, MOV,
  WebM) and subtitles (SRT/VTT), text.

Layers: :mod:`~pilotage.supports.model` (supports.yaml) and :mod:`~pilotage.supports.specs`
(the dated format specifications, accessibility requirements, legal checklist and lexicons of
``pilotage/data/supports_formats.yaml``) and :mod:`~pilotage.supports.readability`
(Kandel–Moles) are read or pure; :mod:`~pilotage.supports.readers` reads the files into facts (video containers included);
:mod:`~pilotage.supports.browser` runs axe-core on HTML in headless Chromium;
:mod:`~pilotage.supports.checks` judges them (pure); :mod:`~pilotage.supports.brief` gathers the
brief; :mod:`~pilotage.supports.report` builds the two documents;
:mod:`~pilotage.supports.commands` wires them for the CLI (``toolkit supports brief|check|build``),
``toolkit check`` and the demo.
"""
