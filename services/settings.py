"""Every setting peacewatch reads, from ``PEACEWATCH_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "PEACEWATCH_"
REPO_ROOT = Path(__file__).resolve().parent.parent
# set (to anything), the extractor runs its sources even where a compiled build is fresh;
# read when services.extractor is imported, before any Settings exists (see README)
PURE_PYTHON_VAR = ENV_PREFIX + "PURE_PYTHON"


class Settings(BaseSettings):
    """One deployment's configuration; two prefixes on one cluster share nothing."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", frozen=True)

    kafka_bootstrap: str = "127.0.0.1:9092"
    topic_prefix: str = Field("peacewatch", pattern=r"^[A-Za-z0-9._-]{1,100}$")
    partitions: int = Field(4, ge=1, le=256, description="partitions of each contract topic")
    replication_factor: int = Field(1, ge=1)
    http_host: str = "127.0.0.1"
    http_port: int = Field(6066, ge=0, le=65535)
    api_token: SecretStr | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "console"] = "json"
    data_dir: Path = REPO_ROOT / ".local" / "data"
    registry_dir: Path = REPO_ROOT / "deploy" / "registry"
    max_record_bytes: int = Field(
        256 * 1024, ge=1024, description="input records larger than this are dead-lettered"
    )
    commit_interval_ms: int = Field(
        100, ge=10, description="projector transaction interval: bounds alert latency"
    )
    issue_state_interval_ms: int = Field(
        1000,
        ge=0,
        description="under a backlog, write each changed issue state at most this often "
        "(at the end of the log it is written at once)",
    )
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = "SCRAM-SHA-256"
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    sasl_password_file: Path | None = Field(
        None, description="read the SASL password from this file (e.g. a mounted secret)"
    )
    ssl_cafile: Path | None = None
    ssl_certfile: Path | None = None
    ssl_keyfile: Path | None = None
    ssl_check_hostname: bool = True
    timeline_max_per_issue: int = Field(
        5_000, ge=10, description="claims per issue the HTTP timeline keeps in memory"
    )

    @property
    def app_id(self) -> str:
        """Faust app id: also the prefix of every consumer group and internal topic."""
        return f"{self.topic_prefix}-worker"

    @property
    def projector_group(self) -> str:
        return f"{self.topic_prefix}-projector"

    def sasl_secret(self) -> str | None:
        """The SASL password, from the environment or from its file."""
        if self.sasl_password is not None:
            return self.sasl_password.get_secret_value()
        if self.sasl_password_file is not None:
            return self.sasl_password_file.read_text(encoding="utf-8").strip()
        return None

    @property
    def state_dir(self) -> Path:
        return self.data_dir / self.topic_prefix


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
