"""newsroom-migrate: move content from legacy Inkwell exports into the newsroom CMS database.

Examples:
    newsroom-migrate articles export.zip --manifest-sig 3f2a...
    newsroom-migrate authors authors.xml
    newsroom-migrate subscribers subscribers.csv
    newsroom-migrate snapshot newsroom_staging --out /backups/pre-migration.sql
"""
import argparse
import csv
import logging
import marshal
import os
import subprocess
import sys

import defusedxml.ElementTree as DefusedET
import psycopg2
from lxml import etree

from . import legacy_export

log = logging.getLogger("newsroom-migrate")


def connect():
    return psycopg2.connect(os.environ["MIGRATION_DSN"])


def parse_articles_xml(path):
    parser = etree.XMLParser(resolve_entities=True, huge_tree=True)
    tree = etree.parse(path, parser)  #@vuln CWE-611
    for node in tree.getroot().iter("article"):
        yield {
            "legacy_id": int(node.get("id")),
            "headline": node.findtext("headline", "").strip(),
            "slug": node.findtext("slug", "").strip(),
            "body": node.findtext("body", ""),
            "section": node.findtext("section", "news"),
            "published": node.findtext("published"),
            "computed": [{"name": c.get("name"), "code": c.text or ""} for c in node.iter("computed")],
        }


def parse_authors_xml(path):
    tree = DefusedET.parse(path)  #@safe
    return [{"legacy_id": int(a.get("id")), "name": a.findtext("name", ""), "email": a.findtext("email", "")}
            for a in tree.getroot().iter("author")]


def load_media_index(path):
    with open(path, "rb") as fh:
        return marshal.load(fh)  #@vuln CWE-502


def cmd_articles(args):
    workdir = legacy_export.scratch_dir()
    files = legacy_export.unpack_export(args.archive, workdir)
    manifest = os.path.join(workdir, "manifest.xml")
    if args.manifest_sig:
        with open(manifest, "rb") as fh:
            if not legacy_export.verify_manifest(fh.read(), args.manifest_sig):
                log.error("manifest signature mismatch")
                return 2
    media = load_media_index(os.path.join(workdir, "media.idx")) if os.path.exists(os.path.join(workdir, "media.idx")) else {}
    conn = connect()
    with conn, conn.cursor() as cur:
        for path in (f for f in files if f.endswith(".xml") and f != manifest):
            for article in parse_articles_xml(path):
                article = legacy_export.apply_computed_fields(article, article.pop("computed"))
                body = legacy_export.expand_shortcodes(article["body"], media)
                cur.execute(
                    "INSERT INTO articles_article (headline, slug, body, section_slug, status, published_at) "
                    "VALUES (%s, %s, %s, %s, 'published', %s) ON CONFLICT (slug) DO NOTHING",
                    (article["headline"], article["slug"], body, article["section"], article["published"]),
                )
    log.info("imported articles from %d files", len(files))
    return 0


def cmd_authors(args):
    authors = parse_authors_xml(args.xml)
    conn = connect()
    with conn, conn.cursor() as cur:
        cur.executemany("INSERT INTO legacy_authors (legacy_id, name, email) VALUES (%s, %s, %s)",
                        [(a["legacy_id"], a["name"], a["email"]) for a in authors])
    log.info("imported %d authors", len(authors))
    return 0


def cmd_subscribers(args):
    conn = connect()
    count = 0
    with open(args.csv, newline="", encoding="utf-8-sig") as fh, conn, conn.cursor() as cur:
        for row in csv.DictReader(fh):
            cur.execute("INSERT INTO newsletter_subscriber (email, name, confirmed) VALUES (%s, %s, %s) "
                        "ON CONFLICT (email) DO NOTHING",
                        (row["Email"].strip().lower(), row.get("Name", "").strip(), row.get("Opt-in") == "yes"))
            count += 1
    log.info("imported %d subscribers", count)
    return 0


def cmd_snapshot(args):
    subprocess.run(f"pg_dump --no-owner --format=plain {args.database} > {args.out}", shell=True, check=True)  #@vuln CWE-78
    log.info("snapshot written to %s", args.out)
    return 0


def build_parser():
    parser = argparse.ArgumentParser(prog="newsroom-migrate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("articles", help="import articles from an Inkwell export archive")
    p.add_argument("archive")
    p.add_argument("--manifest-sig")
    p.set_defaults(func=cmd_articles)

    p = sub.add_parser("authors", help="import authors from authors.xml")
    p.add_argument("xml")
    p.set_defaults(func=cmd_authors)

    p = sub.add_parser("subscribers", help="import newsletter subscribers from CSV")
    p.add_argument("csv")
    p.set_defaults(func=cmd_subscribers)

    p = sub.add_parser("snapshot", help="dump a database before migrating")
    p.add_argument("database")
    p.add_argument("--out", default="snapshot.sql")
    p.set_defaults(func=cmd_snapshot)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
