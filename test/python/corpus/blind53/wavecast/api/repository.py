"""Data access for shows, episodes and comments."""
from typing import Iterable, Optional

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from wavecast.common.db import Comment, Episode, Show

EPISODE_ORDERINGS = {
    "newest": Episode.published_at.desc(),
    "oldest": Episode.published_at.asc(),
    "title": Episode.title.asc(),
    "longest": Episode.duration_seconds.desc(),
}


class EpisodeRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, episode_id: int) -> Optional[Episode]:
        return self.session.get(Episode, episode_id)

    def by_slug(self, show_slug: str, episode_slug: str) -> Optional[Episode]:
        stmt = (
            select(Episode)
            .join(Show)
            .where(Show.slug == show_slug, Episode.slug == episode_slug)
        )
        return self.session.execute(stmt).scalar_one_or_none()

    def list_for_show(self, show_id: int, order: str = "newest", limit: int = 50) -> list:
        ordering = EPISODE_ORDERINGS.get(order, EPISODE_ORDERINGS["newest"])
        stmt = select(Episode).where(Episode.show_id == show_id).order_by(ordering).limit(limit)
        return list(self.session.execute(stmt).scalars())

    def search(self, term: str, sort: str = "published_at DESC", limit: int = 25) -> list:
        sql = (
            "SELECT e.id, e.title, e.summary, s.title AS show_title "
            "FROM episodes e JOIN shows s ON s.id = e.show_id "
            f"WHERE e.title ILIKE '%{term}%' OR e.summary ILIKE '%{term}%' "
            f"ORDER BY {sort} LIMIT {int(limit)}"
        )
        return self.session.execute(text(sql)).mappings().all()  #@vuln CWE-89

    def suggest(self, prefix: str, limit: int = 10) -> list:
        stmt = text(
            "SELECT title FROM episodes WHERE title ILIKE :pattern ORDER BY title LIMIT :limit"
        )
        rows = self.session.execute(stmt, {"pattern": prefix + "%", "limit": limit})  #@safe
        return [row.title for row in rows]

    def with_tag(self, tag: str) -> list:
        query = self.session.query(Episode).filter(text("tags @> ARRAY['" + tag + "']::varchar[]"))  #@vuln CWE-89
        return query.all()


class CommentRepository:
    def __init__(self, session: Session):
        self.session = session

    def for_episode(self, episode_id: int, include_hidden: bool = False) -> list:
        stmt = select(Comment).where(Comment.episode_id == episode_id)
        if not include_hidden:
            stmt = stmt.where(Comment.hidden.is_(False))
        return list(self.session.execute(stmt).scalars())

    def reported(self, min_reports: int = 3) -> list:
        stmt = select(Comment).where(Comment.report_count >= min_reports).order_by(
            Comment.report_count.desc()
        )
        return list(self.session.execute(stmt).scalars())

    def hide_many(self, comment_ids: Iterable[str]) -> int:
        id_list = ",".join(comment_ids)
        result = self.session.execute(text("UPDATE comments SET hidden = true WHERE id IN (%s)" % id_list))  #@vuln CWE-89
        self.session.commit()
        return result.rowcount

    def unhide_many(self, comment_ids: Iterable[int]) -> int:
        ids = [int(i) for i in comment_ids]
        stmt = text("UPDATE comments SET hidden = false WHERE id = ANY(:ids)")
        result = self.session.execute(stmt, {"ids": ids})
        self.session.commit()
        return result.rowcount
