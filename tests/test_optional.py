from __future__ import annotations

import sys

import pytest

from corpus_pkg.optional import require


def test_a_missing_dependency_names_the_extra_that_installs_it():
    with pytest.raises(ImportError, match=r"reading \.html pages needs no_such_module_q; install it with: pip install 'corpus-pkg\[build\]'"):
        require("no_such_module_q", "reading .html pages")
    with pytest.raises(ImportError, match=r"pip install corpus-pkg$"):
        require("no_such_module_q", "downloading a release", extra=None)


def test_an_import_error_inside_an_installed_package_is_not_disguised(tmp_path, monkeypatch):
    (tmp_path / "broken_pkg_q.py").write_text("import no_such_inner_module_q\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="no_such_inner_module_q"):
        require("broken_pkg_q", "testing")
    sys.modules.pop("broken_pkg_q", None)
