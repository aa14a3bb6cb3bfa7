from __future__ import annotations

import shutil

from corpus_pkg.verify import verify


def test_a_fresh_package_verifies(built):
    assert verify(built) == []


def test_every_changed_missing_or_extra_file_is_named(built, tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(built, pkg)
    (pkg / "data" / "removals.parquet").write_bytes(b"PAR1 not really")
    (pkg / "data" / "blocks.parquet").unlink()
    (pkg / "notes.txt").write_text("added by hand")
    found = sorted((i.code, i.file.split("pkg/")[1]) for i in verify(pkg))
    assert found == [
        ("bytes-mismatch", "data/removals.parquet"),
        ("checksum-mismatch", "data/removals.parquet"),
        ("file-missing", "data/blocks.parquet"),
        ("file-unexpected", "notes.txt"),
        ("hash-mismatch", "data/removals.parquet"),
    ]


def test_manifest_paths_that_escape_are_refused(built, tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(built, pkg)
    with (pkg / "manifest-sha256.txt").open("a") as f:
        f.write("0" * 64 + "  ../outside.txt\n" + "0" * 64 + "  /etc/passwd\n")
    codes = [i.code for i in verify(pkg)]
    assert codes.count("manifest-malformed") == 2
