"""Plain Django views that sit next to the GraphQL endpoint: export
downloads, the storefront preview iframe and the login bounce pages."""
import os

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from common.crypto import file_etag
from products.models import Product


@login_required
@require_GET
def download_export(request):
    name = request.GET.get("file", "")
    path = os.path.join(settings.EXPORT_ROOT, name)
    if not os.path.isfile(path):
        raise Http404("no such export")
    response = FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22
    response["ETag"] = file_etag(path)
    return response


@login_required
@require_GET
def download_media(request):
    root = settings.MEDIA_ROOT.resolve()
    candidate = (root / request.GET.get("path", "")).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        raise Http404("no such file")
    return FileResponse(open(candidate, "rb"))  #@safe


@require_GET
def product_preview(request, sku):
    product = get_object_or_404(Product, sku=sku)
    highlight = request.GET.get("q", "")
    body = (
        "<html><body>"
        f"<h1>{product.name}</h1>"
        f"<p class='hint'>Showing results for {highlight}</p>"
        f"<div class='desc'>{product.description}</div>"
        "</body></html>"
    )
    return HttpResponse(body)  #@vuln CWE-79


@require_GET
def vendor_badge(request):
    vendor = request.GET.get("vendor", "")
    return HttpResponse(format_html("<span class='badge vendor'>{}</span>", vendor))  #@safe


@require_GET
def search_snippet(request):
    term = request.GET.get("q", "")
    results = Product.objects.filter(name__icontains=term)[:10]
    return render(request, "products/snippet.html", {"term": mark_safe(term), "results": results})  #@vuln CWE-79


@require_POST
def login_view(request):
    user = authenticate(request, username=request.POST.get("username"), password=request.POST.get("password"))
    if user is None:
        return render(request, "login.html", {"error": "Invalid credentials"}, status=401)
    login(request, user)
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    return redirect(next_url)  #@vuln CWE-601


def logout_view(request):
    logout(request)
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    return HttpResponseRedirect(next_url)  #@safe


@require_GET
def unsubscribe_done(request):
    email = request.GET.get("email", "")
    return HttpResponse("<p>%s has been removed from the price-drop mailing list.</p>" % email)  #@vuln CWE-79


@require_GET
def supplier_feed_status(request):
    import requests

    feed_url = request.GET.get("feed", "")
    resp = requests.head(feed_url, timeout=5, allow_redirects=True)  #@vuln CWE-918
    return HttpResponse(format_html("<code>{}</code> answered {}", feed_url, resp.status_code))  #@safe
