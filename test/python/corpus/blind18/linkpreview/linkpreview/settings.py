import os
import ssl

LISTEN_PORT = int(os.environ.get("LINKPREVIEW_PORT", "8081"))
THEME_DIR = os.environ.get("LINKPREVIEW_THEMES", "/opt/linkpreview/themes")
ALLOWED_IMAGE_HOSTS = frozenset({"images.cdn.example.com", "media.example.org"})
MAX_BYTES = 2 * 1024 * 1024
USER_AGENT = "linkpreview/1.4 (+https://example.com/bot)"


def upstream_ssl_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    return ctx
