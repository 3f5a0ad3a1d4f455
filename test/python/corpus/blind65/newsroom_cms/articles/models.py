import random
import string

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Section(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(unique=True)
    layout = models.JSONField(default=dict, blank=True)

    def __str__(self):
        return self.name


class Article(models.Model):
    DRAFT, REVIEW, PUBLISHED = "draft", "review", "published"
    STATUS_CHOICES = [(DRAFT, "Draft"), (REVIEW, "In review"), (PUBLISHED, "Published")]

    headline = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(blank=True)
    body = models.TextField()
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    section_slug = models.SlugField(max_length=80, db_index=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    preview_token = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-published_at"]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("article-detail", kwargs={"slug": self.slug})

    def publish(self):
        self.status = self.PUBLISHED
        self.published_at = timezone.now()
        self.save(update_fields=["status", "published_at"])

    def issue_preview_token(self):
        alphabet = string.ascii_letters + string.digits
        self.preview_token = "".join(random.choice(alphabet) for _ in range(24))  #@vuln CWE-338
        self.save(update_fields=["preview_token"])
        return self.preview_token


class Embed(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="embeds")
    provider = models.CharField(max_length=60)
    source_url = models.URLField()
    html = models.TextField(blank=True)
    fetched_at = models.DateTimeField(auto_now=True)


class PartnerFeed(models.Model):
    name = models.CharField(max_length=120)
    feed_url = models.URLField()
    last_imported = models.DateTimeField(null=True, blank=True)


class MirroredComment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mirrored_comments")
    external_id = models.CharField(max_length=40, unique=True)
    author_name = models.CharField(max_length=120)
    body = models.TextField()
    created_at = models.DateTimeField()
