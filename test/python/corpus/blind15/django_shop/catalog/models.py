from django.db import models


class Category(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)


class Product(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    stock = models.IntegerField(default=0)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products")


class Customer(models.Model):
    email = models.EmailField(unique=True)
    pin = models.CharField(max_length=8, blank=True)
    pin_hash = models.CharField(max_length=128, blank=True)
    activation_code = models.CharField(max_length=16, blank=True)
    api_token = models.CharField(max_length=64, blank=True)
