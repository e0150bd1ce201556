"""mkdocs hook: the gallery of rendered pages is made by the docs build, never by hand.

``TOOLKIT_GALLERY=1 mkdocs build`` regenerates the images, the manifest and the gallery blocks
of README.md and docs/gallery.md (:func:`toolkit.gallery.build_gallery`: runs the demo and
LibreOffice). Every build checks that the images are the ones the generator recorded and that
both blocks are the ones it writes: a hand-edited image or block fails the build.
"""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError


def on_pre_build(config, **kwargs) -> None:
    from toolkit.gallery import build_gallery, check_gallery

    if os.environ.get("TOOLKIT_GALLERY") == "1":
        build_gallery()
    problems = check_gallery()
    if problems:
        raise PluginError("gallery: " + "; ".join(problems))
