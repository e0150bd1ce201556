"""Generate the binary example supports of the Brûlerie Sauvage case (small, deterministic).

    python examples/brulerie-sauvage/supports/make_supports.py

Writes the images (PNG, JPEG), the A5 flyer (PDF), the 30-second Reel (a real MP4: Motion-JPEG
video track, no codec library needed) and its subtitles (WebVTT, beside it). The HTML
email, the landing page and the influence post are plain files beside this script. Several
supports carry *deliberate faults* that `toolkit supports check` must find (see supports.yaml):
the flyer PDF is untagged and declares no language; the Instagram post is 4:5 instead of 1:1;
the Reel's last caption runs past the end of the 30-second video (its duration is read from the
MP4) and one caption is too fast to read. `make_pdf`, `make_mp4` and `make_webm` are reused by the
tests to build a faulty and a clean twin.
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


def _box(kind: bytes, *parts: bytes) -> bytes:
    import struct

    body = b"".join(parts)
    return struct.pack(">I4s", 8 + len(body), kind) + body


def _full(kind: bytes, version: int, flags: int, *parts: bytes) -> bytes:
    return _box(kind, bytes([version]) + flags.to_bytes(3, "big"), *parts)


_MATRIX = b"".join(x.to_bytes(4, "big") for x in (0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000))


def _mp4_lang(code: str) -> bytes:
    v = 0
    for ch in code:
        v = (v << 5) | (ord(ch) - 0x60)
    return v.to_bytes(2, "big")


def _table(kind: bytes, entries: list[tuple[int, ...]], fmt: str) -> bytes:
    import struct

    return _full(kind, 0, 0, struct.pack(">I", len(entries)), b"".join(struct.pack(fmt, *e) for e in entries))


def _trak(track_id: int, handler: bytes, name: bytes, media_header: bytes, sample_entry: bytes, durations: list[int],
          sizes: list[int], offset: int, size: tuple[int, int], lang: str, ms: int) -> bytes:
    import struct

    w, h = size
    stts: list[tuple[int, int]] = []
    for d in durations:  # runs of equal durations
        if stts and stts[-1][1] == d:
            stts[-1] = (stts[-1][0] + 1, d)
        else:
            stts.append((1, d))
    stbl = _box(b"stbl",
                _full(b"stsd", 0, 0, struct.pack(">I", 1), sample_entry),
                _table(b"stts", stts, ">II"),
                _table(b"stsc", [(1, len(sizes), 1)], ">III"),
                _full(b"stsz", 0, 0, struct.pack(">II", 0, len(sizes)), b"".join(struct.pack(">I", n) for n in sizes)),
                _table(b"stco", [(offset,)], ">I"))
    dinf = _box(b"dinf", _full(b"dref", 0, 0, struct.pack(">I", 1), _full(b"url ", 0, 1)))
    mdia = _box(b"mdia",
                _full(b"mdhd", 0, 0, struct.pack(">IIII", 0, 0, 1000, ms), _mp4_lang(lang), b"\0\0"),
                _full(b"hdlr", 0, 0, b"\0" * 4, handler, b"\0" * 12, name + b"\0"),
                _box(b"minf", media_header, dinf, stbl))
    tkhd = _full(b"tkhd", 0, 3, struct.pack(">IIIII", 0, 0, track_id, 0, ms), b"\0" * 8, b"\0" * 8, _MATRIX,
                 struct.pack(">II", w << 16, h << 16))
    return _box(b"trak", tkhd, mdia)


def make_mp4(path: Path, duration_s: float, *, size: tuple[int, int] = (1080, 1920), frames: int = 2,
             subtitles: list[tuple[float, float, str]] | None = None, lang: str = "fra") -> Path:
    """A real MP4 written box by box: a Motion-JPEG video track of ``frames`` still pictures over
    ``duration_s`` (QuickTime ``jpeg`` sample entry) and, with ``subtitles`` (start s, end s, text),
    a 3GPP timed-text track (``tx3g``, handler ``sbtl``) in language ``lang`` (ISO 639-2/T).
    Times in milliseconds (timescale 1000)."""
    import io
    import struct

    from PIL import Image, ImageDraw

    ms = round(duration_s * 1000)
    w, h = size
    pictures = []
    for i in range(frames):
        im = Image.new("RGB", size, ("#3b2417", "#1f3b2c")[i % 2])
        ImageDraw.Draw(im).rectangle((w // 4 // 16 * 16, h // 3 // 16 * 16, 3 * w // 4 // 16 * 16, 2 * h // 3 // 16 * 16),
                                     fill="#e9d8b4")
        buf = io.BytesIO()
        im.save(buf, format="JPEG", quality=40)
        pictures.append(buf.getvalue())
    frame_ms = [ms // frames] * frames
    frame_ms[-1] += ms - sum(frame_ms)
    texts: list[bytes] = []
    text_ms: list[int] = []
    t = 0
    for start, end, text in subtitles or []:
        a, b = round(start * 1000), round(end * 1000)
        if a > t:
            texts.append(b"\0\0")
            text_ms.append(a - t)
        raw = text.encode("utf-8")
        texts.append(struct.pack(">H", len(raw)) + raw)
        text_ms.append(b - a)
        t = b
    if subtitles is not None and t < ms:
        texts.append(b"\0\0")
        text_ms.append(ms - t)
    ftyp = _box(b"ftyp", b"isom", struct.pack(">I", 512), b"isomiso2mp41")
    media = b"".join(pictures) + b"".join(texts)
    video_at = len(ftyp) + 8
    jpeg = _box(b"jpeg", b"\0" * 6, struct.pack(">H", 1), b"\0" * 16, struct.pack(">HH", w, h),
                struct.pack(">II", 0x480000, 0x480000), b"\0" * 4, struct.pack(">H", 1), b"\0" * 32,
                struct.pack(">Hh", 24, -1))
    traks = [_trak(1, b"vide", b"VideoHandler", _full(b"vmhd", 0, 1, b"\0" * 8), jpeg, frame_ms,
                   [len(p) for p in pictures], video_at, size, "und", ms)]
    if subtitles is not None:
        font = b"Sans"
        tx3g = _box(b"tx3g", b"\0" * 6, struct.pack(">H", 1), struct.pack(">I", 0), b"\x01\xff", b"\0\0\0\0",
                    struct.pack(">hhhh", 0, 0, h // 8, w), struct.pack(">HHHBB", 0, 0, 1, 0, 24), b"\xff\xff\xff\xff",
                    _box(b"ftab", struct.pack(">HHB", 1, 1, len(font)), font))
        traks.append(_trak(2, b"sbtl", b"SubtitleHandler", _full(b"nmhd", 0, 0), tx3g, text_ms, [len(x) for x in texts],
                           video_at + sum(len(p) for p in pictures), size, lang, ms))
    mvhd = _full(b"mvhd", 0, 0, struct.pack(">IIII", 0, 0, 1000, ms), struct.pack(">IH", 0x10000, 0x100), b"\0" * 10,
                 _MATRIX, b"\0" * 24, struct.pack(">I", len(traks) + 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ftyp + _box(b"mdat", media) + _box(b"moov", mvhd, *traks))
    return path


def _ebml(eid: int, payload: bytes) -> bytes:
    """An EBML element: its id (marker bits kept) and its size in the fewest bytes."""
    n = (eid.bit_length() + 7) // 8
    size = len(payload)
    k = next(k for k in range(1, 9) if size < (1 << (7 * k)) - 1)
    return eid.to_bytes(n, "big") + ((1 << (7 * k)) | size).to_bytes(k, "big") + payload


def make_webm(path: Path, duration_s: float | None, *, size: tuple[int, int] = (1080, 1920),
              subtitles_lang: str | None = None, subtitles: list[tuple[float, float, str]] = ()) -> Path:
    """A WebM file (EBML header, Segment › Info › Duration, Tracks, one Cluster) with a VP9 video
    track (no picture: encoding VP9 needs a codec library) and, with ``subtitles_lang``, a WebVTT
    subtitle track whose cues (start s, end s, text) are blocks of the cluster; ``duration_s=None``
    leaves the duration out, as a browser's MediaRecorder does."""
    import struct

    header = _ebml(0x1A45DFA3, _ebml(0x4286, b"\x01") + _ebml(0x4282, b"webm") + _ebml(0x4287, b"\x04")
                   + _ebml(0x4285, b"\x02"))
    info = _ebml(0x2AD7B1, (1_000_000).to_bytes(3, "big")) + _ebml(0x4D80, b"make_supports") + _ebml(0x5741, b"make_supports")
    if duration_s is not None:
        info += _ebml(0x4489, struct.pack(">d", duration_s * 1000))
    video = (_ebml(0xD7, b"\x01") + _ebml(0x83, b"\x01") + _ebml(0x86, b"V_VP9")
             + _ebml(0xE0, _ebml(0xB0, size[0].to_bytes(2, "big")) + _ebml(0xBA, size[1].to_bytes(2, "big"))))
    tracks = _ebml(0xAE, video)
    if subtitles_lang:
        tracks += _ebml(0xAE, _ebml(0xD7, b"\x02") + _ebml(0x83, b"\x11") + _ebml(0x86, b"D_WEBVTT/SUBTITLES")
                        + _ebml(0x22B59C, subtitles_lang.encode()))
    blocks = b"".join(_ebml(0xA0, _ebml(0xA1, b"\x82" + struct.pack(">hB", round(a * 1000), 0) + text.encode())
                                  + _ebml(0x9B, round((b - a) * 1000).to_bytes(4, "big"))) for a, b, text in subtitles)
    cluster = _ebml(0x1F43B675, _ebml(0xE7, b"\x00") + blocks)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + _ebml(0x18538067, _ebml(0x1549A966, info) + _ebml(0x1654AE6B, tracks) + cluster))
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
    make_mp4(HERE / "video" / "reel-origines-rares.mp4", 30.0)
    (HERE / "video" / "reel-origines-rares.vtt").write_text(VTT, encoding="utf-8")


if __name__ == "__main__":
    main()
