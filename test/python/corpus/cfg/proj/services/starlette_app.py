import os
from starlette.applications import Starlette
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import JSONResponse

app = Starlette()
app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"], https_only=False)  #@vuln CWE-614


async def login(request):
    resp = JSONResponse({"ok": True})
    resp.set_cookie(key="access_token", value="t", httponly=True)  #@vuln CWE-614
    resp.set_cookie(key="consent", value="yes")  #@safe
    return resp
