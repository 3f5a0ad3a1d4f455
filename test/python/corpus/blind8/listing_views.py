"""Marketplace listings API (Django REST framework)."""
import pickle
from urllib.parse import urlparse

import requests
from django.core.cache import cache
from django.db import connection
from django.shortcuts import get_object_or_404
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from .models import Listing, Seller

IMAGE_CDN_HOSTS = {"img.marketcdn.example", "uploads.marketcdn.example"}
SORTABLE = {"price": "price_cents", "newest": "created_at", "rating": "seller_rating"}


class ListingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Listing
        fields = ["title", "description", "price_cents", "category"]


def _image_host_allowed(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme == "https" and parsed.hostname in IMAGE_CDN_HOSTS


def fetch_remote_image(url: str) -> bytes:
    resp = requests.get(url, timeout=8, allow_redirects=False)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.content


class ListingViewSet(viewsets.ViewSet):
    def create(self, request):
        seller = get_object_or_404(Seller, user=request.user)
        listing = Listing(seller=seller, **request.data)  #@vuln CWE-915
        listing.save()
        return Response({"id": listing.id}, status=status.HTTP_201_CREATED)

    def update(self, request, pk=None):
        listing = get_object_or_404(Listing, pk=pk, seller__user=request.user)
        ser = ListingSerializer(listing, data=request.data, partial=True)
        ser.is_valid(raise_exception=True)
        ser.save()  #@safe
        return Response(ser.data)

    def list(self, request):
        category = request.query_params.get("category", "")
        sort = SORTABLE.get(request.query_params.get("sort"), "created_at")
        with connection.cursor() as cur:
            cur.execute(f"SELECT id, title, price_cents FROM market_listing WHERE category = %s ORDER BY {sort}", [category])  #@safe
            rows = cur.fetchall()
        return Response(rows)

    @action(detail=False, methods=["get"])
    def search(self, request):
        term = request.query_params.get("q", "")
        with connection.cursor() as cur:
            cur.execute("SELECT id, title FROM market_listing WHERE title ILIKE '%%" + term + "%%'")  #@vuln CWE-89
            rows = cur.fetchall()
        return Response(rows)

    @action(detail=False, methods=["get"])
    def by_seller(self, request):
        seller_name = request.query_params.get("seller", "")
        qs = Listing.objects.filter(seller__display_name__iexact=seller_name).values("id", "title")  #@safe
        return Response(list(qs))

    @action(detail=False, methods=["get"])
    def price_band(self, request):
        low = request.query_params.get("low", "0")
        high = request.query_params.get("high", "100000")
        qs = Listing.objects.extra(where=[f"price_cents BETWEEN {low} AND {high}"])  #@vuln CWE-89
        return Response(list(qs.values("id", "title")))

    @action(detail=True, methods=["post"])
    def import_image(self, request, pk=None):
        listing = get_object_or_404(Listing, pk=pk, seller__user=request.user)
        data = fetch_remote_image(request.data["image_url"])
        listing.store_image(data)
        return Response({"bytes": len(data)})

    @action(detail=True, methods=["post"])
    def import_cdn_image(self, request, pk=None):
        listing = get_object_or_404(Listing, pk=pk, seller__user=request.user)
        url = request.data.get("image_url", "")
        if not _image_host_allowed(url):
            return Response({"error": "host not allowed"}, status=400)
        resp = requests.get(url, timeout=8)  #@safe
        listing.store_image(resp.content)
        return Response({"bytes": len(resp.content)})


@api_view(["POST"])
def restore_cart(request):
    raw = bytes.fromhex(request.data.get("cart", ""))
    cart = pickle.loads(raw)  #@vuln CWE-502
    cache.set(f"cart:{request.user.id}", cart, 3600)
    return Response({"items": len(cart)})


@api_view(["POST"])
def seller_payout_raw(request):
    seller_id = int(request.data.get("seller_id", 0))
    with connection.cursor() as cur:
        cur.execute("SELECT sum(amount_cents) FROM market_payout WHERE seller_id = %d" % seller_id)  #@safe
        total = cur.fetchone()[0]
    return Response({"total": total})


@api_view(["GET"])
def seller_raw_lookup(request):
    handle = request.query_params.get("handle", "")
    sellers = Seller.objects.raw("SELECT * FROM market_seller WHERE handle = '%s'" % handle)  #@vuln CWE-89
    return Response([s.id for s in sellers])
