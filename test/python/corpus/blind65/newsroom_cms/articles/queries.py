"""Reporting and search queries that the ORM does not express well."""
from django.db import connection
from django.db.models.expressions import RawSQL

from .models import Article

ARCHIVE_ORDERING = {
    "newest": "published_at DESC",
    "oldest": "published_at ASC",
    "headline": "headline ASC",
}


def articles_in_section(section_slug):
    sql = (
        "SELECT * FROM articles_article "
        f"WHERE section_slug = '{section_slug}' AND status = 'published' "
        "ORDER BY published_at DESC"
    )
    return Article.objects.raw(sql)  #@vuln CWE-89


def search_headlines(term):
    clause = "headline ILIKE '%%" + term + "%%'"
    return Article.objects.filter(status=Article.PUBLISHED).extra(where=[clause])  #@vuln CWE-89


def search_body(term):
    return Article.objects.raw(  #@safe
        "SELECT * FROM articles_article WHERE status = 'published' AND body ILIKE %s "
        "ORDER BY published_at DESC LIMIT 50",
        ["%" + term + "%"],
    )


def with_comment_counts(queryset, since):
    return queryset.annotate(
        comment_count=RawSQL(  #@safe
            "SELECT COUNT(*) FROM articles_mirroredcomment c "
            "WHERE c.article_id = articles_article.id AND c.created_at > %s",
            (since,),
        )
    )


def ranked_by_metric(queryset, metric):
    score = RawSQL(  #@vuln CWE-89
        "SELECT COALESCE(SUM(m.%s), 0) FROM analytics_articlemetric m "
        "WHERE m.article_id = articles_article.id" % metric,
        (),
    )
    return queryset.annotate(score=score).order_by("-score")


def tag_counts_for_author(author_id):
    with connection.cursor() as cursor:
        cursor.execute(  #@safe
            "SELECT t.name, COUNT(*) FROM articles_tag t "
            "JOIN articles_article a ON a.id = t.article_id "
            "WHERE a.author_id = %s GROUP BY t.name ORDER BY 2 DESC",
            [author_id],
        )
        return cursor.fetchall()


def archive_listing(year, sort_key):
    ordering = ARCHIVE_ORDERING.get(sort_key, ARCHIVE_ORDERING["newest"])
    with connection.cursor() as cursor:
        cursor.execute(  #@safe
            f"SELECT id, headline, slug, published_at FROM articles_article "
            f"WHERE EXTRACT(year FROM published_at) = %s ORDER BY {ordering}",
            [year],
        )
        return cursor.fetchall()
