"""The API's security rules: token on every request when set, loopback-only without one, CORS off by default,
and a server that lets `ingest` write to its database between requests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner
from web_data import build_database

from dateline.cli import app as cli_app
from dateline.settings import Settings
from dateline.web.app import MissingTokenError, check_bind, create_app

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_database(tmp_path_factory.mktemp("security") / "small.duckdb")


@pytest.fixture(scope="module")
def guarded(db_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db_path)), token=TOKEN)) as client:
        yield client


@pytest.mark.parametrize("path", ["/api/events", "/", "/openapi.json", "/docs", "/static/favicon.svg"])
def test_api_security_refuses_requests_without_token(guarded: TestClient, path: str) -> None:
    response = guarded.get(path)
    assert response.status_code == 401
    assert response.json()["ok"] is False


@pytest.mark.parametrize(
    ("headers", "query"),
    [
        ({"Authorization": "Bearer wrong"}, ""),
        ({"Authorization": f"Basic {TOKEN}"}, ""),
        ({}, "?token=s3cret"),
        ({}, "?token=" + TOKEN + "x"),
        ({"Authorization": "Bearer "}, ""),
    ],
)
def test_api_security_refuses_wrong_tokens(guarded: TestClient, headers: dict[str, str], query: str) -> None:
    assert guarded.get("/api/events" + query, headers=headers).status_code == 401


@pytest.mark.parametrize(
    ("headers", "query"),
    [({"Authorization": f"Bearer {TOKEN}"}, ""), ({"authorization": f"bearer {TOKEN}"}, ""), ({}, f"?token={TOKEN}")],
)
def test_api_security_accepts_the_token(guarded: TestClient, headers: dict[str, str], query: str) -> None:
    response = guarded.get("/api/events" + query, headers=headers)
    assert response.status_code == 200
    assert response.json()["total"] > 0


def test_api_security_token_guards_static_files(guarded: TestClient) -> None:
    assert guarded.get("/static/favicon.svg").status_code == 401
    assert guarded.get(f"/static/favicon.svg?token={TOKEN}").status_code == 200


@pytest.mark.parametrize(
    ("host", "token", "allowed"),
    [
        ("127.0.0.1", None, True),
        ("localhost", None, True),
        ("::1", None, True),
        ("0.0.0.0", None, False),
        ("192.168.1.5", "", False),
        ("0.0.0.0", "t", True),
    ],
)
def test_api_security_bind_beyond_loopback_needs_token(host: str, token: str | None, allowed: bool) -> None:
    if allowed:
        check_bind(host, token)
    else:
        with pytest.raises(MissingTokenError, match=host):
            check_bind(host, token)


def test_api_security_serve_refuses_public_bind_without_token(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATELINE_TOKEN", raising=False)
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(db_path), "--host", "0.0.0.0"])
    assert result.exit_code != 0
    assert "requires a token" in result.output


def test_api_security_serve_get_uses_env_token(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_TOKEN", TOKEN)
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(db_path), "--get", "/api/events?limit=1"])
    assert result.exit_code == 0, result.output
    assert '"total"' in result.output


def test_api_security_cors_is_off_by_default(db_path: Path) -> None:
    with TestClient(create_app(Settings(db=str(db_path)))) as client:
        response = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_api_security_cors_allows_only_named_origins(db_path: Path) -> None:
    app = create_app(Settings(db=str(db_path)), cors_origins=["https://ok.example"])
    with TestClient(app) as client:
        good = client.get("/api/events", headers={"Origin": "https://ok.example"})
        bad = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert good.headers["access-control-allow-origin"] == "https://ok.example"
    assert "access-control-allow-origin" not in bad.headers


@pytest.mark.parametrize(
    "query",
    ["q=%27%3B%20DROP%20TABLE%20events%3B--", "actor=%27%20OR%201%3D1--", "limit=100000000", "offset=-5", "sort=%22x"],
)
def test_api_security_hostile_queries_never_500(guarded: TestClient, query: str) -> None:
    response = guarded.get(f"/api/events?{query}&token={TOKEN}")
    assert response.status_code in (200, 400)
    assert guarded.get(f"/api/events?token={TOKEN}").json()["total"] > 0  # nothing was dropped


_WRITER = """
import sys
from dateline.store import Store
from dateline.bench.synthetic import synthetic_extraction
with Store(sys.argv[1]) as store:
    store.write_batch([synthetic_extraction(n, seed=7) for n in range(3)])
"""


def test_api_security_ingest_while_serving(tmp_path: Path) -> None:
    db = build_database(tmp_path / "live.duckdb")
    with TestClient(create_app(Settings(db=str(db)))) as client:
        before = client.get("/api/events").json()["total"]
        written = subprocess.run([sys.executable, "-c", _WRITER, str(db)], capture_output=True, text=True, timeout=120)
        assert written.returncode == 0, written.stderr
        after = client.get("/api/events").json()["total"]
    assert after == before + 6  # three synthetic articles of two events each


def _fuzz_schema() -> Any:
    import tempfile

    import schemathesis

    from dateline.bench.fuzz import path_parameter_hook, stored_ids

    db = build_database(Path(tempfile.mkdtemp(prefix="dateline-fuzz-")) / "fuzz.duckdb")
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(db=str(db))))
    schema.hook(path_parameter_hook(stored_ids(db)))  # single-item routes are reached with ids that exist
    return schema


fuzz_schema = _fuzz_schema()


@pytest.mark.slow
@fuzz_schema.parametrize()  # type: ignore[untyped-decorator]
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_security_fuzz_never_answers_5xx(case: Any) -> None:
    response = case.call()
    assert response.status_code < 500, (case.path, case.query, response.text[:200])


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", [path for path in fuzz_schema.raw_schema["paths"] if path.startswith("/api/") and "{" in path]
)
def test_api_security_fuzz_reaches_single_items_with_stored_ids(path: str) -> None:
    """The fuzz draws ids that exist for single-item routes: some of its requests find the item."""
    statuses: set[int] = set()

    @given(case=fuzz_schema[path]["GET"].as_strategy())
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def draw(case: Any) -> None:
        statuses.add(case.call().status_code)

    draw()
    assert 200 in statuses and max(statuses) < 500, statuses
