"""Token mode (`dateline serve --token`, or DATELINE_TOKEN): every request needs the token; a browser logs in once.

- Scripts send `Authorization: Bearer <token>`. Tokens never travel in query strings (they end up in logs, browser
  history and Referer headers), and the server logs no request line.
- The browser shows /login, where the token is typed once; the answer sets an HttpOnly, SameSite=Strict cookie
  holding a value derived from the token (HMAC-SHA256), not the token itself. /logout clears it.
- Requests that change something (POST) authenticated by the cookie must come from this server's own pages (their
  Origin, when sent, is this host), so another site cannot make a logged-in browser post a review.
- Tokens shorter than MIN_TOKEN_LENGTH characters are refused when the server starts.
- /internal/... (what `dateline ingest` sends) needs the per-run secret of the server's note instead (sidecar.py).
Comparisons run in constant time (hmac.compare_digest).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from dateline.web.dependencies import error_body

MIN_TOKEN_LENGTH = 16
COOKIE = "dateline_session"
LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"
INTERNAL_PREFIX = "/internal/"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_LOGIN_BODY = 4096


class WeakTokenError(ValueError):
    """A token too short to resist guessing."""


def check_token(token: str) -> None:
    if len(token) < MIN_TOKEN_LENGTH:
        raise WeakTokenError(f"the token must have at least {MIN_TOKEN_LENGTH} characters (it has {len(token)})")


def session_value(token: str) -> str:
    """What the cookie holds: derived from the token, so the cookie never carries the token itself."""
    return hmac.new(token.encode("utf-8"), b"dateline browser session", hashlib.sha256).hexdigest()


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    return header[7:].strip() if header[:7].lower() == "bearer " else ""


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host", "")


def _wants_page(request: Request) -> bool:
    return (
        request.method == "GET"
        and not request.url.path.startswith(("/api/", "/internal/"))
        and "text/html" in request.headers.get("accept", "")
    )


def _safe_next(value: str) -> str:
    """Where to go after logging in: a path of this server only (no scheme, no host, no //)."""
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else "/"


def login_page(request: Request, *, message: str = "", status: int = 200) -> HTMLResponse:
    page: HTMLResponse = request.app.state.templates.TemplateResponse(
        request,
        "login.html",
        {"message": message, "next": _safe_next(request.query_params.get("next", "/")), "json_twin": None},
        status_code=status,
    )
    return page


def add_token_check(app: FastAPI, token: str) -> None:
    """Require the token (or the browser cookie) on every request but the login form; add /login and /logout."""
    check_token(token)
    cookie = session_value(token)

    @app.middleware("http")
    async def require_token(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        path = request.url.path
        if path in (LOGIN_PATH, LOGOUT_PATH) or path.startswith(INTERNAL_PREFIX):
            return await call_next(request)  # the internal routes check the server's secret themselves
        if _same(bearer(request), token):
            return await call_next(request)
        if _same(request.cookies.get(COOKIE, ""), cookie):
            if request.method not in SAFE_METHODS and not _same_origin(request):
                return JSONResponse(error_body(403, "cross-site request refused"), status_code=403)
            return await call_next(request)
        if _wants_page(request):
            return RedirectResponse(f"{LOGIN_PATH}?next={request.url.path}", status_code=303)
        body = error_body(401, "missing or wrong token: send Authorization: Bearer <token>, or log in at /login")
        return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.get(LOGIN_PATH, include_in_schema=False, response_class=HTMLResponse)
    def login_form(request: Request) -> HTMLResponse:
        return login_page(request)

    @app.post(LOGIN_PATH, include_in_schema=False)
    async def login(request: Request) -> Response:
        body = await request.body()
        given = parse_qs(body[:MAX_LOGIN_BODY].decode("utf-8", "replace")).get("token", [""])[0]
        if not _same(given, token):
            return login_page(request, message="That is not the token this server was started with.", status=401)
        form_next = parse_qs(body[:MAX_LOGIN_BODY].decode("utf-8", "replace")).get("next", ["/"])[0]
        answer = RedirectResponse(_safe_next(form_next), status_code=303)
        secure = request.url.scheme == "https"
        answer.set_cookie(COOKIE, cookie, httponly=True, samesite="strict", secure=secure, path="/")
        return answer

    @app.post(LOGOUT_PATH, include_in_schema=False)
    def logout() -> Response:
        answer = RedirectResponse(LOGIN_PATH, status_code=303)
        answer.delete_cookie(COOKIE, path="/")
        return answer
