import csv
import tempfile

import jsonpickle
from django.http import FileResponse, HttpResponse, JsonResponse
from django.utils.html import escape
from django.views.decorators.http import require_GET, require_POST
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from civicdesk.security import new_pickup_pin
from common.helpers import fetch_remote, fetch_trusted_media, highlight
from core.models import LibraryHold

from . import search


class HoldViewSet(viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated]

    def list(self, request):
        card = request.user.resident.library_card
        return Response(search.holds_for_card(card, request.query_params.get("status")))

    def create(self, request):
        item = search.find_by_isbn(request.data["isbn"])
        if item is None:
            return Response({"error": "not in catalogue"}, status=404)
        hold = LibraryHold.objects.create(
            card_number=request.user.resident.library_card,
            isbn=item["isbn"],
            title=item["title"],
            branch=request.data.get("branch", "central"),
            pickup_pin=new_pickup_pin(),
        )
        position = search.queue_position(hold.id, hold.isbn, hold.branch)
        return Response({"hold": hold.id, "position": position, "pin": hold.pickup_pin}, status=201)

    @action(detail=False, methods=["get"], url_path="staff-lookup", permission_classes=[permissions.IsAdminUser])
    def staff_lookup(self, request):
        return Response(search.holds_for_card(request.query_params["card"]))

    @action(detail=False, methods=["get"])
    def export(self, request):
        holds = search.holds_for_card(request.user.resident.library_card)
        path = tempfile.mktemp(suffix=".csv", prefix="holds-")  #@vuln CWE-377
        with open(path, "w", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=["isbn", "title", "branch", "status", "placed_at"], extrasaction="ignore")
            writer.writeheader()
            writer.writerows(holds)
        return FileResponse(open(path, "rb"), as_attachment=True, filename="my-holds.csv")

    @action(detail=False, methods=["post"], url_path="reading-list")
    def import_reading_list(self, request):
        reading_list = jsonpickle.decode(request.body.decode("utf-8"))  #@vuln CWE-502
        isbns = [entry["isbn"] for entry in reading_list.get("items", [])]
        found = [search.find_by_isbn(i) for i in isbns]
        return Response({"matched": [f for f in found if f]})


@require_GET
def catalogue_search(request):
    term = request.GET.get("q", "")
    regex_mode = request.GET.get("mode") == "regex"
    hits = search.keyword_search(term, request.GET.get("branch"))
    if regex_mode:
        matcher = search.title_matcher(term, use_regex=True)
        hits = [h for h in search.find_by_title_fragment(term) if matcher.search(h.get("title", ""))]
    rows = "".join(f"<li>{highlight(h.get('title', ''), term)}</li>" for h in hits)
    return HttpResponse(f"<ul class='results'>{rows}</ul>")


@require_GET
def no_results(request):
    term = escape(request.GET.get("q", ""))
    return HttpResponse(f"<p class='empty'>No titles matched <strong>{term}</strong>.</p>")  #@safe


@require_POST
def advanced_catalogue_search(request):
    import json

    criteria = json.loads(request.body or b"{}")
    return JsonResponse({"results": search.advanced_search(criteria)})


@require_GET
def cover_image(request):
    url = request.GET.get("src", "")
    if request.GET.get("trusted") == "1":
        data, ctype = fetch_trusted_media(url)
    else:
        data, ctype = fetch_remote(url)
    return HttpResponse(data, content_type=ctype)

