# The two commands of the README: `make up` (the main job) and `make test` (the suite).
# Both install what they need first: Debian packages (Java 17, Maven, ICU) when missing, the
# Python packages, and the Neo4j jars (from Maven Central, once).
PYTHON ?= python3
PIP_FLAGS ?= --quiet --disable-pip-version-check

.PHONY: up test install system-packages python-packages neo4j-jars web lint bench score-extraction screenshots

up: install
	armsgraph up

test: install
	$(PYTHON) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

install: system-packages python-packages neo4j-jars web

system-packages:
	@command -v java >/dev/null && java -version 2>&1 | grep -qE 'version "(17|21)' \
	  && command -v mvn >/dev/null || { \
	  echo "installing Java 17 and Maven from Debian's packages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless maven >/dev/null; }
	@command -v npm >/dev/null || { \
	  echo "installing Node.js and npm from Debian's packages (to build the explorer page)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	@{ dpkg -s libicu-dev >/dev/null 2>&1 && command -v pkg-config >/dev/null && command -v g++ >/dev/null; } || { \
	  echo "installing ICU, pkg-config and g++ from Debian's packages (normality builds PyICU against them)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev pkg-config g++ >/dev/null; }
	@test -x /usr/bin/chromium || { \
	  echo "installing Chromium from Debian's packages (the explorer's browser tests)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

python-packages:
	$(PYTHON) -m pip install $(PIP_FLAGS) -e ".[test]"

neo4j-jars:
	armsgraph neo4j install

# The explorer page served at GET /: bundled from web/src into api/static (not committed).
web:
	cd web && npm ci --no-audit --no-fund && npm run build

# The README's pictures of the explorer (docs/explorer-*.png), taken in headless Chromium from a
# running API holding the bundled samples (`make up` in another terminal; API names another one).
API ?= http://127.0.0.1:8000
screenshots:
	cd web && node screenshots.mjs $(API) ../docs

lint:
	ruff check .
	ruff format --check .
	mypy api graph loaders settings

bench:
	$(PYTHON) bench/bench_load_sipri.py

# Extraction scored against a corpus of reports with gold claims files (not a test: the corpus is
# not part of the repository). SHARED points at the folder holding corpus/news and tools/.
SHARED ?= ../shared
score-extraction:
	$(PYTHON) $(SHARED)/tools/score_extraction.py $(SHARED)/corpus/news --cmd 'armsgraph extract {file} --format json'
