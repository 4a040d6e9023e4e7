"""One typed settings object for the whole project, read from ``ARMSGRAPH_*`` environment variables.

A package of its own beside ``api``, ``graph`` and ``loaders``: the API keys, the Neo4j connection,
the managed server's ports and memory and the loaders' batch sizes are read by every layer, and
none of them has to reach into another's package to read them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, PrivateAttr, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The Neo4j password armsgraph 0.1 used on every machine; refused outside development.
DEV_PASSWORD = "armsgraph-dev-password"
#: The file in ``home`` that keeps the password the first ``armsgraph neo4j start`` generated.
PASSWORD_FILE = "neo4j-password"
DEV_WRITE_KEY = "armsgraph-dev-write-key"
DEV_READ_KEY = "armsgraph-dev-read-key"


class Settings(BaseSettings):
    """Settings, validated at start-up. Every field can be set as ``ARMSGRAPH_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="ARMSGRAPH_", env_file=".env", extra="ignore")

    _password_from_file: bool = PrivateAttr(False)

    # "development" accepts the built-in secrets below; anything else refuses them.
    environment: Literal["development", "production"] = "development"

    # Where the graph lives: bolt://, neo4j:// (a cluster) or neo4j+s:// (Aura) all work.
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    # Neo4j user name.
    neo4j_user: str = "neo4j"
    # Neo4j password; the managed local server is given it before its first start. Unset: the one
    # in <home>/neo4j-password, which the first `armsgraph neo4j start` generates (mode 600).
    neo4j_password: SecretStr = SecretStr("")
    # Database name inside Neo4j (Community has one user database, "neo4j").
    neo4j_database: str = "neo4j"

    # Folder for the managed local Neo4j: jars, configuration, data and logs.
    home: Path = Path.home() / ".armsgraph"
    # Neo4j 5.26 LTS versions to accept from Maven Central (a Maven version range: newest wins).
    neo4j_version: str = "[5.26.0,5.27.0)"
    # Version of the Neo4j Browser served at /browser/.
    browser_version: str = "5.24.0"
    # The armsgraph API's address as the analyst's web browser reaches it: the managed server's
    # Neo4j Browser applies its style (/browser-style) and plays its guide (/browser-guide) on connect.
    api_url: str = "http://127.0.0.1:8000"
    # Bolt port of the managed local server (loopback only).
    bolt_port: int = Field(7687, ge=1, le=65535)
    # HTTP port of the managed local server, which also serves the Neo4j Browser.
    http_port: int = Field(7474, ge=1, le=65535)
    # Java heap of the managed local server.
    heap: str = "1g"
    # Page cache of the managed local server.
    pagecache: str = "256m"
    # Server-side limit on any one transaction, in seconds.
    transaction_timeout_s: int = Field(60, ge=1)
    # How long `neo4j start` waits for Bolt to answer, in seconds.
    start_timeout_s: int = Field(120, ge=5)

    # API key that allows writes (POST /reports, /claims, /imports).
    write_key: SecretStr = SecretStr(DEV_WRITE_KEY)
    # API keys that allow reading only, comma-separated; reads need no key unless require_read_key.
    read_keys: str = DEV_READ_KEY
    # Ask for a key (read or write) on every route, not just on writes; unset: only outside development.
    require_read_key: bool | None = None
    # Time limit on one read-only Cypher query, in seconds.
    cypher_timeout_s: float = Field(5.0, gt=0, le=300)
    # Most rows one read-only Cypher query returns.
    cypher_max_rows: int = Field(1000, ge=1, le=100_000)
    # Most bytes (as JSON) the rows of one read-only Cypher answer hold; past it the answer is truncated.
    cypher_max_bytes: int = Field(4 * 1024 * 1024, ge=1024, le=1024**3)
    # Read-only Cypher queries (POST /cypher, export by query) running at once; more get 429.
    cypher_concurrency: int = Field(2, ge=1, le=64)
    # Exports (GET and POST /export) being written at once; more get 429.
    export_concurrency: int = Field(2, ge=1, le=64)
    # How long the API waits for the subgraph of one export to be chosen, in seconds.
    export_timeout_s: float = Field(60.0, gt=0, le=3600)
    # Largest page any list endpoint returns.
    max_page_size: int = Field(500, ge=1, le=10_000)
    # Largest request body the API accepts (a CSV to import), in bytes (larger gets 413).
    max_body_bytes: int = Field(20 * 1024 * 1024, ge=1024)
    # Largest body of the other routes (JSON: queries, claims, reports), in bytes (larger gets 413).
    max_json_body_bytes: int = Field(2 * 1024 * 1024, ge=1024)

    # How long the API trusts its last reading of the graph version, in seconds: its own writes
    # show at once, a load by another process (the CLI) within this time.
    version_ttl_s: float = Field(1.0, ge=0, le=60)

    # Memory the API gives to kept answers of /chains, /paths, /entities and /timeline, in MiB
    # (least recently asked go first; 0 keeps none).
    query_cache_mb: int = Field(64, ge=0, le=16_384)

    # Rows written per transaction by loaders.
    batch_size: int = Field(5000, ge=1, le=100_000)

    @model_validator(mode="after")
    def _stored_password(self) -> Settings:
        """An unset password is read from the file the first managed start wrote, if there is one."""
        self._password_from_file = False
        if not self.neo4j_password.get_secret_value():
            stored = read_password(self.password_file)
            if stored:
                self.neo4j_password = SecretStr(stored)
                self._password_from_file = True
        return self

    @model_validator(mode="after")
    def _no_default_secrets_in_production(self) -> Settings:
        if self.environment != "development":
            defaults = {
                "neo4j_password": (self.neo4j_password.get_secret_value(), DEV_PASSWORD),
                "write_key": (self.write_key.get_secret_value(), DEV_WRITE_KEY),
            }
            bad = [name for name, (value, default) in defaults.items() if value == default]
            if DEV_READ_KEY in self.read_key_set:
                bad.append("read_keys")
            if bad:
                names = ", ".join("ARMSGRAPH_" + b.upper() for b in bad)
                raise ValueError(f"set {names}: the defaults are for development only")
        if 0 < len(self.neo4j_password.get_secret_value()) < 8:
            raise ValueError("ARMSGRAPH_NEO4J_PASSWORD must be at least 8 characters (Neo4j's rule)")
        return self

    @property
    def read_key_required(self) -> bool:
        """Whether reads need a key: as set, else everywhere but in development."""
        if self.require_read_key is None:
            return self.environment != "development"
        return self.require_read_key

    @property
    def password_file(self) -> Path:
        """Where the managed server's generated password is kept."""
        return self.home.expanduser() / PASSWORD_FILE

    def keep_password(self, password: str) -> None:
        """Use ``password``, which was just written to :attr:`password_file`."""
        self.neo4j_password = SecretStr(password)
        self._password_from_file = True

    @property
    def password_source(self) -> str:
        """Where the password came from, for messages (never the password itself)."""
        if self._password_from_file:
            return str(self.password_file)
        if self.neo4j_password.get_secret_value():
            return "ARMSGRAPH_NEO4J_PASSWORD"
        return "nowhere yet"

    @property
    def read_key_set(self) -> set[str]:
        return {k.strip() for k in self.read_keys.split(",") if k.strip()}


def read_password(path: Path) -> str | None:
    """The password kept in ``path`` (first line, trimmed), or None when there is none."""
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except (FileNotFoundError, NotADirectoryError):
        return None
