"""The wheel works outside the source tree (issue 8, item 8): built with `uv build`, installed into a fresh
virtual environment (the dependencies at the locked versions), it runs `nastavnik --help` and `nastavnik
migrate`, and finds its texts, questionnaires and consent texts in the installed packages."""

import os
import subprocess
import sys
from pathlib import Path

UV = Path(sys.executable).parent / "uv"


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_the_wheel_installs_and_runs_outside_the_source_tree(
    project_root: Path, tmp_path: Path, database_url: str
) -> None:
    built = run(UV, "build", "--wheel", "--out-dir", tmp_path / "dist", cwd=project_root)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("nastavnik-*.whl")
    locked = run(
        UV, "export", "--frozen", "--no-dev", "--no-hashes", "--no-emit-project", "-o", tmp_path / "req.txt",
        cwd=project_root,
    )  # fmt: skip
    assert locked.returncode == 0, locked.stderr
    venv = tmp_path / "venv"
    assert run(UV, "venv", "--python", sys.executable, venv, cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    installed = run(UV, "pip", "install", "--python", python, "-r", tmp_path / "req.txt", cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    installed = run(UV, "pip", "install", "--python", python, "--no-deps", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr

    elsewhere = tmp_path / "elsewhere"  # no source tree on sys.path: only what the wheel installed
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(DATABASE_URL=database_url, DATA_DIR=str(elsewhere / "data"), BOT_TOKEN="")
    helped = run(venv / "bin" / "nastavnik", "--help", cwd=elsewhere, env=env)
    assert helped.returncode == 0 and "Наставник" in helped.stdout, helped.stderr
    migrated = run(venv / "bin" / "nastavnik", "migrate", cwd=elsewhere, env=env)
    assert migrated.returncode == 0 and "Миграции применены" in migrated.stdout, migrated.stderr
    data = run(
        python, "-c",
        "import db.registry as r, locales; print(len(r.load_questionnaire_files()), len(r.load_consent_file()),"
        " locales.texts()('denied'), r.__file__, sep=chr(10))",
        cwd=elsewhere, env=env,
    )  # fmt: skip
    assert data.returncode == 0, data.stderr
    questionnaires, consents, denied, location = data.stdout.splitlines()
    assert int(questionnaires) >= 4 and int(consents) >= 4 and denied.startswith("⛔ Это действие вам недоступно")
    assert Path(location).is_relative_to(venv) and not Path(location).is_relative_to(project_root)
