# Наставник: образ бота. Сборка и запуск — `docker compose up -d` (см. README, «Развёртывание на сервере»).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy

# pg_dump/pg_restore/psql 15 for backups: the same major version as the postgres:15 service in compose.yaml.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, exactly as locked (this layer is rebuilt only when pyproject.toml or uv.lock change).
COPY pyproject.toml uv.lock README.md ./
RUN pip install --no-cache-dir uv==0.13.8 \
    && uv sync --frozen --no-dev --no-install-project --python /usr/local/bin/python

COPY . .
RUN uv sync --frozen --no-dev --python /usr/local/bin/python

# The bot runs as its own unprivileged user; /data (DATA_DIR) and /data/backups belong to it, so the named
# volumes mounted there get its ownership on first use.
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home --shell /usr/sbin/nologin nastavnik \
    && mkdir -p /data/backups \
    && chown -R nastavnik:nastavnik /data
USER nastavnik

ENV PATH=/app/.venv/bin:$PATH \
    DATA_DIR=/data \
    HEALTH_HOST=0.0.0.0 \
    HEALTH_PORT=8080

EXPOSE 8080

# GET /healthz: 200 while the bot and its database answer, 503 otherwise (bot/health.py).
HEALTHCHECK --interval=30s --timeout=20s --start-period=60s --retries=3 CMD ["python", "-m", "bot.health"]

ENTRYPOINT ["nastavnik"]
CMD ["run"]
