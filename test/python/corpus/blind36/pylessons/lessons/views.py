"""
Vulnerable lesson views.

Each view here is the "before" half of a lesson: students exploit it, then read
the matching function in fixed_views.py. Keep the two in sync when editing the
lesson text in the templates.
"""
import logging
import os
import re
import tarfile
import tempfile
import urllib.request

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import services
from .forms import CommentForm, LoginForm, PingForm, PreviewForm, XmlImportForm
from .models import Article, LessonAccount

logger = logging.getLogger("lessons")

LESSONS = [
    ("sqli", "A03 Injection: SQL", "sqli-login"),
    ("cmdi", "A03 Injection: OS commands", "ping"),
    ("xss", "A03 Injection: stored XSS", "article-search"),
    ("ssrf", "A10 Server-side request forgery", "url-preview"),
    ("xxe", "A05 XML external entities", "xml-import"),
    ("files", "A01 Path traversal", "download"),
    ("deser", "A08 Insecure deserialisation", "sqli-login"),
]


def index(request):
    return render(request, "lessons/index.html", {"lessons": LESSONS})


def lesson_not_found(request):
    slug = request.GET.get("lesson", "")
    return HttpResponse("<p>No lesson called <b>%s</b>. <a href='/'>Back</a></p>" % slug, status=404)  #@vuln CWE-79


# --- SQL injection -------------------------------------------------------------

@csrf_exempt
def sqli_login(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = services.find_account(form.cleaned_data["username"], form.cleaned_data["password"])
        if row is None:
            return render(request, "lessons/sqli_login.html", {"form": form, "error": "Login failed"})
        request.session["lesson_account"] = row[0]
        response = redirect("lesson-dashboard")
        if form.cleaned_data.get("remember"):
            token = services.dump_remember_token({"id": row[0], "username": row[1], "is_admin": row[2]})
            response.set_cookie(settings.REMEMBER_ME_COOKIE, token, max_age=settings.REMEMBER_ME_MAX_AGE)  #@vuln CWE-614|CWE-1004
        return response
    return render(request, "lessons/sqli_login.html", {"form": form})


def dashboard(request):
    profile = None
    token = request.COOKIES.get(settings.REMEMBER_ME_COOKIE)
    if token:
        profile = services.load_remember_token(token)
    elif "lesson_account" in request.session:
        profile = LessonAccount.objects.filter(pk=request.session["lesson_account"]).values("id", "username", "is_admin").first()
    if not profile:
        return redirect("sqli-login")
    return render(request, "lessons/dashboard.html", {"profile": profile})


def article_search(request):
    q = request.GET.get("q", "")
    order = request.GET.get("order", "created DESC")
    rows = services.search_articles(q, order)
    items = "".join("<li><a href='/articles/%d'>%s</a></li>" % (r[0], r[1]) for r in rows)
    html = "<h2>Results for '%s'</h2><ul>%s</ul>" % (q, items)
    return HttpResponse(html)  #@vuln CWE-79


def article_archive(request):
    year = request.GET.get("year", "2024")
    articles = Article.objects.raw("SELECT * FROM lessons_article WHERE EXTRACT(YEAR FROM created) = " + year + " ORDER BY created")  #@vuln CWE-89
    return render(request, "lessons/archive.html", {"articles": articles, "year": year})


def articles_by_author(request):
    author = request.GET.get("author", "")
    articles = Article.objects.extra(where=["author_name = '%s'" % author]).order_by("-created")  #@vuln CWE-89
    return render(request, "lessons/archive.html", {"articles": articles, "author": author})


# --- stored XSS ------------------------------------------------------------------

def article_detail(request, pk):
    article = get_object_or_404(Article, pk=pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = form.save(commit=False)
        comment.article = article
        comment.save()
        return redirect("article-detail", pk=pk)
    comments = []
    for c in article.comments.order_by("created"):
        # authors asked for line breaks to survive in comments
        comments.append({"author": c.author_name, "body": mark_safe(c.body.replace("\n", "<br>"))})  #@vuln CWE-79
    return render(request, "lessons/article.html", {"article": article, "comments": comments, "form": form})


# --- command injection / code injection -------------------------------------

@login_required
def ping(request):
    form = PingForm(request.POST or None)
    output = None
    if request.method == "POST" and form.is_valid():
        output = services.run_ping(form.cleaned_data["host"], count=form.cleaned_data["count"])
    return render(request, "lessons/ping.html", {"form": form, "output": output})


@login_required
def traceroute(request):
    host = request.GET.get("host", "")
    if not host:
        return HttpResponseBadRequest("host required")
    return JsonResponse({"host": host, "hops": services.run_traceroute(host).splitlines()})


@csrf_exempt
def calculator(request):
    expr = request.POST.get("expr", "") if request.method == "POST" else ""
    result = None
    if expr:
        try:
            result = eval(expr)  #@vuln CWE-95|CWE-94
        except Exception as exc:  # show the error, it's part of the lesson
            result = "error: %s" % exc
    return render(request, "lessons/calculator.html", {"expr": expr, "result": result})


# --- SSRF / XXE ------------------------------------------------------------------

def url_preview(request):
    form = PreviewForm(request.GET or None)
    preview = None
    if form.is_valid():
        title, status = services.fetch_preview(form.cleaned_data["url"])
        preview = {"title": title, "status": status, "url": form.cleaned_data["url"]}
    return render(request, "lessons/preview.html", {"form": form, "preview": preview})


def image_proxy(request):
    src = request.GET.get("src", "")
    if not src:
        return HttpResponseBadRequest("src required")
    data = urllib.request.urlopen(src, timeout=5).read()  #@vuln CWE-918
    return HttpResponse(data, content_type="image/png")


@login_required
def xml_import(request):
    form = XmlImportForm(request.POST or None, request.FILES or None)
    imported = []
    if request.method == "POST" and form.is_valid():
        for item in services.parse_lesson_xml(form.cleaned_data["document"].read()):
            imported.append(Article.objects.create(title=item["title"][:200], body=item["body"], author_name=request.user.username))
    return render(request, "lessons/xml_import.html", {"form": form, "imported": imported})


# --- files -------------------------------------------------------------------------

def download(request):
    name = request.GET.get("file", "")
    path = services.lesson_file_path(name)
    if not os.path.isfile(path):
        raise Http404(name)
    return FileResponse(open(path, "rb"), as_attachment=True, filename=os.path.basename(path))  #@vuln CWE-22


@login_required
@require_POST
def import_pack(request):
    upload = request.FILES["pack"]
    tmp_path = tempfile.mktemp(suffix=".tar.gz", prefix="pack-")  #@vuln CWE-377
    with open(tmp_path, "wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    dest = os.path.join(settings.MEDIA_ROOT, "packs", str(request.user.pk))
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(tmp_path) as tar:
        tar.extractall(dest)  #@vuln CWE-22
    os.unlink(tmp_path)
    return JsonResponse({"extracted_to": dest})


def log_filter(request):
    pattern = request.GET.get("pattern", "")
    path = os.path.join(settings.LESSON_FILES_DIR, "access.log")
    with open(path, encoding="utf-8", errors="replace") as fh:
        lines = fh.readlines()[-500:]
    rx = re.compile(pattern)  #@vuln CWE-1333
    return JsonResponse({"matches": [line.rstrip() for line in lines if rx.search(line)]})


# --- authentication odds and ends ---------------------------------------------

def forgot_password(request):
    sent = False
    if request.method == "POST":
        account = LessonAccount.objects.filter(username=request.POST.get("username", "")).first()
        if account:
            account.reset_token = services.make_reset_token(account.pk)
            account.save(update_fields=["reset_token"])
            logger.info("reset token issued for %s", account.username)
        sent = True
    return render(request, "lessons/forgot.html", {"sent": sent})


def logout_then(request):
    request.session.flush()
    return redirect(request.GET.get("next", "/"))  #@vuln CWE-601
