"""RSS/Atom export and partner feed import."""
import defusedxml.ElementTree as DefusedET
import requests
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_POST
from lxml import etree

from .models import Article, PartnerFeed, Section

ATOM_NS = "{http://www.w3.org/2005/Atom}"


class LatestArticlesFeed(Feed):
    title = "Newsroom - latest"
    link = "/news/"
    description = "The latest published stories."

    def items(self):
        return Article.objects.filter(status=Article.PUBLISHED).select_related("author")[:30]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.standfirst

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.author.get_full_name()


class SectionAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"Newsroom - {obj.name}"

    def link(self, obj):
        return f"/news/{obj.slug}/"

    def items(self, obj):
        return obj.articles.filter(status=Article.PUBLISHED)[:30]


def _entries_from_tree(root):
    entries = []
    for item in root.iter("item", f"{ATOM_NS}entry"):
        title = item.findtext("title") or item.findtext(f"{ATOM_NS}title") or ""
        link = item.findtext("link") or ""
        entries.append({"title": title.strip(), "link": link.strip()})
    return entries


def parse_partner_feed(xml_bytes):
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    root = etree.fromstring(xml_bytes, parser)  #@vuln CWE-611
    return _entries_from_tree(root)


def parse_opml(xml_bytes):
    root = DefusedET.fromstring(xml_bytes)  #@safe
    return [node.attrib.get("xmlUrl") for node in root.iter("outline") if node.attrib.get("xmlUrl")]


@login_required
@require_POST
def upload_partner_feed(request):
    entries = parse_partner_feed(request.FILES["feed"].read())
    return JsonResponse({"entries": entries})


@login_required
@require_POST
def upload_opml(request):
    urls = parse_opml(request.FILES["opml"].read())
    for url in urls:
        PartnerFeed.objects.get_or_create(feed_url=url, defaults={"name": url})
    return JsonResponse({"feeds": len(urls)})


@login_required
@require_POST
def check_feed_url(request):
    response = requests.get(request.POST["feed_url"], timeout=10)  #@vuln CWE-918
    return JsonResponse({"status": response.status_code, "content_type": response.headers.get("Content-Type")})


def refresh_partner_feeds():
    """Celery beat entry point: pull every registered partner feed."""
    for feed in PartnerFeed.objects.all():
        response = requests.get(feed.feed_url, timeout=15, verify=True)
        entries = DefusedET.fromstring(response.content)  #@safe
        feed.last_imported = timezone.now()
        feed.save(update_fields=["last_imported"])
        yield feed.name, len(list(entries.iter("item")))
