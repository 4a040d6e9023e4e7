"""The Neo4j Browser guide and style: what the API serves, and the managed server's settings that open them."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from api.app import create_app
from api.browser_guide import GUIDE_DIR, cypher_literal, guide_html, params_command, split_header, style_grass
from graph import server
from graph.model import MODEL
from graph.queries import CYPHER_DIR, query
from graph.server.browser import browser_conf, for_api_at
from settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((GUIDE_DIR / "guide.yaml").read_text(encoding="utf-8"))
BROWSER_QUERIES = sorted(f"browser/{p.stem}" for p in (CYPHER_DIR / "browser").glob("*.cypher"))
LABEL = re.compile(r"\(\s*\w*\s*:\s*([A-Za-z_]\w*)")
REL = re.compile(r"\[\s*\w*\s*:\s*([A-Za-z_]\w*)")


@pytest.fixture(scope="module")
def client() -> TestClient:
    # No lifespan (no `with`): these routes never touch Neo4j.
    return TestClient(create_app(Settings(neo4j_password="unused-in-these-tests")))


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """The Neo4j Browser's GraSS reader, as it reads a style fetched by ``:style <url>`` (its
    parseGrassCSS: quotes toggle a string, braces inside a rule are property bindings)."""
    rules: dict[str, str] = {}
    keyword, props, in_string, in_props, in_binding = "", "", False, False, False
    for c in text:
        skip = True
        if c == "{":
            if in_string:
                skip = False
            elif in_props:
                in_binding = True
            else:
                in_props = True
        elif c == "}":
            if in_string:
                skip = False
            elif in_binding:
                in_binding = False
            else:
                in_props = False
                rules[keyword], keyword, props = props, "", ""
        elif c in "'\"":
            in_string = not in_string
        else:
            skip = False
        if skip:
            continue
        if in_props:
            props += c
        elif not c.isspace():
            keyword += c
    out: dict[str, dict[str, str]] = {}
    for selector, body in rules.items():
        out[selector] = {}
        for prop in body.split(";"):
            parts = prop.split(":")
            if len(parts) == 2:
                out[selector][parts[0].strip()] = parts[1].strip()
    return out


def test_guide_slides_hold_every_analyst_query_as_it_stands() -> None:
    page = guide_html()
    assert page.count("<slide ") == len(SPEC["slides"]) == 8
    assert page.startswith('<article class="guide">') and "<carousel" in page
    named = [q["name"] for s in SPEC["slides"] for q in s.get("queries", [])]
    analyst = {f"analyst/{p.stem}" for p in (CYPHER_DIR / "analyst").glob("*.cypher")}
    assert analyst <= set(named), f"analyst queries missing from the guide: {analyst - set(named)}"
    assert set(BROWSER_QUERIES) <= set(named)
    blocks = [html.unescape(b) for b in re.findall(r'<pre class="[^"]*runnable[^"]*"[^>]*>(.*?)</pre>', page, re.S)]
    for name in named:  # each query block is the file's statement, without its header comments
        assert split_header(query(name))[1] in blocks, name
    assert "<script" not in page.lower()


def test_each_slide_sets_its_parameters_first() -> None:
    page = guide_html()
    assert (
        '<pre class="pre-scrollable code runnable" data-query="params">:params {name: &#x27;Russia&#x27;, since: 2022}</pre>'
        in page
    )
    for slide in re.findall(r"<slide .*?</slide>", page, re.S):
        queries = re.findall(r'data-query="([^"]+)"', slide)
        if queries:
            assert queries[0] == "params", queries
            used = set(re.findall(r"\$(\w+)", html.unescape(slide)))
            setting = re.search(r'data-query="params">:params \{(.*?)\}</pre>', slide)
            assert setting is not None
            assert used <= set(re.findall(r"(\w+):", html.unescape(setting.group(1)))), used


@pytest.mark.parametrize(
    ("value", "literal"),
    [("Russia", "'Russia'"), ("Côte d'Ivoire", "'Côte d\\'Ivoire'"), ("a\\b", "'a\\\\b'"), (2022, "2022")],
)
def test_parameter_literals(value: object, literal: str) -> None:
    assert cypher_literal(value) == literal


def test_parameter_literals_refuse_other_values() -> None:
    for bad in (True, 1.5, None, ["x"]):
        with pytest.raises(TypeError):
            cypher_literal(bad)
    assert params_command({"name": "Iran", "since": 2014}) == ":params {name: 'Iran', since: 2014}"


@pytest.mark.parametrize("name", BROWSER_QUERIES)
def test_browser_queries_use_only_model_labels_and_types(name: str) -> None:
    text = "\n".join(line.split("//")[0] for line in query(name).splitlines())
    assert set(LABEL.findall(text)) <= set(MODEL.labels) | {"Entity"}
    assert set(REL.findall(text)) <= set(MODEL.relationships)


def test_style_reads_as_the_browser_reads_it() -> None:
    rules = parse_grass(style_grass())
    for label in ("Country", "Organization", "Person", "Place", "WeaponSystem"):
        assert rules[f"node.{label}"]["caption"] == "{name}", label
        assert re.fullmatch(r"#[0-9A-F]{6}", rules[f"node.{label}"]["color"]), label
    colours = {rules[f"node.{label}"]["color"] for label in MODEL.labels if f"node.{label}" in rules}
    assert len(colours) == len([label for label in MODEL.labels if f"node.{label}" in rules])  # one colour each
    assert "color" not in rules["node.Entity"]  # the shared label never overrides a label's colour
    assert rules["relationship.SUPPLIES"]["caption"] == "{weapons} {year}"
    assert "{tiv_delivered}" in rules["relationship.ARMS_FLOW"]["caption"]
    assert "{deals}" in rules["relationship.ARMS_FLOW"]["caption"]


def test_guide_and_style_are_served_to_the_browser_of_another_origin(client: TestClient) -> None:
    origin = {"Origin": "http://127.0.0.1:7474"}
    guide = client.get("/browser-guide", headers={**origin, "pragma": "no-cache", "cache-control": "no-cache"})
    assert guide.status_code == 200 and guide.headers["content-type"].startswith("text/html")
    assert guide.headers["access-control-allow-origin"] == "*" and guide.text == guide_html()
    style = client.get("/browser-style", headers=origin)
    assert style.status_code == 200 and style.text == style_grass()
    assert style.headers["access-control-allow-origin"] == "*"
    # The Browser sends pragma and cache-control with the guide: its browser asks first.
    pre = client.options(
        "/browser-guide",
        headers={
            **origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "pragma,cache-control",
        },
    )
    assert pre.status_code == 204
    assert {"pragma", "cache-control"} <= {h.strip() for h in pre.headers["access-control-allow-headers"].split(",")}


def test_guide_needs_no_key_where_reads_do(tmp_path: Path) -> None:
    settings = Settings(
        neo4j_password="unused-in-these-tests-123456",
        environment="production",
        write_key="w" * 40,
        read_keys="r" * 40,
    )
    app = TestClient(create_app(settings))
    assert app.get("/browser-guide").status_code == 200
    assert app.get("/browser-style").status_code == 200
    assert app.get("/chains", params={"entity": "RUS"}).status_code == 401


def test_managed_server_opens_the_guide_and_style_on_connect(tmp_path: Path) -> None:
    s = Settings(home=tmp_path, http_port=17999, api_url="http://127.0.0.1:18123/")
    conf = server.write_conf(s).read_text().splitlines()
    assert "browser.remote_content_hostname_whitelist=127.0.0.1,localhost" in conf
    assert (
        "browser.post_connect_cmd=config {autoComplete: false};"
        "style http://127.0.0.1:18123/browser-style;play http://127.0.0.1:18123/browser-guide"
    ) in conf
    assert "client.allow_telemetry=false" in conf
    assert not any(line.startswith("browser.allow_outgoing_connections") for line in conf)  # not a Community setting
    other = browser_conf(Settings(api_url="http://armsgraph.internal:8000"))
    assert other["browser.remote_content_hostname_whitelist"] == "127.0.0.1,armsgraph.internal,localhost"


def test_compose_gives_neo4j_the_same_browser_settings() -> None:
    env = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["neo4j"]["environment"]
    conf = browser_conf(Settings())  # the API's default address, as compose publishes it
    for key, value in conf.items():
        name = "NEO4J_" + key.replace("_", "__").replace(".", "_")
        assert env[name] == value, name
    assert env["NEO4J_client_allow__telemetry"] == "false"


def test_up_points_the_browser_at_the_api_it_serves(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARMSGRAPH_API_URL", raising=False)
    assert for_api_at(Settings(), "127.0.0.1", 8123).api_url == "http://127.0.0.1:8123"
    assert for_api_at(Settings(), "0.0.0.0", 8000).api_url == "http://127.0.0.1:8000"
    monkeypatch.setenv("ARMSGRAPH_API_URL", "http://analysis.example:9000")
    assert for_api_at(Settings(), "127.0.0.1", 8123).api_url == "http://analysis.example:9000"
