"""Shared FastAPI dependencies."""
import jwt
from fastapi import Depends, Header, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from wavecast.common.db import Show, User, get_db
from wavecast.common.security import decode_access_token, partner_claims

bearer = HTTPBearer(auto_error=False)


def current_user(
    creds: HTTPAuthorizationCredentials = Depends(bearer),
    db: Session = Depends(get_db),
) -> User:
    if creds is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing credentials")
    try:
        claims = decode_access_token(creds.credentials)
    except jwt.PyJWTError:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")
    user = db.get(User, int(claims["sub"]))
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown user")
    return user


def owned_show(show_id: int, user: User = Depends(current_user), db: Session = Depends(get_db)) -> Show:
    show = db.get(Show, show_id)
    if show is None or (show.owner_id != user.id and not user.is_moderator):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "show not found")
    return show


def partner_context(x_partner_token: str = Header(...)) -> dict:
    claims = partner_claims(x_partner_token)
    if "partner_id" not in claims or "show_ids" not in claims:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "partner token lacks scope")
    return claims
