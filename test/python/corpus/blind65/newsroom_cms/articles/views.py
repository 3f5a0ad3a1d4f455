import json
import os
import re

import jsonpickle
from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import Context, Template
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from media_pipeline import images, previews
from media_pipeline.video import enqueue_transcode

from . import queries
from .models import Article, MirroredComment, Section
from .templatetags.article_tags import clean_rich_text


@require_GET
def section_index(request, slug):
    articles = list(queries.articles_in_section(slug))
    return render(request, "articles/section.html", {"articles": articles, "section_slug": slug})


@require_GET
def search(request):
    q = request.GET.get("q", "").strip()
    results = queries.search_headlines(q) if q else []
    items = "".join(
        f'<li><a href="{a.get_absolute_url()}">{a.headline}</a></li>' for a in results
    )
    html = "<h2>Results for " + q + "</h2><ul class=\"results\">" + items + "</ul>"
    return HttpResponse(html)  #@vuln CWE-79


@require_GET
def search_full_text(request):
    q = request.GET.get("q", "").strip()
    results = queries.search_body(q) if q else []
    return render(request, "articles/search.html", {"results": results, "query": q})


@require_GET
def archive(request, year):
    rows = queries.archive_listing(year, request.GET.get("sort", "newest"))
    return JsonResponse({"year": year, "articles": [{"id": r[0], "headline": r[1], "slug": r[2]} for r in rows]})


@login_required
def leaderboard(request):
    metric = request.GET.get("metric", "page_views")
    qs = Article.objects.filter(status=Article.PUBLISHED)
    top = queries.ranked_by_metric(qs, metric)[:20]
    return render(request, "articles/leaderboard.html", {"articles": top, "metric": metric})


@require_GET
def headline_preview(request):
    return HttpResponse(format_html("<h1 class=\"preview\">{}</h1>", request.GET.get("headline", "")))  #@safe


def article_preview(request, slug):
    article = get_object_or_404(Article, slug=slug)
    if request.GET.get("token") != article.preview_token or not article.preview_token:
        raise Http404
    return render(request, "articles/detail.html", {"article": article, "body": mark_safe(clean_rich_text(article.body))})  #@safe


@login_required
def after_login(request):
    next_url = request.GET.get("next", "/desk/")
    return redirect(next_url)  #@vuln CWE-601


def after_logout(request):
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "/"
    return redirect(target)  #@safe


@login_required
@require_POST
def embed_preview(request):
    raw_html = request.POST.get("embed_code", "")
    return render(request, "articles/embed_preview.html", {"embed": mark_safe(raw_html)})  #@vuln CWE-79


@login_required
@require_POST
def layout_preview(request):
    section = get_object_or_404(Section, slug=request.POST.get("section"))
    source = request.POST.get("layout_template", "")
    articles = section.articles.filter(status=Article.PUBLISHED)[:12]
    rendered = Template(source).render(Context({"section": section, "articles": articles, "request": request}))  #@vuln CWE-1336
    return HttpResponse(rendered)


@login_required
def download_export(request):
    name = request.GET["file"]
    path = os.path.join(settings.EXPORT_ROOT, name)
    return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22


@login_required
def download_asset(request, name):
    base = os.path.realpath(settings.MEDIA_ROOT)
    path = os.path.realpath(os.path.join(base, os.path.basename(name)))
    if not path.startswith(base + os.sep) or not os.path.isfile(path):
        raise Http404
    return FileResponse(open(path, "rb"))  #@safe


@login_required
def find_in_body(request, pk):
    article = get_object_or_404(Article, pk=pk)
    pattern = request.GET.get("pattern", "")
    positions = [m.start() for m in re.finditer(pattern, article.body)]  #@vuln CWE-1333
    return JsonResponse({"matches": positions})


@login_required
def find_phrase(request, pk):
    article = get_object_or_404(Article, pk=pk)
    phrase = request.GET.get("phrase", "")
    positions = [m.start() for m in re.finditer(re.escape(phrase), article.body, re.IGNORECASE)]  #@safe
    return JsonResponse({"matches": positions})


@login_required
@require_POST
def upload_image(request):
    upload = request.FILES["image"]
    filename = request.POST.get("filename") or upload.name
    stored = images.save_upload(upload, filename)
    renditions = images.make_renditions(stored)
    return JsonResponse({"original": stored, "renditions": renditions})


@login_required
@require_POST
def upload_gallery(request):
    archive = request.FILES["archive"]
    gallery = request.POST.get("gallery", "untitled")
    count = images.import_gallery_archive(archive, gallery)
    return JsonResponse({"imported": count})


@login_required
@require_POST
def set_focal_point(request):
    point = images.parse_focal_point(request.POST.get("focal_point", "(0.5, 0.5)"))
    return JsonResponse({"focal_point": point})


@login_required
@require_POST
def upload_video(request):
    payload = json.loads(request.body)
    job_id = enqueue_transcode(payload["source_key"], payload.get("height", 720),
                               payload.get("preset", "medium"), payload.get("callback_url"))
    return JsonResponse({"job": job_id}, status=202)


@login_required
def link_preview(request):
    url = request.GET.get("url", "")
    if not url:
        return HttpResponseBadRequest("url required")
    return JsonResponse(previews.fetch_preview(url))


@login_required
def oembed(request):
    url = request.GET.get("url", "")
    try:
        return JsonResponse(previews.fetch_oembed(url))
    except previews.UnsupportedProvider:
        return JsonResponse({"error": "provider not supported"}, status=422)


def image_proxy(request):
    data, content_type = previews.proxy_image(request.GET["src"])
    return HttpResponse(data, content_type=content_type)


@csrf_exempt
@require_POST
def comments_webhook(request):
    event = jsonpickle.decode(request.body.decode("utf-8"))  #@vuln CWE-502
    article = get_object_or_404(Article, pk=event["article_id"])
    MirroredComment.objects.update_or_create(
        external_id=event["comment_id"],
        defaults={"article": article, "author_name": event["author_name"],
                  "body": event["body"], "created_at": event["created_at"]},
    )
    return JsonResponse({"ok": True})
