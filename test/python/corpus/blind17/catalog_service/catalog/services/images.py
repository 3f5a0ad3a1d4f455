from pathlib import Path

import httpx

from catalog.config import settings

MAX_IMAGE_BYTES = 5 * 1024 * 1024


async def download_remote_image(url: str, filename: str) -> Path:
    async with httpx.AsyncClient(timeout=settings.request_timeout, follow_redirects=True) as client:
        response = await client.get(url)  #@vuln CWE-918
        response.raise_for_status()
    if len(response.content) > MAX_IMAGE_BYTES:
        raise ValueError("image too large")
    dest = Path(settings.image_dir) / filename
    dest.write_bytes(response.content)  #@vuln CWE-22
    return dest
