"""One error path: domain errors become a status code, then an error page or JSON.

Under /api the body is `{"error": {"code", "message", "details"}}`; pages get error.html.
Unexpected errors are logged with their traceback and shown as a short message.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from blamefree.domain import BlamefreeError, Conflict, InvalidInput, NotFound
from blamefree.web.templating import templates

log = logging.getLogger("blamefree.web")

_STATUS = {
    NotFound: (404, "not_found"),
    Conflict: (409, "conflict"),
    InvalidInput: (422, "invalid"),
}


def _status_of(error: BlamefreeError) -> tuple[int, str]:
    for kind, status in _STATUS.items():
        if isinstance(error, kind):
            return status
    return 400, "bad_request"


def error_response(
    request: Request, status: int, code: str, message: str, details: dict[str, object] | None = None
) -> Response:
    """The error in the shape the caller expects: JSON under /api, a page elsewhere."""
    if request.url.path.startswith("/api/"):
        body = {"error": {"code": code, "message": message, "details": details or {}}}
        return JSONResponse(body, status_code=status)
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""

    @app.exception_handler(BlamefreeError)
    async def domain_error(request: Request, error: BlamefreeError) -> Response:
        status, code = _status_of(error)
        details: dict[str, object] = {}
        if isinstance(error, Conflict):
            details["current_version"] = error.current_version
        return error_response(request, status, code, str(error), details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = "page not found" if error.status_code == 404 else str(error.detail)
        code = "not_found" if error.status_code == 404 else "http_error"
        return error_response(request, error.status_code, code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]
        return error_response(request, 422, "invalid", "; ".join(problems))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal", "internal error, details in the server log")
