from django.db import models


class LessonAccount(models.Model):
    """Accounts for the injection lessons; deliberately separate from auth.User."""

    username = models.CharField(max_length=150, unique=True)
    password = models.CharField(max_length=128)  # plaintext on purpose, lesson 1
    password_hash = models.CharField(max_length=128, blank=True)
    is_admin = models.BooleanField(default=False)
    reset_token = models.CharField(max_length=64, blank=True)

    def __str__(self):
        return self.username


class Article(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField()
    author_name = models.CharField(max_length=150)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return self.title


class Comment(models.Model):
    article = models.ForeignKey(Article, related_name="comments", on_delete=models.CASCADE)
    author_name = models.CharField(max_length=80)
    body = models.TextField(max_length=4000)
    created = models.DateTimeField(auto_now_add=True)
