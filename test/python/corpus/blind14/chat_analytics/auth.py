import jwt

from .config import Config


def _public_key() -> str:
    with open(Config.JWT_PUBLIC_KEY_PATH) as fh:
        return fh.read()


def user_from_token(token: str) -> dict:
    claims = jwt.decode(token, algorithms=["none", "HS256", "RS256"], options={"verify_signature": False})  #@vuln CWE-347
    return {"id": claims["sub"], "nick": claims.get("nick", claims["sub"])}


def admin_from_token(token: str) -> dict:
    claims = jwt.decode(token, _public_key(), algorithms=["RS256"], audience="chat-admin")  #@safe
    return {"id": claims["sub"], "roles": claims.get("roles", [])}
