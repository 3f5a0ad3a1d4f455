"""Fleet map and telemetry endpoints used by the customer portal."""
from datetime import datetime, timedelta, timezone

from fastapi import APIRouter, Depends, Header, HTTPException, Query

from telemetry import store as telemetry_store

from . import repository
from .security import current_driver_id

router = APIRouter(prefix="/fleet", tags=["fleet"])

def _fleet_code(x_fleet_code: str = Header(...)) -> str:
    return x_fleet_code


@router.get("/positions")
async def positions(vehicle: list[int] = Query(...), minutes: int = Query(30, le=1440)):
    since = datetime.now(timezone.utc) - timedelta(minutes=minutes)
    return await repository.vehicle_positions(vehicle, since)


@router.get("/map")
async def map_view(bbox: str = Query(...), fleet_code: str = Depends(_fleet_code)):
    return await repository.positions_in_bbox(fleet_code, bbox)


@router.get("/vehicles/{vehicle_id}/speeding")
def speeding_events(vehicle_id: str, threshold: str = Query("90"), fleet_code: str = Depends(_fleet_code)):
    return telemetry_store.speeding_samples(fleet_code, vehicle_id, threshold)


@router.post("/vehicles/{vehicle_id}/events/search")
def search_events(vehicle_id: str, criteria: dict, fleet_code: str = Depends(_fleet_code)):
    return telemetry_store.find_events(fleet_code, vehicle_id, criteria)


@router.get("/vehicles/{vehicle_id}/trail")
def trail(vehicle_id: str, hours: int = Query(6, ge=1, le=72), driver_id: int = Depends(current_driver_id)):
    since = datetime.now(timezone.utc) - timedelta(hours=hours)
    samples = telemetry_store.recent_samples(vehicle_id, since)
    if not samples:
        raise HTTPException(404, "no telemetry in window")
    return samples
