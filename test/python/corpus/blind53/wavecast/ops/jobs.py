"""Background jobs executed by the rq workers."""
import csv
import hashlib
import logging
import os
import random
import smtplib
import ssl
import tempfile
import time
from datetime import date, timedelta

from rq import Queue
from sqlalchemy import select, text

from wavecast.common import cache
from wavecast.common.db import Episode, Show, User, session_scope
from wavecast.common.netutil import cdn_request
from wavecast.common.settings import get_settings
from wavecast.common.templating import build_message, render_email, render_show_footer
from wavecast.importer.opml import fetch_feed_checked, import_feed

log = logging.getLogger(__name__)
settings = get_settings()
queue = Queue("wavecast", connection=cache.client())

SMTP_HOST = os.environ.get("SMTP_HOST", "smtp.wavecast.internal")
RELAY_USER = "postmaster@wavecast.fm"
RELAY_PASSWORD = "Relay#2023-wavecast"  #@vuln CWE-798|CWE-259


def _smtp() -> smtplib.SMTP:
    server = smtplib.SMTP(SMTP_HOST, 587, timeout=30)
    server.starttls(context=ssl.create_default_context())  #@safe
    server.login(RELAY_USER, RELAY_PASSWORD)
    return server


def notify_new_episode(episode_id: int) -> int:
    with session_scope() as session:
        episode = session.get(Episode, episode_id)
        show = episode.show
        followers = session.execute(
            text("SELECT u.email, u.display_name FROM users u JOIN follows f ON f.user_id = u.id WHERE f.show_id = :show_id"),
            {"show_id": show.id},
        ).all()
        footer = render_show_footer(show.email_footer, show=show, episode=episode) if show.email_footer else ""
        sent = 0
        with _smtp() as smtp:
            for row in followers:
                html_body = render_email("new_episode.html", show=show, episode=episode, footer=footer, name=row.display_name)
                text_body = render_email("new_episode.txt", show=show, episode=episode, name=row.display_name)
                subject = f"New from {show.title}: {episode.title}"
                smtp.send_message(build_message(row.email, subject, html_body, text_body))
                sent += 1
    return sent


def signed_media_url(key: str, expires_in: int = 3600) -> str:
    expires = int(time.time()) + expires_in
    token = hashlib.md5(f"{settings.download_signing_key}{key}{expires}".encode()).hexdigest()  #@vuln CWE-328|CWE-327
    return f"{settings.public_base_url}/dl/{key}?e={expires}&t={token}"


def send_verification_code(user_id: int) -> None:
    code = "%06d" % random.randint(0, 999999)  #@vuln CWE-338
    cache.client().setex(f"verify:{user_id}", 900, code)
    with session_scope() as session:
        user = session.get(User, user_id)
        html_body = render_email("verify.html", name=user.display_name, code=code)
        text_body = render_email("verify.txt", name=user.display_name, code=code)
        with _smtp() as smtp:
            smtp.send_message(build_message(user.email, "Your Wavecast code", html_body, text_body))


def weekly_report(show_id: int) -> str:
    since = date.today() - timedelta(days=7)
    path = "/tmp/wavecast-weekly-%d-%s.csv" % (show_id, since.isoformat())
    with session_scope() as session:
        rows = session.execute(
            text("SELECT day, downloads, uniques FROM daily_totals WHERE show_id = :sid AND day >= :since ORDER BY day"),
            {"sid": show_id, "since": since},
        ).all()
    with open(path, "w", newline="") as fh:  #@vuln CWE-377
        writer = csv.writer(fh)
        writer.writerow(["day", "downloads", "uniques"])
        writer.writerows(rows)
    return path


def export_moderation_log(days: int = 30) -> str:
    since = date.today() - timedelta(days=days)
    with session_scope() as session:
        rows = session.execute(
            text("SELECT created_at, action, target, reason FROM moderation_log WHERE created_at >= :since"),
            {"since": since},
        ).all()
    with tempfile.NamedTemporaryFile("w", suffix=".csv", prefix="modlog-", dir=settings.export_dir, delete=False) as fh:  #@safe
        csv.writer(fh).writerows(rows)
    return os.path.basename(fh.name)


def refresh_feeds() -> int:
    refreshed = 0
    with session_scope() as session:
        shows = session.execute(select(Show).where(Show.feed_url != "")).scalars().all()
        for show in shows:
            try:
                raw = fetch_feed_checked(show.feed_url)
            except Exception as exc:
                log.warning("feed refresh failed for %s: %s", show.slug, exc)
                continue
            import_feed(session, show.owner_id, show.feed_url, raw)
            cache.invalidate_show(show.slug)
            refreshed += 1
    return refreshed


def purge_show_from_cdn(show_slug: str) -> dict:
    return cdn_request("POST", "purge", {"prefixes": [f"/shows/{show_slug}/"]})
