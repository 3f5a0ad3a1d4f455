"""Data access for partners, articles and API usage."""
import os
from contextlib import contextmanager

import psycopg2
from sqlalchemy import create_engine, text

engine = create_engine(os.environ.get("SYNDICATION_DATABASE_URL", "postgresql://syndication@localhost/syndication"),
                       pool_pre_ping=True)


@contextmanager
def raw_cursor():
    conn = psycopg2.connect(os.environ.get("SYNDICATION_DSN", "dbname=syndication"))
    try:
        with conn.cursor() as cur:
            yield cur
        conn.commit()
    finally:
        conn.close()


class PartnerRepository:
    def find_by_key_hash(self, key_hash):
        with engine.connect() as conn:
            row = conn.execute(  #@safe
                text("SELECT id, name, tier, allowed_sections, webhook_url FROM partners "
                     "WHERE api_key_hash = :h AND active"),
                {"h": key_hash},
            ).mappings().first()
        return dict(row) if row else None

    def store_key_hash(self, partner_id, key_hash):
        with engine.begin() as conn:
            conn.execute(text("UPDATE partners SET api_key_hash = :h WHERE id = :id"),
                         {"h": key_hash, "id": partner_id})

    def set_webhook(self, partner_id, url, encrypted_secret):
        with engine.begin() as conn:
            conn.execute(text("UPDATE partners SET webhook_url = :u, webhook_secret = :s WHERE id = :id"),
                         {"u": url, "s": encrypted_secret, "id": partner_id})


class ArticleRepository:
    def list_for_partner(self, section, since, limit):
        sql = text(
            "SELECT slug, headline, standfirst, published_at FROM syndicated_articles "
            f"WHERE section = '{section}' AND published_at > :since "
            "ORDER BY published_at DESC LIMIT :limit"
        )
        with engine.connect() as conn:
            rows = conn.execute(sql, {"since": since, "limit": limit}).mappings().all()  #@vuln CWE-89
        return [dict(r) for r in rows]

    def get_by_slug(self, slug):
        with raw_cursor() as cur:
            cur.execute("SELECT slug, headline, standfirst, body_html, published_at "  #@safe
                        "FROM syndicated_articles WHERE slug = %s", (slug,))
            row = cur.fetchone()
        if row is None:
            return None
        return dict(zip(["slug", "headline", "standfirst", "body_html", "published_at"], row))

    def search(self, query, limit):
        stmt = ("SELECT slug, headline FROM syndicated_articles WHERE headline ILIKE '%%%s%%' "
                "ORDER BY published_at DESC LIMIT %d" % (query, limit))
        with raw_cursor() as cur:
            cur.execute(stmt)  #@vuln CWE-89
            return [{"slug": s, "headline": h} for s, h in cur.fetchall()]

    def by_tags(self, tags):
        in_list = ",".join("'{}'".format(t) for t in tags)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT DISTINCT a.slug, a.headline FROM syndicated_articles a "  #@vuln CWE-89
                                     "JOIN article_tags t ON t.article_slug = a.slug WHERE t.tag IN (" + in_list + ")"))
            return [dict(r._mapping) for r in rows]


class UsageRepository:
    BUCKETS = {"day": "date_trunc('day', requested_at)", "endpoint": "endpoint", "section": "section"}

    def record(self, partner_id, endpoint, section=None):
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO api_usage (partner_id, endpoint, section, requested_at) "
                              "VALUES (:p, :e, :s, now())"), {"p": partner_id, "e": endpoint, "s": section})

    def report(self, partner_id, group_by):
        bucket = self.BUCKETS.get(group_by, "endpoint")
        with engine.connect() as conn:
            rows = conn.execute(  #@safe
                text(f"SELECT {bucket} AS bucket, COUNT(*) AS hits FROM api_usage "
                     "WHERE partner_id = :p GROUP BY 1 ORDER BY 1"),
                {"p": partner_id},
            ).all()
        return [{"bucket": str(b), "hits": h} for b, h in rows]
