from rest_framework import serializers

from fieldapi.models import Crop, Field, SprayRecord, WeatherStation, Webhook


class FieldSerializer(serializers.ModelSerializer):
    crop_count = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Field
        fields = ["id", "farm", "name", "soil_type", "area_ha", "boundary", "notes", "crop_count"]


class CropSerializer(serializers.ModelSerializer):
    total_sprayed_l = serializers.FloatField(read_only=True, required=False)

    class Meta:
        model = Crop
        fields = ["id", "field", "species", "variety", "season", "sown_on", "expected_yield_t_ha", "total_sprayed_l"]


class SprayRecordSerializer(serializers.ModelSerializer):
    operator = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = SprayRecord
        fields = [
            "id", "crop", "product_name", "active_ingredient", "rate_l_ha",
            "applied_at", "operator", "operator_notes", "attachment_name", "wind_speed_ms",
        ]
        read_only_fields = ["attachment_name"]

    def validate_rate_l_ha(self, value):
        if value <= 0 or value > 400:
            raise serializers.ValidationError("rate must be between 0 and 400 l/ha")
        return value


class WeatherStationSerializer(serializers.ModelSerializer):
    class Meta:
        model = WeatherStation
        fields = ["id", "farm", "name", "endpoint_url", "lat", "lon"]


class WebhookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Webhook
        fields = ["id", "farm", "event", "target_url", "active"]


class YieldEstimateSerializer(serializers.Serializer):
    formula = serializers.CharField(max_length=500)
    moisture_pct = serializers.FloatField(required=False, default=14.0)


class ReportRequestSerializer(serializers.Serializer):
    season = serializers.CharField(max_length=9)
    filter = serializers.CharField(required=False, allow_blank=True)
    filename = serializers.CharField(required=False, max_length=120)
    header = serializers.CharField(required=False, allow_blank=True)
    crop = serializers.CharField(required=False, allow_blank=True)
    formats = serializers.ListField(child=serializers.ChoiceField(["csv", "xlsx", "pdf"]), default=["csv"])
