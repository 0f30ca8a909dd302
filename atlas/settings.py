"""Process settings read once from the environment, each with a default and a description."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """An environment variable holds a value the app cannot use."""


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).resolve() if value else default


def _env_tuple(name: str) -> tuple[str, ...]:
    return tuple(part for part in os.environ.get(name, "").split() if part)


def _env_int(name: str, default: int, low: int, high: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name}={raw!r} is not a whole number; unset it or give one") from exc
    if not low <= value <= high:
        raise SettingsError(f"{name}={value} is outside {low}..{high}")
    return value


@dataclass(frozen=True)
class Settings:
    """What the app reads from the environment (variable names in each field's metadata)."""

    data_dir: Path = field(
        metadata={
            "env": "ATLAS_DATA_DIR",
            "help": "folder of database versions and `current.duckdb`",
        }
    )
    seeds_dir: Path = field(
        metadata={"env": "ATLAS_SEEDS_DIR", "help": "the source documents (for citation checks)"}
    )
    frame_ancestors: tuple[str, ...] = field(
        metadata={"env": "ATLAS_FRAME_ANCESTORS", "help": "origins allowed to frame /embed"}
    )
    keep_versions: int = field(
        metadata={"env": "ATLAS_KEEP_VERSIONS", "help": "database versions kept after a swap"}
    )
    write_wait: int = field(
        metadata={
            "env": "ATLAS_WRITE_WAIT",
            "help": "seconds a build or import waits for another writer of the data folder",
        }
    )
    body_timeout: int = field(
        metadata={
            "env": "ATLAS_BODY_TIMEOUT",
            "help": "seconds a request body may take to arrive before the answer is 408",
        }
    )
    admin_token: str = field(
        repr=False,
        metadata={
            "env": "ATLAS_ADMIN_TOKEN",
            "help": "turns the /import page on; every import there must give it",
            "secret": True,
        },
    )
    import_max_mb: int = field(
        metadata={"env": "ATLAS_IMPORT_MAX_MB", "help": "largest file the /import page takes (MB)"}
    )
    response_cache_entries: int = field(
        metadata={
            "env": "ATLAS_RESPONSE_CACHE",
            "help": "callback answers remembered per worker (0 turns the cache off)",
        }
    )

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            data_dir=_env_path("ATLAS_DATA_DIR", REPO_ROOT / "data" / "db"),
            seeds_dir=_env_path("ATLAS_SEEDS_DIR", REPO_ROOT.parent / "shared" / "seeds"),
            frame_ancestors=_env_tuple("ATLAS_FRAME_ANCESTORS"),
            keep_versions=_env_int("ATLAS_KEEP_VERSIONS", 3, 1, 100),
            write_wait=_env_int("ATLAS_WRITE_WAIT", 120, 0, 3600),
            body_timeout=_env_int("ATLAS_BODY_TIMEOUT", 10, 1, 600),
            admin_token=os.environ.get("ATLAS_ADMIN_TOKEN", ""),
            import_max_mb=_env_int("ATLAS_IMPORT_MAX_MB", 50, 1, 1000),
            response_cache_entries=_env_int("ATLAS_RESPONSE_CACHE", 4000, 0, 1_000_000),
        )

    def describe(self) -> list[tuple[str, str, str]]:
        """(variable, value, help) for every setting, for `python -m atlas settings`."""
        return [
            (f.metadata["env"], self._shown(f.name, f.metadata), f.metadata["help"])
            for f in fields(self)
        ]

    def _shown(self, name: str, metadata) -> str:
        value = getattr(self, name)
        if metadata.get("secret"):  # a secret is never printed
            return "(set)" if value else "(not set)"
        return str(value)


SETTINGS = Settings.from_env()
