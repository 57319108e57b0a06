"""Case 4: every real document plus generated hostile files are indexed or reported by name with
a reason; none crashes the run or hangs it (each file's parse is timed, and bounded)."""
from __future__ import annotations

import io
import os
import time
from pathlib import Path


import indexer.parallel as parallel
import indexer.parse as parse
from support import generate, stored_documents
from indexer.build import build_index
from indexer.store import Store

PER_FILE_SECONDS = 20.0
SECRET = "GEHEIM-XXE-7731"


def _timed_parse(monkeypatch):
    times: dict[str, float] = {}
    original = parallel.parse_file  # where a run parses its files (parallel.parse_one)

    def timed(path):
        started = time.monotonic()
        try:
            return original(path)
        finally:
            times[str(path)] = time.monotonic() - started

    monkeypatch.setattr(parallel, "parse_file", timed)
    return times


def _check_every_file_accounted_for(store: Store, report) -> dict:
    manifest = store.manifest()
    skipped = {s.path: s.reason for s in report.skipped}
    for path, entry in manifest.items():
        assert entry.get("id") or (path in skipped and skipped[path]), path
    return skipped


def _hostile(folder: Path, letter: Path) -> None:
    text = letter.read_text(encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(os.urandom(200_000))
    (folder / "binary.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(50_000))
    (folder / "nul.html").write_bytes(b"<html>\x00\x00<body>\x00</body>")
    with open(folder / "huge.txt", "wb") as fh:  # 200 MB of text
        line = b"Antwoord 1 Dit is een zeer lange regel tekst zonder einde. " * 16 + b"\n"
        for _ in range((200 << 20) // len(line) + 1):
            fh.write(line)
    (folder / "cp1252-brief.txt").write_bytes(text.replace("ë", "e").encode("cp1252", errors="replace"))
    (folder / "utf16-brief.txt").write_bytes(text.encode("utf-16"))
    (folder / "secret.txt.data").write_text(SECRET)
    (folder / "xxe.xml").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file://{folder}/secret.txt.data">'
        f'<!ENTITY n SYSTEM "http://127.0.0.1:9/leak">]>\n'
        '<officiele-publicatie><kamervragen><vraag><al>&x; &n;</al></vraag></kamervragen></officiele-publicatie>')
    (folder / "lol.xml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">' for i in range(9))
        + ']>\n<officiele-publicatie><al>&lol8;</al></officiele-publicatie>')
    (folder / "nested.html").write_text("<html><body>" + "<div>" * 100_000 + "Vraag 1 diep" + "</div>" * 100_000)
    (folder / "nested.xml").write_text("<officiele-publicatie>" + "<al>" * 50_000 + "x" + "</al>" * 50_000
                                       + "</officiele-publicatie>")
    from pypdf import PdfWriter
    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt("geheim")
    buf = io.BytesIO()
    w.write(buf)
    (folder / "encrypted.pdf").write_bytes(buf.getvalue())


def test_real_corpus_every_file_indexed_or_reported(corpus_real, tmp_path, monkeypatch):
    times = _timed_parse(monkeypatch)
    store = Store(tmp_path / "ix")
    report = build_index([corpus_real], store)
    skipped = _check_every_file_accounted_for(store, report)
    slowest = max(times.values())
    print(f"\ncorpus-real: {report.files_seen} files, {report.letters_indexed} letters, "
          f"{len(skipped)} reported, slowest parse {slowest:.2f} s")
    assert report.letters_indexed > 0
    assert slowest < PER_FILE_SECONDS


def test_generated_hostile_files(tmp_path, monkeypatch, corpus_real):
    letter = generate(tmp_path / "gen", 1)[0]
    folder = tmp_path / "hostile"
    folder.mkdir()
    _hostile(folder, letter)
    pdfs = sorted(corpus_real.rglob("*.pdf"))
    data = pdfs[0].read_bytes()
    (folder / "damaged.pdf").write_bytes(data[: len(data) // 2])
    (folder / "garbled.pdf").write_bytes(data[:2000] + bytes(b ^ 0x5A for b in data[2000:]))
    times = _timed_parse(monkeypatch)
    store = Store(tmp_path / "ix")
    started = time.monotonic()
    report = build_index([folder], store)
    skipped = _check_every_file_accounted_for(store, report)
    print(f"\nhostile files in {time.monotonic() - started:.1f} s:")
    for path in sorted(times):
        print(f"  {Path(path).name}: {times[path]:.2f} s, {skipped.get(path, 'geïndexeerd')}")
    assert max(times.values()) < PER_FILE_SECONDS
    assert "te groot" in skipped[str(folder / "huge.txt")]
    assert str(folder / "empty.txt") in skipped
    stored = " ".join(str(v) for d in stored_documents(store) for v in d.values())
    assert parse.parse_file(letter).title in stored  # the letters' text, decompressed, is what is searched
    assert SECRET not in stored, "an XML external entity was resolved"
    assert "lollollol" not in stored, "entity expansion (billion laughs) happened"


def test_a_parse_that_hangs_is_stopped_and_reported(tmp_path, monkeypatch):
    letter = generate(tmp_path / "gen", 2)
    monkeypatch.setattr(parse, "PARSE_TIMEOUT", 1.0)
    real = parse._parse_format

    def hang_on_first(path, fmt):
        if path.name == letter[0].name:
            while True:
                pass
        return real(path, fmt)

    monkeypatch.setattr(parse, "_parse_format", hang_on_first)
    started = time.monotonic()
    report = build_index([tmp_path / "gen"], Store(tmp_path / "ix"))
    assert time.monotonic() - started < 15
    assert report.letters_indexed == 1
    assert [s.path for s in report.skipped] == [str(letter[0])]
    assert "langer dan 1 s" in report.skipped[0].reason
