import re

from rest_framework import serializers

from catalog.models import Product, Supplier

SIZE_RE = re.compile(r"^\d{2,4}x\d{2,4}$")


class SupplierSerializer(serializers.ModelSerializer):
    class Meta:
        model = Supplier
        fields = ["id", "code", "name", "feed_url"]


class ProductSerializer(serializers.ModelSerializer):
    supplier = SupplierSerializer(read_only=True)

    class Meta:
        model = Product
        fields = ["id", "sku", "name", "brand", "category", "description", "price", "supplier", "image", "pricing_rule"]


class ThumbnailRequestSerializer(serializers.Serializer):
    size = serializers.CharField(max_length=16)

    def validate_size(self, value):
        if not SIZE_RE.match(value):
            raise serializers.ValidationError("size must look like 200x200")
        return value


class ImageFetchSerializer(serializers.Serializer):
    image_url = serializers.URLField()
    size = serializers.CharField(required=False, default="400x400")


class PriceQuoteSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1)
    rule = serializers.CharField(required=False, allow_blank=True)
