import logging
import os

import jinja2
import requests
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST
from lxml import etree

from corelib import http, storage
from .models import ArticlePage

log = logging.getLogger(__name__)

DOCUMENT_ROOT = os.path.join(settings.MEDIA_ROOT, "documents")


def go(request):
    """Outbound link tracker used in the newsletter."""
    target = request.GET.get("to", "/")
    log.info("outbound click %s", target)
    return HttpResponseRedirect(target)  #@vuln CWE-601


def fulltext(request):
    q = request.GET.get("q", "")
    results = ArticlePage.objects.raw("SELECT * FROM newsroom_articlepage WHERE to_tsvector('english', intro) @@ plainto_tsquery('english', '" + q + "') LIMIT 50")  #@vuln CWE-89
    return render(request, "newsroom/search.html", {"q": q, "results": results})


def document(request, path):
    full = os.path.join(DOCUMENT_ROOT, path)
    if not os.path.isfile(full):
        raise Http404
    return FileResponse(open(full, "rb"))  #@vuln CWE-22


def document_v2(request, path):
    base = os.path.realpath(DOCUMENT_ROOT)
    full = os.path.realpath(os.path.join(base, path))
    if not full.startswith(base + os.sep) or not os.path.isfile(full):
        raise Http404
    return FileResponse(open(full, "rb"))  #@safe


def feed_proxy(request):
    url = request.GET["feed"]
    upstream = requests.get(url, timeout=5)  #@vuln CWE-918
    return HttpResponse(upstream.content, content_type="application/rss+xml")


def oembed(request):
    return JsonResponse(http.oembed_lookup(request.GET.get("url", "")))


def unsubscribe_done(request):
    email = request.GET.get("email", "")
    return HttpResponse("<p class='notice'>" + email + " has been unsubscribed.</p>")  #@vuln CWE-79


@require_POST
def newsletter_signup(request):
    email = request.POST.get("email", "").strip().lower()
    resp = JsonResponse({"ok": True})
    resp.set_cookie("nl_subscribed", "1", max_age=31536000, secure=True, httponly=True, samesite="Lax")
    resp.set_cookie("nl_email", email, max_age=31536000)  #@vuln CWE-614|CWE-1004
    return resp


@staff_member_required
@require_POST
def import_wordpress(request):
    upload = request.FILES["wxr"]
    tree = etree.parse(upload, etree.XMLParser(load_dtd=True, resolve_entities=True))  #@vuln CWE-611
    titles = [t.text for t in tree.iterfind(".//item/title")]
    return JsonResponse({"items": len(titles), "titles": titles[:10]})


@staff_member_required
@require_POST
def upload_theme(request):
    upload = request.FILES["theme"]
    path = storage.spool_pdf(upload.read())
    storage.extract_theme(path, os.path.join(settings.BASE_DIR, "themes", request.user.username))
    return JsonResponse({"ok": True})


@staff_member_required
def email_preview(request):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(settings.BASE_DIR, "newsroom", "email")), autoescape=True)
    subject_tpl = request.GET.get("subject", "{{ page.title }}")
    page = ArticlePage.objects.live().order_by("-published").first()
    subject = env.from_string(subject_tpl).render(page=page)  #@vuln CWE-1336
    body = env.get_template("digest.html").render(page=page, subject=subject)
    return HttpResponse(body)
