"""Video supports read from their container: real MP4 and WebM files written by the example's
generator (``make_mp4``: a Motion-JPEG track and an optional 3GPP timed-text track, box by box;
``make_webm``: EBML header, Info › Duration, Tracks), each fault beside its clean twin.

The generator's files were checked once with FFmpeg 5.1 (Debian): ``ffprobe`` reads the MP4's
30 s, its ``mjpeg`` 1080 × 1920 and ``mov_text`` (fra) streams, ``ffmpeg`` decodes the pictures and
extracts the cues at the times written; it reads the WebM's 27.5 s, ``vp9`` and ``webvtt`` tracks
(but returns no packet for the WebM's cue blocks: the toolkit does not read WebM cues either, it
reports the track present and leaves its timing to a person).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pilotage.supports import checks as ck
from pilotage.supports.commands import audit
from pilotage.supports.readers import read_video
from toolkit.errors import InputError

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "brulerie-sauvage"
CUES = [(0.5, 4.0, "Voici Ana. Elle cultive notre café à Huila."), (4.5, 9.0, "Chaque grain a un nom : le sien."),
        (9.5, 14.0, "Sa parcelle est à 1 800 mètres d'altitude."), (14.5, 20.0, "Nous payons son café au juste prix."),
        (20.5, 27.5, "Origines Rares, torréfié à la Croix-Rousse.")]


def _case(tmp_path: Path, supports: str) -> Path:
    """A copy of the example whose supports.yaml lists only ``supports`` (YAML)."""
    import shutil

    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit", "supports"))
    (case / "supports").mkdir()
    (case / "supports.yaml").write_text("version: 1\nsupports:\n" + supports, encoding="utf-8")
    return case


def _findings(case: Path) -> dict[str, ck.Finding]:
    (a,) = audit(case, browser=False).audits
    return {f.check: f for f in a.findings}


def test_the_mp4_duration_size_and_tracks_come_from_the_container(tmp_path, maker):
    f = read_video(maker.make_mp4(tmp_path / "reel.mp4", 27.5, size=(720, 1280), subtitles=CUES[:2]))
    assert f.container == "mp4" and f.duration_s == 27.5 and (f.width, f.height) == (720, 1280)
    assert [(t.kind, t.codec, t.lang) for t in f.tracks] == [("video", "jpeg", ""), ("subtitle", "tx3g", "fra")]
    assert [(c.start, c.end, c.text) for c in f.cues] == [(0.5, 4.0, CUES[0][2]), (4.5, 9.0, CUES[1][2])]


def test_a_video_without_any_captions_fails_and_its_twin_with_a_track_passes(tmp_path, maker):
    case = _case(tmp_path, "  - {id: V1, file: supports/reel.mp4, kind: video, format: instagram_reel}\n")
    maker.make_mp4(case / "supports" / "reel.mp4", 28.0)
    bad = _findings(case)
    assert bad["Sous-titres présents"].status == "fail"
    assert "ni piste de sous-titres dans la vidéo (MP4), ni fichier SRT/VTT" in bad["Sous-titres présents"].evidence
    maker.make_mp4(case / "supports" / "reel.mp4", 28.0, subtitles=CUES)
    good = _findings(case)
    assert good["Sous-titres présents"].status == "ok" and "5 sous-titre(s) (TX3G)" in good["Sous-titres présents"].evidence
    assert good["Synchronisation"].status == "ok"
    assert good["Durée (fichier)"].evidence == "28,0 s" and good["Dimensions"].status == "ok"


def test_captions_are_timed_against_the_real_duration_not_the_stated_one(tmp_path, maker):
    """The team says 30 s; the file is 25 s: the last caption (to 27.5 s) runs past the real end."""
    case = _case(tmp_path, "  - {id: V1, file: supports/reel.mp4, kind: video, format: instagram_reel, duration_s: 30}\n")
    maker.make_mp4(case / "supports" / "reel.mp4", 25.0)
    (case / "supports" / "reel.vtt").write_text(
        "WEBVTT\n\n" + "\n".join(f"00:00:{a:06.3f} --> 00:00:{b:06.3f}\n{t}\n" for a, b, t in CUES), encoding="utf-8")
    bad = _findings(case)  # the .vtt beside the video is found without being named
    assert bad["Durée (fichier)"].status == "fail" and "25,0 s dans le fichier, 30,0 s déclarées" in bad["Durée (fichier)"].evidence
    assert bad["Synchronisation"].status == "fail" and "après la fin de la vidéo (25 s)" in bad["Synchronisation"].evidence
    maker.make_mp4(case / "supports" / "reel.mp4", 30.0)
    good = _findings(case)
    assert good["Durée (fichier)"].status == "ok" and good["Synchronisation"].status == "ok"


def test_embedded_captions_that_stop_early_fail_and_the_full_twin_passes(tmp_path, maker):
    case = _case(tmp_path, "  - {id: V1, file: supports/reel.mp4, kind: video}\n")
    maker.make_mp4(case / "supports" / "reel.mp4", 60.0, subtitles=CUES)  # captions end at 27.5 s of 60 s
    bad = _findings(case)
    assert bad["Synchronisation"].status == "fail" and "la fin n'est pas sous-titrée" in bad["Synchronisation"].evidence
    maker.make_mp4(case / "supports" / "reel.mp4", 30.0, subtitles=CUES)
    assert _findings(case)["Synchronisation"].status == "ok"


def test_a_named_captions_file_is_used(tmp_path, maker):
    case = _case(tmp_path, "  - {id: V1, file: supports/reel.mp4, captions: supports/sous-titres/reel-fr.srt, kind: video}\n")
    maker.make_mp4(case / "supports" / "reel.mp4", 30.0)
    srt = case / "supports" / "sous-titres" / "reel-fr.srt"
    srt.parent.mkdir()
    srt.write_text("1\n00:00:01,000 --> 00:00:04,000\nVoici Ana.\n\n2\n00:00:05,000 --> 00:00:29,000\nChaque grain a un nom.\n",
                   encoding="utf-8")
    f = _findings(case)
    assert "2 sous-titre(s) (SRT)" in f["Sous-titres présents"].evidence and f["Synchronisation"].status == "ok"


def test_webm_duration_and_subtitle_track(tmp_path, maker):
    f = read_video(maker.make_webm(tmp_path / "a.webm", 27.5, subtitles_lang="fre", subtitles=CUES[:2]))
    assert f.container == "webm" and f.duration_s == pytest.approx(27.5) and (f.width, f.height) == (1080, 1920)
    assert [(t.kind, t.codec, t.lang) for t in f.tracks] == [("video", "V_VP9", ""), ("subtitle", "D_WEBVTT/SUBTITLES", "fre")]

    case = _case(tmp_path, "  - {id: V1, file: supports/reel.webm, kind: video, format: instagram_reel}\n")
    maker.make_webm(case / "supports" / "reel.webm", 27.5)
    bad = _findings(case)
    assert bad["Sous-titres présents"].status == "fail" and "(WEBM)" in bad["Sous-titres présents"].evidence
    maker.make_webm(case / "supports" / "reel.webm", 27.5, subtitles_lang="fre")
    good = _findings(case)
    assert good["Sous-titres présents"].status == "ok" and "D_WEBVTT/SUBTITLES, fre" in good["Sous-titres présents"].evidence
    assert good["Synchronisation"].status == "manual"  # the track's cues are not read: by hand
    assert good["Durée"].status == "ok"


def test_a_webm_without_duration_asks_a_review(tmp_path, maker):
    f = read_video(maker.make_webm(tmp_path / "live.webm", None))
    assert f.duration_s is None
    (warn,) = [x for x in ck.check_video(f, None, None) if x.check == "Durée (fichier)"]
    assert warn.status == "warn" and "n'indique pas de durée" in warn.evidence


@pytest.mark.parametrize(("content", "message"), [
    (b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00\x00\x00\x10mdat" + b"x" * 8, "no 'moov' box"),
    (b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00\x00\x01\x00moov\x00\x00", "cut short"),
    (b"GIF89a not a video at all", "not an MP4, MOV or WebM video"),
])
def test_a_broken_or_foreign_video_is_one_clear_message(tmp_path, content, message):
    p = tmp_path / "x.mp4"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as exc:
        read_video(p)
    assert exc.value.file == str(p) and "MP4" in (exc.value.hint or "")


def test_the_media_data_is_never_read(tmp_path, maker, monkeypatch):
    """Only the box headers and the moov box are read: a large mdat costs nothing."""
    import builtins

    path = maker.make_mp4(tmp_path / "a.mp4", 30.0, frames=12)
    size = path.stat().st_size
    read: list[int] = []
    real_open = builtins.open

    class Counting:
        def __init__(self, fh):
            self.fh = fh

        def read(self, n=-1):
            data = self.fh.read(n)
            read.append(len(data))
            return data

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.fh.close()

    monkeypatch.setattr(builtins, "open", lambda p, mode="r", *a, **k: Counting(real_open(p, mode, *a, **k))
                        if str(p) == str(path) else real_open(p, mode, *a, **k))
    assert read_video(path).duration_s == 30.0
    assert sum(read) < 0.1 * size, (sum(read), size)
