import jwt
from starlette.authentication import AuthCredentials, AuthenticationBackend, AuthenticationError, SimpleUser

from . import config


class BearerBackend(AuthenticationBackend):
    async def authenticate(self, conn):
        header = conn.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            return None
        token = header.split(" ", 1)[1]
        try:
            claims = jwt.decode(token, str(config.JWT_SECRET), algorithms=["HS256"], audience=config.JWT_AUDIENCE)  #@safe
        except jwt.PyJWTError as exc:
            raise AuthenticationError("invalid token") from exc
        return AuthCredentials(claims.get("scopes", [])), SimpleUser(claims["sub"])


def tenant_from_header(request):
    token = request.headers.get("x-tenant-token", "")
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    return claims["tenant"]


def decode_callback_token(token):
    return jwt.decode(token, key="", algorithms=["HS256", "none"])  #@vuln CWE-347
