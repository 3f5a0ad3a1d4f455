from fastapi import APIRouter, HTTPException

from ..clients.partner import ping_url
from ..deps import PartnerClaims
from ..schemas import CallbackRegistration

router = APIRouter(prefix="/partners", tags=["partners"])


@router.post("/callbacks/test")
async def test_callback(reg: CallbackRegistration, claims: PartnerClaims) -> dict:
    if reg.partner_id != claims["partner_id"]:
        raise HTTPException(403, "partner mismatch")
    code = await ping_url(str(reg.callback_url))
    return {"reachable": code < 400, "status": code}
