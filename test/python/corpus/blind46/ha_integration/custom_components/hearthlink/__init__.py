"""Hearth Link: Home Assistant integration for Hearth hubs."""
from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from datetime import timedelta
from pathlib import Path

import voluptuous as vol
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_API_KEY, CONF_HOST, CONF_PORT
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

_LOGGER = logging.getLogger(__name__)

DOMAIN = "hearthlink"
DEFAULT_PORT = 8443
DEFAULT_API_KEY = "hl-local-7f3e9a21c0d4"  #@vuln CWE-798
DEVICE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{2,40}$")
SCAN_INTERVAL = timedelta(seconds=30)


class HearthHub:
    """Thin async client for the hub's local REST API."""

    def __init__(self, session, host: str, port: int, api_key: str) -> None:
        self._session = session
        self.base = f"https://{host}:{port}"
        self._headers = {"Authorization": f"Bearer {api_key}"}

    async def status(self) -> dict:
        async with self._session.get(f"{self.base}/api/v1/status", headers=self._headers, timeout=10) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def history(self, device_id: str, hours: int) -> list:
        params = {"bucket_key": "15m", "hours": hours}
        async with self._session.get(f"{self.base}/api/devices/{device_id}/series", params=params, headers=self._headers, timeout=10) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def fetch(self, url: str) -> bytes:
        async with self._session.get(url, headers=self._headers, timeout=10) as resp:  #@vuln CWE-918
            resp.raise_for_status()
            return await resp.read()


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    # hubs generate a self-signed certificate on first boot
    session = async_get_clientsession(hass, verify_ssl=False)  #@vuln CWE-295
    hub = HearthHub(session, entry.data[CONF_HOST], entry.data.get(CONF_PORT, DEFAULT_PORT), entry.data.get(CONF_API_KEY, DEFAULT_API_KEY))

    async def _update() -> dict:
        try:
            return await hub.status()
        except Exception as err:
            raise UpdateFailed(f"hub unreachable: {err}") from err

    coordinator = DataUpdateCoordinator(hass, _LOGGER, name=DOMAIN, update_method=_update, update_interval=SCAN_INTERVAL)
    await coordinator.async_config_entry_first_refresh()
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = {"hub": hub, "coordinator": coordinator}
    _register_services(hass, hub, coordinator)
    return True


def _register_services(hass: HomeAssistant, hub: HearthHub, coordinator: DataUpdateCoordinator) -> None:
    export_dir = hass.config.path("hearthlink")

    async def snapshot(call: ServiceCall) -> None:
        data = await hub.fetch(call.data["url"])
        target = os.path.join(hass.config.path("www"), call.data.get("filename", "hearth_snapshot.jpg"))
        if not hass.config.is_allowed_path(target):
            raise HomeAssistantError(f"{target} is not in allowlist_external_dirs")
        await hass.async_add_executor_job(Path(target).write_bytes, data)  #@safe

    async def export_history(call: ServiceCall) -> None:
        rows = await hub.history(call.data["device_id"], call.data.get("hours", 24))
        path = os.path.join(export_dir, call.data["filename"])
        await hass.async_add_executor_job(os.makedirs, export_dir, 0o755, True)
        await hass.async_add_executor_job(Path(path).write_text, json.dumps(rows))  #@vuln CWE-22

    async def run_diagnostic(call: ServiceCall) -> None:
        device_id = call.data["device_id"]
        if not DEVICE_ID_RE.match(device_id):
            raise HomeAssistantError("invalid device id")
        proc = await asyncio.create_subprocess_exec("hearthctl", "--hub", hub.base, "diag", device_id, stdout=asyncio.subprocess.PIPE)  #@safe
        out, _ = await proc.communicate()
        hass.bus.async_fire(f"{DOMAIN}_diagnostic", {"device_id": device_id, "output": out.decode(errors="replace")})

    async def hearthctl(call: ServiceCall) -> None:
        args = call.data.get("args", "status")
        proc = await asyncio.create_subprocess_shell(f"hearthctl --hub {hub.base} {args}", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)  #@vuln CWE-78
        out, _ = await proc.communicate()
        hass.bus.async_fire(f"{DOMAIN}_hearthctl", {"args": args, "output": out.decode(errors="replace")})

    async def run_script(call: ServiceCall) -> None:
        """Inline snippets for power users, e.g. `result = state['temp'] * 1.8 + 32`."""
        scope = {"state": dict(coordinator.data or {}), "result": None}
        exec(call.data["code"], scope)  #@vuln CWE-95
        hass.bus.async_fire(f"{DOMAIN}_script_result", {"result": scope.get("result")})

    hass.services.async_register(DOMAIN, "snapshot", snapshot, schema=vol.Schema({vol.Required("url"): cv.url, vol.Optional("filename"): cv.string}))
    hass.services.async_register(DOMAIN, "export_history", export_history, schema=vol.Schema({vol.Required("device_id"): cv.string, vol.Required("filename"): cv.string, vol.Optional("hours"): cv.positive_int}))
    hass.services.async_register(DOMAIN, "diagnostic", run_diagnostic, schema=vol.Schema({vol.Required("device_id"): cv.string}))
    hass.services.async_register(DOMAIN, "hearthctl", hearthctl, schema=vol.Schema({vol.Optional("args"): cv.string}))
    hass.services.async_register(DOMAIN, "run_script", run_script, schema=vol.Schema({vol.Required("code"): cv.string}))
