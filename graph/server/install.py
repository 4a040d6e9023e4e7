"""The Neo4j 5.26 jars fetched with Maven into settings.home, the folders the server uses there,
and the jars shared between server homes (tests, benchmarks).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from settings import Settings

from ..errors import ServerError

POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>armsgraph.local</groupId>
  <artifactId>neo4j-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>{neo4j}</version>
    </dependency>
    <dependency>
      <groupId>org.neo4j.client</groupId><artifactId>neo4j-browser</artifactId><version>{browser}</version>
    </dependency>
  </dependencies>
</project>
"""


@dataclass(frozen=True)
class Paths:
    root: Path

    @property
    def lib(self) -> Path:
        return self.root / "neo4j" / "lib"

    @property
    def conf(self) -> Path:
        return self.root / "neo4j" / "conf"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def run(self) -> Path:
        return self.root / "run"

    @property
    def pidfile(self) -> Path:
        return self.run / "neo4j.pid"

    @property
    def marker(self) -> Path:
        return self.lib / ".installed"


def paths(settings: Settings) -> Paths:
    return Paths(settings.home.expanduser().resolve())


def installed_version(settings: Settings) -> str | None:
    """The Neo4j version in the cache, or ``None`` when ``install`` has not completed."""
    p = paths(settings)
    if not p.marker.exists():
        return None
    return p.marker.read_text().strip() or None


def share_jars(settings: Settings, source: Settings | None = None) -> None:
    """Link the jars of ``settings.home`` to those installed under ``source`` (default: the
    user's settings) when it has none, so a second server home (tests, benchmarks) does not
    fetch them again. Nothing happens when ``source`` has no completed install."""
    lib, shared = paths(settings).lib, paths(source or Settings()).lib
    if not lib.exists() and installed_version(source or Settings()) is not None:
        lib.parent.mkdir(parents=True, exist_ok=True)
        lib.symlink_to(shared)


def install(settings: Settings, echo: Callable[[str], None] = print) -> str:
    """Fetch Neo4j 5.26 (newest that resolves) and the Browser from Maven Central, once."""
    version = installed_version(settings)
    if version:
        echo(f"Neo4j {version} is already installed in {paths(settings).lib}")
        return version
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError("Maven (mvn) is not installed; install it (apt-get install maven) and retry")
    p = paths(settings)
    work = p.root / "neo4j" / "maven"
    work.mkdir(parents=True, exist_ok=True)
    (work / "pom.xml").write_text(POM.format(neo4j=settings.neo4j_version, browser=settings.browser_version))
    staging = p.lib.with_name("lib.partial")
    shutil.rmtree(staging, ignore_errors=True)
    echo(f"Fetching Neo4j {settings.neo4j_version} and the Neo4j Browser from Maven Central (once)...")
    cmd = [
        mvn,
        "-B",
        "-q",
        "-Dmaven.artifact.threads=8",
        "dependency:copy-dependencies",
        f"-DoutputDirectory={staging}",
        "-DincludeScope=runtime",
    ]
    proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise ServerError(f"Maven could not fetch Neo4j (is Maven Central reachable?):\n{tail}")
    jars = sorted(staging.glob("neo4j-5.26.*.jar"))
    version = next((m.group(1) for j in jars if (m := re.fullmatch(r"neo4j-(5\.26\.\d+)\.jar", j.name))), None)
    if version is None:
        raise ServerError(f"Maven finished but no neo4j-5.26.x jar is in {staging}")
    shutil.rmtree(p.lib, ignore_errors=True)
    staging.rename(p.lib)
    p.marker.write_text(version + "\n")
    echo(f"Installed Neo4j {version} ({len(list(p.lib.glob('*.jar')))} jars) in {p.lib}")
    return version


def java_binary() -> str:
    """A Java 17 or 21 runtime: ``JAVA_HOME`` first, then the PATH."""
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    candidates += [str(p) for p in sorted(Path("/usr/lib/jvm").glob("java-17*/bin/java"))]
    if found := shutil.which("java"):
        candidates.append(found)
    for java in candidates:
        try:
            out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
        except (OSError, subprocess.TimeoutExpired):
            continue
        m = re.search(r'version "(\d+)', out)
        if m and int(m.group(1)) in (17, 21):
            return java
    raise ServerError("no Java 17 or 21 found: install openjdk-17-jre-headless or set JAVA_HOME")
