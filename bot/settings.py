"""Settings from the environment or `.env` (see .env.example for every variable)."""

import re
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LOCAL_TOKEN = "100000001:LOCAL-emulator-token"  # local mode: the emulator accepts any well-formed token


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    database_url: str | None = None
    telegram_api_url: str | None = None
    bot_timezone: str = "Europe/Moscow"
    data_dir: Path = Path("data")
    log_level: str = "INFO"
    emulator_port: int = 8081
    bot_username: str | None = None  # only when getMe can't be asked (e.g. `invite` without network)
    telegram_global_rate: float = 30.0  # messages a second, overall (Telegram's bulk limit)
    telegram_chat_rate: float = 1.0  # messages a second into one chat, sustained…
    telegram_chat_burst: int = 5  # …after a burst of this many (a reply of a few messages is not slowed)
    reminders_enabled: bool = True  # the periodic deadline scan inside the bot process
    reminder_lease_seconds: float = 120  # a claimed reminder not sent within this is taken over by another scanner
    # Webhook mode: Telegram POSTs updates to WEBHOOK_URL (several instances may share one database behind a
    # load balancer); this process listens on WEBHOOK_HOST:WEBHOOK_PORT at the URL's path. Unset: long polling.
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None  # 1–256 characters A–Z, a–z, 0–9, _ and -
    webhook_host: str = "0.0.0.0"
    webhook_port: int = Field(default=8088, ge=1, le=65535)
    webhook_max_connections: int = Field(default=40, ge=1, le=100)
    update_workers: int = 8  # updates handled at once; each holds one pooled connection while it runs
    database_pool_size: int = 10  # connections kept open (plus as many again on demand)
    log_format: Literal["text", "json"] = "text"  # json: one JSON object a line, for log collectors
    health_host: str = "127.0.0.1"  # inside a container: 0.0.0.0, so that the healthcheck and the host reach it
    health_port: int = Field(default=8080, ge=0, le=65535)  # GET /healthz and /livez; 0 turns the endpoint off
    backup_keep: int = Field(default=14, ge=1)  # `backup` keeps this many newest copies in the backup folder

    @field_validator("bot_token", "database_url", "telegram_api_url", "bot_username", "webhook_url", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lowercase_format(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("bot_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        ZoneInfo(value)  # raises for an unknown zone
        return value

    @model_validator(mode="after")
    def _webhook_has_a_secret(self) -> "Settings":
        if self.webhook_url:
            secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
            if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
                raise ValueError("WEBHOOK_URL needs WEBHOOK_SECRET: 1–256 characters A–Z, a–z, 0–9, _ and -")
        return self

    @model_validator(mode="after")
    def _workers_below_pool(self) -> "Settings":
        # Every worker holds a connection; the scheduler and notifications need a few more.
        if not 1 <= self.update_workers <= self.database_pool_size * 2 - 4:
            raise ValueError("UPDATE_WORKERS must be at least 1 and leave 4 connections of the pool free")
        return self

    @property
    def local_mode(self) -> bool:
        return self.bot_token is None

    @property
    def token(self) -> str:
        return self.bot_token.get_secret_value() if self.bot_token else LOCAL_TOKEN

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.bot_timezone)
