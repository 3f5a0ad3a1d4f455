from litestar import Litestar, get
from litestar.config.cors import CORSConfig

from .controllers import DocumentController


@get("/healthz")
async def healthz() -> dict:
    return {"status": "ok"}


cors = CORSConfig(allow_origins=["https://docs.acme.example"])

app = Litestar(route_handlers=[DocumentController, healthz], cors_config=cors, debug=True)  #@vuln CWE-489|CWE-215
