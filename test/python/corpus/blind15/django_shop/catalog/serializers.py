from rest_framework import serializers

from .models import Product


class ProductSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Product
        fields = ["id", "sku", "slug", "name", "description", "price", "stock", "category"]


class ImageImportSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=500)
