"""Installed use: `pip install clients/python` registers the plugin as a pytest11 entry point, so
pytest loads it with no -p flag."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import assistants_mock

SOURCE = Path(assistants_mock.__file__).resolve().parent.parent


def test_pip_install_registers_the_pytest11_entry_point(tmp_path):
    source = tmp_path / "source"  # pip builds in place: build from a copy, never in the checkout
    shutil.copytree(SOURCE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "--no-build-isolation", "--no-index", "--no-deps", "-q",
                    str(source)], check=True)
    project = tmp_path / "project"
    project.mkdir()
    (project / "test_uses_the_fixture.py").write_text(
        "def test_it(assistants_mock):\n"
        "    assert assistants_mock.health() == {'status': 'ok'}\n"
        "    assert assistants_mock.base_url.endswith('/v1')\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    where = subprocess.run([python, "-c", "import assistants_mock; print(assistants_mock.__file__)"], env=env,
                           capture_output=True, text=True, check=True).stdout
    assert str(venv) in where, "the installed copy, not the checkout"
