"""Questionnaires (questionnaires/*.yaml) and consent texts (consents/consents.yaml) are kept in the
repository, validated on load and stored in Postgres on start. A stored (code, version) never changes:
a file edited without a new version is refused, so every answer and consent points at the exact text."""

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ConsentText, QuestionnaireDefinition
from domain.consents import PLACEHOLDERS, ConsentKind
from domain.questionnaire import Questionnaire, parse_definition

# Data packages installed beside the code (the wheel carries them; no source tree needed).
QUESTIONNAIRES_DIR = Path(str(files("questionnaires")))
CONSENTS_FILE = Path(str(files("consents") / "consents.yaml"))


class RegistryError(RuntimeError):
    pass


def _sha(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def load_questionnaire_files(folder: Path = QUESTIONNAIRES_DIR) -> list[tuple[Questionnaire, dict[str, Any]]]:
    loaded = []
    for path in sorted(folder.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        loaded.append((parse_definition(raw), raw))  # raises DefinitionError with the file's code
    return loaded


@dataclass(frozen=True)
class ConsentTemplate:
    kind: ConsentKind
    version: int
    title: str
    text: str


def load_consent_file(path: Path = CONSENTS_FILE) -> list[ConsentTemplate]:
    templates = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")):
        template = ConsentTemplate(ConsentKind(item["kind"]), int(item["version"]), item["title"], item["text"])
        template.text.format(**dict.fromkeys(PLACEHOLDERS, ""))  # placeholders must be the known ones
        templates.append(template)
    return templates


async def sync_registry(session: AsyncSession) -> None:
    for questionnaire, raw in load_questionnaire_files():
        digest = _sha(raw)
        stored = await session.scalar(
            select(QuestionnaireDefinition).where(
                QuestionnaireDefinition.code == questionnaire.code,
                QuestionnaireDefinition.version == questionnaire.version,
            )
        )
        if stored is None:
            session.add(
                QuestionnaireDefinition(
                    code=questionnaire.code,
                    version=questionnaire.version,
                    title=questionnaire.title,
                    definition=raw,
                    sha256=digest,
                )
            )
        elif stored.sha256 != digest:
            raise RegistryError(f"questionnaire {questionnaire.code} v{questionnaire.version} changed: bump version")
    for template in load_consent_file():
        digest = hashlib.sha256(template.text.encode()).hexdigest()
        stored_text = await session.scalar(
            select(ConsentText).where(ConsentText.kind == template.kind, ConsentText.version == template.version)
        )
        if stored_text is None:
            session.add(
                ConsentText(
                    kind=template.kind.value,
                    version=template.version,
                    title=template.title,
                    text=template.text,
                    sha256=digest,
                )
            )
        elif stored_text.sha256 != digest:
            raise RegistryError(f"consent {template.kind} v{template.version} changed: bump version")
    await session.commit()


@lru_cache(maxsize=64)
def _parsed(definition_id: int, sha256: str, payload: str) -> Questionnaire:
    return parse_definition(json.loads(payload))


def questionnaire_of(definition: QuestionnaireDefinition) -> Questionnaire:
    """Definitions are immutable, so parsing is cached per row."""
    return _parsed(definition.id, definition.sha256, json.dumps(definition.definition, ensure_ascii=False))


async def latest_definition(session: AsyncSession, code: str) -> QuestionnaireDefinition | None:
    return await session.scalar(
        select(QuestionnaireDefinition)
        .where(QuestionnaireDefinition.code == code)
        .order_by(QuestionnaireDefinition.version.desc())
        .limit(1)
    )


async def all_latest_definitions(session: AsyncSession) -> list[QuestionnaireDefinition]:
    rows = await session.scalars(
        select(QuestionnaireDefinition).order_by(QuestionnaireDefinition.code, QuestionnaireDefinition.version.desc())
    )
    latest: dict[str, QuestionnaireDefinition] = {}
    for row in rows:
        latest.setdefault(row.code, row)
    return list(latest.values())


async def latest_consent_text(session: AsyncSession, kind: ConsentKind) -> ConsentText:
    text = await session.scalar(
        select(ConsentText).where(ConsentText.kind == kind.value).order_by(ConsentText.version.desc()).limit(1)
    )
    if text is None:
        raise RegistryError(f"no consent text for {kind}")
    return text
