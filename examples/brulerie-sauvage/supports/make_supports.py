"""Generate the binary example supports of the Brûlerie Sauvage case (small, deterministic).

    python examples/brulerie-sauvage/supports/make_supports.py

Writes the images (PNG, JPEG), the A5 flyer (PDF) and the Reel's subtitles (WebVTT). The HTML
email, the landing page and the influence post are plain files beside this script. Several
supports carry *deliberate faults* that `toolkit supports check` must find (see supports.yaml):
the flyer PDF is untagged and declares no language; the Instagram post is 4:5 instead of 1:1;
the Reel's last caption runs past the end of the 30-second video and one caption is too fast
to read. `make_pdf` is reused by the tests to build a faulty and a clean twin.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

#: PDF points per millimetre
PT_PER_MM = 72 / 25.4


def _pdf_text(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(path: Path, lines: list[str], *, size_mm: tuple[float, float] = (148, 210), tagged: bool = False,
             lang: str | None = None, title: str | None = None, display_title: bool = False) -> Path:
    """A one-page PDF with real text (Helvetica, WinAnsi), optionally tagged with a language and title."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    w, h = size_mm[0] * PT_PER_MM, size_mm[1] * PT_PER_MM
    writer = PdfWriter()
    page = writer.add_blank_page(width=w, height=h)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica"),
                             NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): writer._add_object(font)})})
    y = h - 50
    ops = []
    for i, line in enumerate(lines):
        size = 18 if i == 0 else 11
        tag = ("/H1" if i == 0 else "/P") if tagged else None
        body = f"BT /F1 {size} Tf 30 {y:.1f} Td ({_pdf_text(line)}) Tj ET"
        ops.append(f"{tag} <</MCID {i}>> BDC {body} EMC" if tag else body)
        y -= 28 if i == 0 else 16
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("cp1252"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    root = writer._root_object
    if tagged:
        kids = ArrayObject()
        struct = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        sref = writer._add_object(struct)
        doc = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document"),
                                NameObject("/P"): sref, NameObject("/K"): kids})
        dref = writer._add_object(doc)
        for i in range(len(lines)):
            kids.append(writer._add_object(DictionaryObject({
                NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/H1" if i == 0 else "/P"),
                NameObject("/P"): dref, NameObject("/Pg"): page.indirect_reference, NameObject("/K"): NumberObject(i)})))
        struct[NameObject("/K")] = dref
        root[NameObject("/StructTreeRoot")] = sref
        root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    if lang:
        root[NameObject("/Lang")] = TextStringObject(lang)
    if title:
        writer.add_metadata({"/Title": title})
    if display_title:
        root[NameObject("/ViewerPreferences")] = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def make_image(path: Path, size: tuple[int, int], colours: tuple[str, str] = ("#3b2417", "#e9d8b4")) -> Path:
    """A flat two-colour picture (a few kilobytes): a background and a 'cup' disc."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", size, colours[0])
    d = ImageDraw.Draw(im)
    w, h = size
    r = min(w, h) // 4
    d.ellipse((w // 2 - r, h // 2 - r, w // 2 + r, h // 2 + r), fill=colours[1])
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, optimize=True) if path.suffix == ".png" else im.save(path, quality=70)
    return path


FLYER = [
    "Soirée de lancement Origines Rares",
    "Jeudi 1er avril 2027, de 18 h à 21 h, dans nos deux boutiques de la Croix-Rousse.",
    "Venez goûter trois cafés de parcelles rares et rencontrer Ana, productrice à Huila.",
    "Chaque lot affiche son prix d'achat, payé au moins 30 % au-dessus du cours équitable.",
    "Entrée libre, dégustation offerte. Réservation conseillée sur brulerie-sauvage.example.",
    "Brûlerie Sauvage, torréfacteur à Lyon depuis 2016.",
]

VTT = """WEBVTT

00:00:00.500 --> 00:00:04.000
Voici Ana. Elle cultive notre café à Huila.

00:00:04.200 --> 00:00:08.000
Sa parcelle est à 1 800 mètres d'altitude.

00:00:08.200 --> 00:00:09.200
Nous lui payons son café au moins 30 % au-dessus du cours équitable, et nous publions le prix.

00:00:09.500 --> 00:00:16.000
Chaque grain a un nom : le sien.

00:00:16.500 --> 00:00:24.000
Origines Rares, torréfié à la Croix-Rousse, livré chez vous.

00:00:24.500 --> 00:00:34.000
Découvrez la gamme sur brulerie-sauvage.example.
"""


def main() -> None:
    make_pdf(HERE / "flyer-soiree-lancement.pdf", FLYER, title="Soirée de lancement Origines Rares")
    make_image(HERE / "images" / "post-origines-rares.png", (1080, 1350))
    make_image(HERE / "images" / "pub-abonnement.png", (1200, 628), ("#1f3b2c", "#f3e9d2"))
    make_image(HERE / "images" / "ana-huila.jpg", (480, 320), ("#51653a", "#c89b5a"))
    make_image(HERE / "images" / "torrefaction.jpg", (480, 320), ("#2a1a10", "#b5651d"))
    (HERE / "video").mkdir(exist_ok=True)
    (HERE / "video" / "reel-origines-rares.vtt").write_text(VTT, encoding="utf-8")


if __name__ == "__main__":
    main()
