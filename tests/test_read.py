import codecs
import unicodedata

import pytest

from corpus_pkg.read import DecodeError, decode, discover


def test_plain_utf8_is_unchanged():
    text, norm = decode("Title\n\nBody.\n".encode())
    assert text == "Title\n\nBody.\n"
    assert norm.bom is False and norm.newline_style == "lf" and norm.newlines_converted == 0 and not norm.nfc_changed


def test_bom_is_recognised_and_dropped():
    text, norm = decode(codecs.BOM_UTF8 + "Title\n".encode())
    assert text == "Title\n" and norm.bom is True


def test_crlf_and_cr_become_lf_and_are_counted():
    text, norm = decode(b"a\r\nb\rc\nd")
    assert text == "a\nb\nc\nd"
    assert norm.newline_style == "mixed" and norm.newlines_converted == 2


def test_nfc_normalisation_is_recorded():
    decomposed = unicodedata.normalize("NFD", "Café coréen")
    text, norm = decode(decomposed.encode())
    assert text == "Café coréen" and norm.nfc_changed is True


def test_invalid_utf8_names_byte_and_line():
    with pytest.raises(DecodeError) as err:
        decode(b"line one\nline two \xff here")
    assert err.value.offset == 18 and err.value.line == 2
    assert "byte 18 (line 2)" in str(err.value)


def test_discover_pairs_raw_files_with_sidecars(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.meta.json").write_text("{}")
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "c.meta.json").write_text("{}")
    (tmp_path / "corpus.toml").write_text("")
    (tmp_path / ".hidden.txt").write_text("x")
    subs = discover(tmp_path)
    assert [(s.id, s.raw_path is not None, s.sidecar_path is not None) for s in subs] == [
        ("a", True, True),
        ("b", True, False),
        ("c", False, True),
    ]
