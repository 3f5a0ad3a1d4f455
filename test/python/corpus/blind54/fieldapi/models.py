from django.conf import settings
from django.contrib.gis.db import models


class Farm(models.Model):
    name = models.CharField(max_length=200)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="farms")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class Field(models.Model):
    SOIL_TYPES = [("clay", "Clay"), ("loam", "Loam"), ("sand", "Sand"), ("silt", "Silt"), ("peat", "Peat")]

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="fields")
    name = models.CharField(max_length=200)
    soil_type = models.CharField(max_length=16, choices=SOIL_TYPES)
    area_ha = models.DecimalField(max_digits=9, decimal_places=2)
    boundary = models.PolygonField(srid=4326)
    notes = models.TextField(blank=True)

    class Meta:
        db_table = "fields_field"
        ordering = ["name"]


class Crop(models.Model):
    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="crops")
    species = models.CharField(max_length=120)
    variety = models.CharField(max_length=120, blank=True)
    season = models.CharField(max_length=9)
    sown_on = models.DateField(null=True)
    expected_yield_t_ha = models.FloatField(default=0)

    class Meta:
        db_table = "crops_crop"


class SprayRecord(models.Model):
    crop = models.ForeignKey(Crop, on_delete=models.CASCADE, related_name="sprays")
    product_name = models.CharField(max_length=200)
    active_ingredient = models.CharField(max_length=200)
    rate_l_ha = models.FloatField()
    applied_at = models.DateTimeField()
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    operator_notes = models.TextField(blank=True)
    attachment_name = models.CharField(max_length=255, blank=True)
    wind_speed_ms = models.FloatField(null=True)

    class Meta:
        db_table = "fields_sprayrecord"
        ordering = ["-applied_at"]


class WeatherStation(models.Model):
    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="stations")
    name = models.CharField(max_length=120)
    endpoint_url = models.URLField(help_text="HTTP endpoint of the station's own data logger")
    lat = models.FloatField()
    lon = models.FloatField()

    class Meta:
        db_table = "fields_weatherstation"


class Webhook(models.Model):
    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="webhooks")
    event = models.CharField(max_length=40)
    target_url = models.URLField()
    secret = models.CharField(max_length=64)
    active = models.BooleanField(default=True)

    class Meta:
        db_table = "fields_webhook"


class Gateway(models.Model):
    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="gateways")
    hostname = models.CharField(max_length=255)
    port = models.PositiveIntegerField(default=22)
    serial = models.CharField(max_length=64, unique=True)

    class Meta:
        db_table = "fields_gateway"
