"""`make run` when the emulator's port is taken (usually: the bot is already running): a Russian hint with
the way out, a non-zero exit, no traceback — and the database is not even started."""

import os
import socket
import subprocess
import sys
from pathlib import Path


def test_a_busy_port_gets_a_russian_hint_and_a_clean_failure(tmp_path: Path, project_root: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = dict(os.environ)
        env.update(BOT_TOKEN="", DATABASE_URL="", TELEGRAM_API_URL="", DATA_DIR=str(tmp_path), EMULATOR_PORT=str(port))
        result = subprocess.run(
            [sys.executable, "-m", "bot", "run"], cwd=project_root, env=env, capture_output=True, text=True, timeout=120
        )
    assert result.returncode != 0
    assert f"Порт {port} занят (возможно, бот уже запущен" in result.stderr
    assert f"Укажите другой порт: EMULATOR_PORT={port + 1} make run" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "postgres").exists()  # it gave up before starting anything
