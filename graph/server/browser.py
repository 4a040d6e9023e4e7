"""The Neo4j Browser settings of the managed server (and of docker-compose.yml, which repeats them).

On connect the Browser applies armsgraph's style and plays its guide, both served by the API
(``api/routers/browser_guide.py``, built by ``api/browser_guide``). ``browser.post_connect_cmd``
first turns off the Browser's "Connect result nodes" (``autoComplete``: it would draw every
SUPPLIES deal between the nodes of an ARMS_FLOW picture again), then runs ``:style`` and ``:play`` of their addresses;
``browser.remote_content_hostname_whitelist`` lets the Browser fetch them from the API's host
(and this machine's names) and from no other host.

Neo4j 5.26 names that setting ``..._whitelist``: ``browser.remote_content_hostname_allowlist`` is
not a 5.26 setting, and neither is ``browser.allow_outgoing_connections`` in Community (the server
refuses to start with either, its configuration being strictly validated).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from settings import Settings

#: Turns off the Browser's "Connect result nodes" (a client setting, kept in the web browser).
NO_CONNECT_RESULT_NODES = "config {autoComplete: false}"


def browser_conf(settings: Settings) -> dict[str, str]:
    """``neo4j.conf`` entries for the Browser: armsgraph's style and guide on connect."""
    api = settings.api_url.rstrip("/")
    hosts = sorted({urlsplit(api).hostname or "127.0.0.1", "127.0.0.1", "localhost"})
    commands = [NO_CONNECT_RESULT_NODES, f"style {api}/browser-style", f"play {api}/browser-guide"]
    return {
        "browser.remote_content_hostname_whitelist": ",".join(hosts),
        "browser.post_connect_cmd": ";".join(commands),
    }


def for_api_at(settings: Settings, host: str, port: int) -> Settings:
    """``settings`` with ``api_url`` the address of an API served on ``host``:``port`` (as
    `armsgraph up --port` serves it), unless ``ARMSGRAPH_API_URL`` names one."""
    if "api_url" in settings.model_fields_set:
        return settings
    reachable = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return settings.model_copy(update={"api_url": f"http://{reachable}:{port}"})
