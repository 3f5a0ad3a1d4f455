from django.conf import settings
from django.db import models


class Supplier(models.Model):
    code = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    ldap_uid = models.CharField(max_length=64, blank=True)
    feed_url = models.URLField(blank=True)

    def __str__(self):
        return self.name


class Product(models.Model):
    sku = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=255)
    brand = models.CharField(max_length=120, blank=True)
    category = models.CharField(max_length=120, db_index=True)
    description = models.TextField(blank=True)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    supplier = models.ForeignKey(Supplier, null=True, on_delete=models.SET_NULL, related_name="products")
    image = models.CharField(max_length=500, blank=True)
    pricing_rule = models.CharField(max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)


class Review(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    rating = models.PositiveSmallIntegerField()
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
