import hashlib
import os
import subprocess

import jwt
import yaml
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.models import User
from django.http import HttpResponse, JsonResponse, FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render, redirect
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.contrib.auth.decorators import login_required

from .db_utils import find_members, get_member, games_for_member, tournament_standings, update_rating, upsert_member
from .ldap_auth import ldap_lookup, ldap_check_password

PGN_DIR = str(settings.PGN_DIR)


def member_search(request):
    q = request.GET.get("q", "")
    members = find_members(q) if q else []
    return render(request, "members/search.html", {"members": members, "q": q})


def member_detail(request, member_id):
    member = get_member(member_id)
    if member is None:
        raise Http404("no such member")
    order = request.GET.get("order", "played_on DESC")
    games = games_for_member(member_id, order)
    # bio is edited in the admin, members like to put links in there
    bio_html = mark_safe(member["bio"].replace("\n", "<br>"))  #@vuln CWE-79
    return render(request, "members/detail.html", {"member": member, "games": games, "bio": bio_html})


def standings(request, tournament_id):
    season = request.GET.get("season", "2023/24")
    rows = tournament_standings(tournament_id, season)
    table = "".join("<tr><td>%d</td><td>%s %s</td><td>%s</td></tr>" % (i + 1, r["first_name"], r["last_name"], r["pts"]) for i, r in enumerate(rows))
    # old page, not converted to a template yet
    return HttpResponse("<h2>Standings season %s</h2><table>%s</table>" % (season, table))  #@vuln CWE-79


def hello(request):
    name = request.GET.get("name", "guest")
    return HttpResponse(format_html("<p>Welcome to the club, {}!</p>", name))  #@safe


def calendar_token(member_id):
    # token for the ical feed url so members can subscribe from their phone calendar
    return hashlib.sha1((settings.SECRET_KEY + str(member_id)).encode()).hexdigest()  #@vuln CWE-328|CWE-327


def calendar_feed(request, member_id):
    if request.GET.get("token") != calendar_token(member_id):
        return HttpResponse("forbidden", status=403)
    games = games_for_member(member_id)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    for g in games:
        lines += ["BEGIN:VEVENT", "SUMMARY:Game %s" % g["id"], "DTSTART:%s" % g["played_on"].strftime("%Y%m%dT%H%M%S"), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return HttpResponse("\r\n".join(lines), content_type="text/calendar")


def download_pgn(request):
    fname = request.GET.get("f", "")
    path = os.path.join(PGN_DIR, fname)
    if not os.path.exists(path):
        raise Http404()
    return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22


@login_required
def upload_pgn(request):
    if request.method == "POST":
        f = request.FILES["pgn"]
        name = os.path.basename(f.name)
        if not name.lower().endswith(".pgn"):
            messages.error(request, "only .pgn files please")
            return redirect("upload_pgn")
        with open(os.path.join(PGN_DIR, name), "wb+") as dest:  #@safe
            for chunk in f.chunks():
                dest.write(chunk)
        return redirect("analyse_pgn", name=name)
    return render(request, "members/upload.html")


@login_required
def analyse_pgn(request, name):
    depth = request.GET.get("depth", "12")
    cmd = "pgn-extract -Wuci --evaluation " + os.path.join(PGN_DIR, name) + " --depth " + depth
    try:
        output = subprocess.check_output(cmd, shell=True, timeout=60)  #@vuln CWE-78
    except subprocess.CalledProcessError as e:
        output = e.output
    return render(request, "members/analysis.html", {"name": name, "output": output.decode("utf-8", "replace")})


def login_view(request):
    if request.method == "POST":
        username = request.POST.get("username", "")
        entry = ldap_lookup(username)
        if entry and ldap_check_password(entry[0], request.POST.get("password", "")):
            user, _ = User.objects.get_or_create(username=username)
            login(request, user)
            nxt = request.GET.get("next", "/members/")
            if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
                return redirect(nxt)  #@safe
            return redirect("member_search")
        messages.error(request, "login failed")
    return render(request, "members/login.html")


def logout_view(request):
    logout(request)
    # the old php site sends ?return_to=... so keep supporting that
    return HttpResponseRedirect(request.GET.get("return_to", "/"))  #@vuln CWE-601


def fide_rating(request):
    fide_id = request.GET.get("fide_id", "")
    # 'source' lets us switch to the mirror when fide is down
    base = request.GET.get("source", "https://ratings.fide.com/profile/")
    r = requests.get(base + fide_id, timeout=5)  #@vuln CWE-918
    return JsonResponse({"status": r.status_code, "html_len": len(r.text), "snippet": r.text[:500]})


@login_required
def import_members(request):
    """board member uploads the yearly membership list exported from the university tool"""
    if request.method == "POST":
        data = yaml.load(request.FILES["file"].read(), Loader=yaml.Loader)  #@vuln CWE-502
        count = 0
        for m in data.get("members", []):
            upsert_member(m["first"], m["last"], m["email"], int(m.get("rating", 1000)))
            count += 1
        messages.info(request, "%d members imported" % count)
        return redirect("member_search")
    return render(request, "members/import.html")


def load_club_config():
    with open(os.path.join(settings.BASE_DIR, "club.yaml")) as fh:
        return yaml.safe_load(fh)  #@safe


def _bearer(request):
    return request.headers.get("Authorization", "").replace("Bearer ", "").strip()


@csrf_exempt
def api_results(request):
    """the pairing tablet posts game results here"""
    token = _bearer(request)
    try:
        claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    except jwt.InvalidTokenError:
        return JsonResponse({"error": "bad token"}, status=401)
    if not claims.get("arbiter"):
        return JsonResponse({"error": "arbiters only"}, status=403)
    if request.method == "POST":
        for member_id, new_rating in request.POST.items():
            if member_id.isdigit():
                update_rating(int(member_id), int(new_rating))
    return JsonResponse({"ok": True, "by": claims.get("sub")})


def api_me(request):
    token = _bearer(request)
    try:
        claims = jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])  #@safe
    except jwt.InvalidTokenError:
        return JsonResponse({"error": "bad token"}, status=401)
    member = get_member(claims.get("member_id"))
    return JsonResponse({"member": member})
