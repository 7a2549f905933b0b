"""The API's security rules: token on every request when set (a header for scripts, a login cookie for browsers, never
a query string), tokens of 16 characters or more, loopback-only without one, CORS off by default, SQL that reaches
no file but the database, and a server whose errors name no file or process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner
from web_data import build_database

from dateline.cli import app as cli_app
from dateline.settings import Settings
from dateline.web.app import MissingTokenError, check_bind, create_app

TOKEN = "s3cret-token-of-24-chars"


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
        ({"Authorization": f"Bearer {TOKEN}x"}, ""),
        ({"Authorization": "Bearer "}, ""),
        # A token in the query string would end up in logs, history and Referer headers: never accepted (#24).
        ({}, f"?token={TOKEN}"),
    ],
)
def test_api_security_refuses_wrong_tokens(guarded: TestClient, headers: dict[str, str], query: str) -> None:
    assert guarded.get("/api/events" + query, headers=headers).status_code == 401


@pytest.mark.parametrize("headers", [{"Authorization": f"Bearer {TOKEN}"}, {"authorization": f"bearer {TOKEN}"}])
def test_api_security_accepts_the_token(guarded: TestClient, headers: dict[str, str]) -> None:
    response = guarded.get("/api/events", headers=headers)
    assert response.status_code == 200
    assert response.json()["total"] > 0


def test_api_security_token_guards_static_files(guarded: TestClient) -> None:
    assert guarded.get("/static/favicon.svg").status_code == 401
    assert guarded.get("/static/favicon.svg", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_api_security_browser_page_without_token_goes_to_login(guarded: TestClient) -> None:
    response = guarded.get("/events/art-a-e1", headers={"Accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/events/art-a-e1"
    form = guarded.get("/login")
    assert form.status_code == 200
    assert 'name="token"' in form.text and "/static/" not in form.text  # the login page needs no guarded file


def _login(db_path: Path, token: str = TOKEN) -> TestClient:
    client = TestClient(create_app(Settings(db=str(db_path)), token=TOKEN), base_url="http://127.0.0.1")
    response = client.post("/login", data={"token": token, "next": "/quotes"}, follow_redirects=False)
    assert response.status_code == (303 if token == TOKEN else 401)
    return client


def test_api_security_login_sets_an_httponly_samesite_cookie_without_the_token(db_path: Path) -> None:
    client = _login(db_path)
    cookie = client.cookies.get("dateline_session")
    assert cookie and TOKEN not in cookie
    response = client.post("/login", data={"token": TOKEN}, follow_redirects=False)
    header = response.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=strict" in header and "path=/" in header
    # The cookie lets the browser in: pages, their scripts and styles, and the API calls they make.
    for path in ["/", "/static/dateline.css", "/vendor/d3/d3.min.js", "/api/events"]:
        assert client.get(path).status_code in (200, 404), path  # 404: vendor files absent without npm
    assert client.get("/api/events").json()["total"] > 0


def test_api_security_login_refuses_a_wrong_token(db_path: Path) -> None:
    client = _login(db_path, token="not-the-token-at-all")
    assert "dateline_session" not in client.cookies
    assert client.get("/api/events").status_code == 401


def test_api_security_login_goes_back_only_to_this_server(db_path: Path) -> None:
    client = TestClient(create_app(Settings(db=str(db_path)), token=TOKEN))
    for target, expected in [("/quotes", "/quotes"), ("//evil.example/x", "/"), ("https://evil.example", "/")]:
        response = client.post("/login", data={"token": TOKEN, "next": target}, follow_redirects=False)
        assert response.headers["location"] == expected


def test_api_security_cookie_posts_from_another_site_are_refused(db_path: Path) -> None:
    client = _login(db_path)
    body = {"status": "confirmed", "reviewer": "x"}
    response = client.post("/api/events/art-a-e1/review", json=body, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403


@pytest.mark.parametrize("token", ["short", "fifteen-chars!!"])
def test_api_security_refuses_short_tokens(db_path: Path, token: str) -> None:
    with pytest.raises(ValueError, match="at least 16 characters"):
        create_app(Settings(db=str(db_path)), token=token)
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(db_path), "--token", token, "--get", "/api/events"])
    assert result.exit_code == 2
    assert "at least 16 characters" in result.output


@pytest.mark.parametrize(
    ("host", "token", "allowed"),
    [
        ("127.0.0.1", None, True),
        ("localhost", None, True),
        ("::1", None, True),
        ("0.0.0.0", None, False),
        ("192.168.1.5", "", False),
        ("0.0.0.0", TOKEN, True),
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
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = guarded.get(f"/api/events?{query}", headers=headers)
    assert response.status_code in (200, 400)
    assert guarded.get("/api/events", headers=headers).json()["total"] > 0  # nothing was dropped


def test_api_security_sql_reaches_no_file(guarded: TestClient) -> None:
    # The served connection runs with DuckDB's external access off: no query can read or write another file.
    served = guarded.app.state.served  # type: ignore[attr-defined]
    with served.reader() as con, pytest.raises(duckdb.Error, match="disabled by configuration"):
        con.execute("SELECT * FROM read_csv('/etc/passwd')")
    with served.reader() as con, pytest.raises(duckdb.Error, match="disabled by configuration"):
        con.execute("COPY (SELECT 1) TO '/tmp/dateline-should-not-exist.csv'")


def test_api_security_database_errors_name_no_file_or_process(db_path: Path) -> None:
    app = create_app(Settings(db=str(db_path)))

    @app.get("/api/boom")
    def boom() -> None:
        raise duckdb.IOException(f'Could not set lock on file "{db_path}": Conflicting lock is held (PID 4242)')

    response = TestClient(app).get("/api/boom")
    assert response.status_code == 503
    assert str(db_path) not in response.text and "4242" not in response.text and "PID" not in response.text


def _fuzz_schema() -> Any:
    import tempfile

    import schemathesis

    from dateline.bench.fuzz import path_parameter_hook, stored_ids

    db = build_database(Path(tempfile.mkdtemp(prefix="dateline-fuzz-")) / "fuzz.duckdb")
    ids = stored_ids(db)  # before the app opens the file (in this process, with its own configuration)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(db=str(db))))
    schema.hook(path_parameter_hook(ids))  # single-item routes are reached with ids that exist
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
    "path",
    [
        path
        for path, methods in fuzz_schema.raw_schema["paths"].items()
        if path.startswith("/api/") and "{" in path and "get" in methods  # the reads (reviews post, need the token)
    ],
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
