"""Public episode pages, search, analytics and partner ingest."""
import html
import re
from datetime import date, timedelta
from urllib.parse import urlparse

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from wavecast.api import analytics
from wavecast.api.deps import current_user, owned_show, partner_context
from wavecast.api.repository import CommentRepository, EpisodeRepository
from wavecast.common import cache
from wavecast.common.db import Episode, get_db
from wavecast.common.settings import get_settings

router = APIRouter(tags=["episodes"])
settings = get_settings()


class EmbedPlayer:
    shell = (
        '<!doctype html><html><head><link rel="stylesheet" href="/static/player.css"></head>'
        '<body class="theme-{theme}"><div id="player" data-src="{src}">'
        "<h1>{title}</h1><p>{show}</p></div>"
        '<script src="/static/player.js"></script></body></html>'
    )


def _load_episode(db: Session, episode_id: int) -> Episode:
    key = f"episode:{episode_id}"
    episode = cache.get_object(key)
    if episode is None:
        episode = db.get(Episode, episode_id)
        if episode is None:
            raise HTTPException(404, "episode not found")
        cache.set_object(key, episode)
    return episode


@router.get("/episodes/search")
def search(q: str = Query(..., min_length=2), sort: str = "published_at DESC", db: Session = Depends(get_db)):
    return {"results": EpisodeRepository(db).search(q, sort)}


@router.get("/episodes/suggest")
def suggest(prefix: str, db: Session = Depends(get_db)):
    return {"titles": EpisodeRepository(db).suggest(prefix)}


@router.get("/episodes/tagged/{tag}")
def tagged(tag: str, db: Session = Depends(get_db)):
    return [{"id": e.id, "title": e.title} for e in EpisodeRepository(db).with_tag(tag)]


@router.get("/episodes/{episode_id}/embed", response_class=HTMLResponse)
def embed(episode_id: int, request: Request, db: Session = Depends(get_db)):
    episode = _load_episode(db, episode_id)
    theme = request.query_params.get("theme", "light")
    page = EmbedPlayer.shell.format(
        theme=theme,
        src=f"/stream/{episode.id}",
        title=html.escape(episode.title),
        show=html.escape(episode.show.title),
    )
    return HTMLResponse(page)  #@vuln CWE-79


@router.get("/episodes/{episode_id}/card", response_class=HTMLResponse)
def share_card(episode_id: int, ref: str = "", db: Session = Depends(get_db)):
    episode = _load_episode(db, episode_id)
    body = (
        f'<div class="card"><h2>{html.escape(episode.title)}</h2>'
        f'<p>{html.escape(episode.summary[:280])}</p>'
        f'<a href="/e/{episode.id}?ref={html.escape(ref, quote=True)}">Listen</a></div>'
    )
    return HTMLResponse(body)  #@safe


@router.get("/go")
def go(to: str):
    return RedirectResponse(to, status_code=302)  #@vuln CWE-601


@router.get("/out")
def outbound(to: str):
    host = urlparse(to).hostname or ""
    if host not in settings.allowed_redirect_hosts:
        return RedirectResponse(settings.public_base_url, status_code=302)
    return RedirectResponse(to, status_code=302)  #@safe


@router.get("/episodes/{episode_id}/transcript/search")
def transcript_search(episode_id: int, pattern: str, db: Session = Depends(get_db)):
    episode = _load_episode(db, episode_id)
    matcher = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
    lines = [line for line in (episode.summary or "").splitlines() if matcher.search(line)]
    return {"matches": lines[:100]}


@router.get("/episodes/{episode_id}/transcript/find")
def transcript_find(episode_id: int, phrase: str, db: Session = Depends(get_db)):
    episode = _load_episode(db, episode_id)
    matcher = re.compile(re.escape(phrase), re.IGNORECASE)  #@safe
    return {"count": len(matcher.findall(episode.summary or ""))}


@router.delete("/episodes/{episode_id}/comments")
def hide_comments(episode_id: int, ids: str, user=Depends(current_user), db: Session = Depends(get_db)):
    if not user.is_moderator:
        raise HTTPException(403, "moderators only")
    hidden = CommentRepository(db).hide_many(ids.split(","))
    return {"hidden": hidden}


@router.get("/shows/{show_id}/analytics/daily")
def analytics_daily(show_id: int, days: int = 30, show=Depends(owned_show)):
    return analytics.daily_plays(show.id, date.today() - timedelta(days=days))


@router.get("/shows/{show_id}/analytics/breakdown")
def analytics_breakdown(show_id: str, by: str = "country", user=Depends(current_user)):
    return analytics.breakdown(show_id, by)


@router.get("/shows/{show_id}/analytics/clients")
def analytics_clients(show_id: int, ua: str, show=Depends(owned_show)):
    return {"plays": analytics.plays_by_client(show.id, ua)}


@router.get("/shows/{show_id}/analytics/metric")
def analytics_metric(show_id: int, expr: str, range: str = "('2024-01-01', '2024-12-31')", show=Depends(owned_show)):
    start, _ = analytics.parse_range(range)
    return analytics.computed_metric(show.id, expr, start)


@router.post("/partner/episodes/{episode_id}/publish")
def partner_publish(episode_id: int, partner=Depends(partner_context), db: Session = Depends(get_db)):
    episode = db.get(Episode, episode_id)
    if episode is None or episode.show_id not in partner["show_ids"]:
        raise HTTPException(404, "episode not found")
    episode.published_at = date.today()
    db.commit()
    cache.client().delete(f"episode:{episode.id}")
    return {"published": episode.id, "partner": partner["partner_id"]}
