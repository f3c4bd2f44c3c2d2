# Quick start: `make run` starts the bot (local mode without BOT_TOKEN), `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.synced
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint lock clean

$(STAMP): pyproject.toml uv.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==0.13.8
	UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON_DOWNLOADS=never \
		$(BIN)/uv sync --frozen --inexact --python $(BIN)/python
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m bot run

test: $(STAMP) $(CHROMIUM)
	@# Document tests render DOCX to PDF with LibreOffice (Debian's libreoffice-writer) and read the PDF's text with
	@# pdftotext (poppler-utils); CI runs as root.
	command -v soffice >/dev/null && command -v pdftotext >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer poppler-utils; }
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The browser tests (tests/browser) drive Debian's Chromium; the first `make test` installs it (as root, or with sudo).
$(CHROMIUM):
	@if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lock:
	$(BIN)/uv lock

clean:
	rm -rf $(VENV)
