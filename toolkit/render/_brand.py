"""A brand — a client's or an agency's colours, font and logo — applied to a renderer.

The DOCX and PPTX renderers draw with module-level theme constants (``PRIMARY``, ``ACCENT``,
``FONT``); :func:`branded` sets them to the document's :class:`~toolkit.document.Brand` for one
write and puts the defaults back after it, so that the default theme stays for every document
without a brand. Renderers write one file at a time (``toolkit.render.render``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from toolkit.document import Brand
from toolkit.errors import CaseError, Issue

__all__ = ["branded", "case_brand", "logo_size"]


@contextmanager
def branded(module: ModuleType, brand: Brand | None) -> Iterator[None]:
    """Inside the block, ``module``'s ``PRIMARY``, ``ACCENT`` and ``FONT`` are the brand's."""
    wanted = {"PRIMARY": brand.primary.upper(), "ACCENT": brand.accent.upper(), "FONT": brand.font} if brand else {}
    saved: dict[str, str] = {}
    try:
        for name, value in wanted.items():
            if value and hasattr(module, name):
                saved[name] = getattr(module, name)
                setattr(module, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)


def logo_size(logo: bytes, max_w: float, max_h: float) -> tuple[float, float]:
    """Width and height (in) of the logo scaled to fit ``max_w`` × ``max_h`` (aspect kept)."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(logo)) as im:
        w, h = im.size
    scale = min(max_w / w, max_h / h)
    return w * scale, h * scale


def case_brand(case) -> Brand | None:
    """The :class:`~toolkit.document.Brand` of a case (``output.brand`` of its case.yaml), or
    ``None`` for the default theme. A logo that is missing or not a PNG/JPEG is a
    :class:`~toolkit.errors.CaseError` naming the field and what to do."""
    b = case.config.output.brand
    if not (b.primary or b.accent or b.font or b.logo):
        return None
    logo = b""
    if b.logo:
        path = case.path(b.logo)
        where = str(case.root / "case.yaml")
        try:
            logo = path.read_bytes()
        except OSError as exc:
            raise CaseError("the brand logo cannot be read", [Issue(
                f"{path} — {exc.strerror or exc}", where, None, "output.brand.logo",
                "give the path of a PNG or JPEG file, relative to the case folder")]) from exc
        if not logo.startswith((b"\x89PNG", b"\xff\xd8")):
            raise CaseError("the brand logo is not an image", [Issue(
                f"{path} is neither PNG nor JPEG", where, None, "output.brand.logo",
                "export the logo as PNG (or JPEG)")])
    return Brand(primary=b.primary, accent=b.accent, font=b.font, logo=logo,
                 logo_name=f"Logo {case.config.client.name}")
