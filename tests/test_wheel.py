"""The wheel carries the built dataset: built for real, installed into a fresh virtual environment, loaded elsewhere."""
from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile

import pytest

from conftest import DIST, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    pytest.importorskip("build")
    out = tmp_path_factory.mktemp("wheel")
    # dist/ is the dataset here, so wheels go to another folder.
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(out), str(REPO)],
                   check=True, capture_output=True)
    (path,) = out.glob("corpus_pkg-*.whl")
    return path


def test_wheel_contains_the_package_schemas_and_rules(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for rel in [p.relative_to(DIST).as_posix() for p in DIST.rglob("*") if p.is_file()]:
        assert f"corpus_pkg/_data/{rel}" in names
    assert "corpus_pkg/_schemas/sidecar.schema.json" in names
    assert "corpus_pkg/clean/rules.toml" in names


def test_installed_wheel_loads_the_corpus_offline_from_another_directory(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    script = (
        "import json, corpus_pkg\n"
        "c = corpus_pkg.load()\n"
        "print(json.dumps({'root': str(c.root), 'docs': c.documents.num_rows, 'blocks': c.blocks.num_rows,"
        " 'removals': c.removals.num_rows, 'ids': c.documents.column('id').to_pylist()}))\n"
    )
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    done = subprocess.run([str(python), "-c", script], cwd=workdir, check=True, capture_output=True, text=True)
    out = json.loads(done.stdout)
    assert "site-packages/corpus_pkg/_data" in out["root"]
    assert out["docs"] == 4 and out["blocks"] > 0 and out["removals"] > 0
    assert out["ids"] == sorted(p.stem for p in (REPO / "raw").glob("*.txt"))
    verify = subprocess.run([str(env_dir / "bin" / "corpus-pkg"), "verify", out["root"]], cwd=workdir, capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr
