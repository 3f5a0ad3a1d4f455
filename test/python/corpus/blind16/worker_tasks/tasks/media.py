import os

from ..celery_app import MEDIA_ROOT, UPLOAD_ROOT, app
from ..utils.shell import archive_directory, convert_image, disk_usage, make_thumbnail


@app.task(bind=True, max_retries=3)
def process_upload(self, upload_id: int, original_name: str, size: str = "1600x1200"):
    src = os.path.join(UPLOAD_ROOT, str(upload_id))
    base, _ = os.path.splitext(os.path.basename(original_name))
    dst = os.path.join(MEDIA_ROOT, f"{upload_id}-{base}.jpg")
    try:
        convert_image(src, dst, size)
        make_thumbnail(dst, dst.replace(".jpg", "-thumb.jpg"))
    except Exception as exc:
        raise self.retry(exc=exc, countdown=30)
    return {"path": dst}


@app.task
def archive_tenant_media(tenant_slug: str):
    folder = os.path.join(MEDIA_ROOT, tenant_slug)
    archive_directory(folder, f"/srv/archives/{tenant_slug}.tar.gz")
    return {"tenant": tenant_slug, "size": disk_usage(folder)}
