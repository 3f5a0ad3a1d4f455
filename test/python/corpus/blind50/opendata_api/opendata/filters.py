"""django-filter FilterSets for the public open data API."""
import django_filters
from django.db.models.expressions import RawSQL
from rest_framework.exceptions import ValidationError

from backoffice.models import Application

PUBLIC_STATUSES = ["received", "in_review", "approved", "refused", "closed"]


class ApplicationFilter(django_filters.FilterSet):
    service = django_filters.CharFilter(field_name="service")
    ward = django_filters.CharFilter(field_name="ward_code")
    status = django_filters.MultipleChoiceFilter(choices=[(s, s) for s in PUBLIC_STATUSES])
    received_after = django_filters.DateFilter(field_name="created_at", lookup_expr="gte")
    received_before = django_filters.DateFilter(field_name="created_at", lookup_expr="lte")
    near = django_filters.CharFilter(method="filter_near")
    within_km = django_filters.NumberFilter(method="filter_within")

    class Meta:
        model = Application
        fields = ["service", "ward", "status"]

    def filter_near(self, queryset, name, value):
        """?near=lat,lng orders results by distance from the point (used by the map widget)."""
        lat, lng = value.split(",", 1)
        distance = RawSQL(f"ST_Distance(location::geography, ST_SetSRID(ST_MakePoint({lng}, {lat}), 4326)::geography)", []) #@vuln CWE-89
        return queryset.annotate(distance=distance).order_by("distance")

    def filter_within(self, queryset, name, value):
        centre = self.data.get("centre", "51.5072,-0.1276")
        try:
            lat, lng = (float(p) for p in centre.split(",", 1))
        except ValueError:
            raise ValidationError({"centre": "expected lat,lng"})
        clause = RawSQL("ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography, %s)", [lng, lat, float(value) * 1000]) #@safe
        return queryset.annotate(in_range=clause).filter(in_range=True)
