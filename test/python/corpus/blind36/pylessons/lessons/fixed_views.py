"""
Solution versions of the lesson views (the "after" code on the solution tab).
"""
import ast
import hashlib
import logging
import operator
import os
import re
import secrets
import tarfile
import tempfile
import urllib.request
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import check_password
from django.core import signing
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from . import services
from .forms import CommentForm, LoginForm, PreviewForm, SafePingForm, XmlImportForm
from .models import Article, LessonAccount

logger = logging.getLogger("lessons.fixed")

IMAGE_HOSTS = {"images.pylessons.local", "cdn.pylessons.local"}
_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.USub: operator.neg,
}


def lesson_not_found(request):
    slug = request.GET.get("lesson", "")
    return HttpResponse(format_html("<p>No lesson called <b>{}</b>. <a href='/'>Back</a></p>", slug), status=404)  #@safe


def sqli_login(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = services.find_account_safe(form.cleaned_data["username"])
        if row is None or not check_password(form.cleaned_data["password"], row[2]):
            return render(request, "lessons/sqli_login.html", {"form": form, "error": "Login failed"})
        request.session.cycle_key()
        request.session["lesson_account"] = row[0]
        response = redirect("fixed-dashboard")
        if form.cleaned_data.get("remember"):
            token = signing.dumps({"id": row[0]}, salt="remember-me")
            response.set_cookie(settings.REMEMBER_ME_COOKIE, token, max_age=settings.REMEMBER_ME_MAX_AGE, secure=True, httponly=True, samesite="Lax")  #@safe
        return response
    return render(request, "lessons/sqli_login.html", {"form": form})


def dashboard(request):
    account_id = request.session.get("lesson_account")
    token = request.COOKIES.get(settings.REMEMBER_ME_COOKIE)
    if account_id is None and token:
        try:
            account_id = signing.loads(token, salt="remember-me", max_age=settings.REMEMBER_ME_MAX_AGE)["id"]
        except (signing.BadSignature, KeyError, TypeError):
            account_id = None
    profile = LessonAccount.objects.filter(pk=account_id).values("id", "username", "is_admin").first()
    if not profile:
        return redirect("fixed-login")
    return render(request, "lessons/dashboard.html", {"profile": profile})


def article_search(request):
    q = request.GET.get("q", "")
    rows = services.search_articles_safe(q, request.GET.get("order", "newest"))
    items = format_html_join("", "<li><a href='/articles/{}'>{}</a></li>", ((r[0], r[1]) for r in rows))
    return HttpResponse(format_html("<h2>Results for '{}'</h2><ul>{}</ul>", q, items))  #@safe


def article_archive(request):
    year = request.GET.get("year", "2024")
    if not year.isdigit():
        return HttpResponseBadRequest("year must be numeric")
    articles = Article.objects.raw("SELECT * FROM lessons_article WHERE EXTRACT(YEAR FROM created) = %s ORDER BY created", [int(year)])  #@safe
    return render(request, "lessons/archive.html", {"articles": articles, "year": year})


def articles_by_author(request):
    author = request.GET.get("author", "")
    articles = Article.objects.extra(where=["author_name = %s"], params=[author]).order_by("-created")  #@safe
    return render(request, "lessons/archive.html", {"articles": articles, "author": author})


def article_detail(request, pk):
    article = get_object_or_404(Article, pk=pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = form.save(commit=False)
        comment.article = article
        comment.save()
        return redirect("fixed-article-detail", pk=pk)
    comments = []
    for c in article.comments.order_by("created"):
        comments.append({"author": c.author_name, "body": mark_safe(escape(c.body).replace("\n", "<br>"))})  #@safe
    return render(request, "lessons/article.html", {"article": article, "comments": comments, "form": form})


@login_required
def ping(request):
    form = SafePingForm(request.POST or None)
    output = None
    if request.method == "POST" and form.is_valid():
        output = services.run_ping_safe(form.cleaned_data["host"])
    return render(request, "lessons/ping.html", {"form": form, "output": output})


def _calc(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_calc(node.left), _calc(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_calc(node.operand))
    raise ValueError("only + - * / on numbers are supported")


def calculator(request):
    expr = request.POST.get("expr", "")[:200] if request.method == "POST" else ""
    result = None
    if expr:
        try:
            result = _calc(ast.parse(expr, mode="eval").body)
        except (SyntaxError, ValueError, ZeroDivisionError) as exc:
            result = "error: %s" % exc
    return render(request, "lessons/calculator.html", {"expr": expr, "result": result})


def url_preview(request):
    form = PreviewForm(request.GET or None)
    preview, error = None, None
    if form.is_valid():
        try:
            title, status = services.fetch_preview_safe(form.cleaned_data["url"])
            preview = {"title": title, "status": status, "url": form.cleaned_data["url"]}
        except ValueError as exc:
            error = str(exc)
    return render(request, "lessons/preview.html", {"form": form, "preview": preview, "error": error})


def image_proxy(request):
    src = request.GET.get("src", "")
    parsed = urlparse(src)
    if parsed.scheme != "https" or parsed.hostname not in IMAGE_HOSTS:
        return HttpResponseBadRequest("image host not allowed")
    data = urllib.request.urlopen(src, timeout=5).read()  #@safe
    return HttpResponse(data, content_type="image/png")


@login_required
def xml_import(request):
    form = XmlImportForm(request.POST or None, request.FILES or None)
    imported = []
    if request.method == "POST" and form.is_valid():
        for item in services.parse_lesson_xml_safe(form.cleaned_data["document"].read()):
            imported.append(Article.objects.create(title=item["title"][:200], body=item["body"], author_name=request.user.username))
    return render(request, "lessons/xml_import.html", {"form": form, "imported": imported})


def download(request):
    name = request.GET.get("file", "")
    try:
        path = services.lesson_file_path_safe(name)
    except PermissionError:
        raise Http404(name)
    if not os.path.isfile(path):
        raise Http404(name)
    return FileResponse(open(path, "rb"), as_attachment=True, filename=os.path.basename(path))  #@safe


@login_required
@require_POST
def import_pack(request):
    upload = request.FILES["pack"]
    dest = os.path.join(settings.MEDIA_ROOT, "packs", str(request.user.pk))
    os.makedirs(dest, exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".tar.gz", prefix="pack-") as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        with tarfile.open(tmp.name) as tar:
            tar.extractall(dest, filter="data")  #@safe
    return JsonResponse({"extracted_to": dest})


def log_filter(request):
    term = request.GET.get("q", "")[:100]
    path = os.path.join(settings.LESSON_FILES_DIR, "access.log")
    with open(path, encoding="utf-8", errors="replace") as fh:
        lines = fh.readlines()[-500:]
    rx = re.compile(re.escape(term), re.IGNORECASE)  #@safe
    return JsonResponse({"matches": [line.rstrip() for line in lines if rx.search(line)]})


def forgot_password(request):
    if request.method == "POST":
        account = LessonAccount.objects.filter(username=request.POST.get("username", "")).first()
        if account:
            token = secrets.token_urlsafe(32)
            account.reset_token = hashlib.sha256(token.encode()).hexdigest()  #@safe
            account.save(update_fields=["reset_token"])
            services.queue_reset_mail(account, token)
    return render(request, "lessons/forgot.html", {"sent": request.method == "POST"})


def logout_then(request):
    request.session.flush()
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    return redirect(target)  #@safe
