from django.conf import settings
from django.db import models


class Course(models.Model):
    course_key = models.CharField(max_length=255, unique=True)
    org = models.CharField(max_length=64, db_index=True)
    title = models.CharField(max_length=255)
    description_md = models.TextField(blank=True)
    is_private = models.BooleanField(default=False)
    invite_code = models.CharField(max_length=16, blank=True)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class Lesson(models.Model):
    course = models.ForeignKey(Course, related_name="lessons", on_delete=models.CASCADE)
    slug = models.SlugField(max_length=120)
    title = models.CharField(max_length=255)
    body_md = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        unique_together = ("course", "slug")


class Enrollment(models.Model):
    ROLES = [("student", "Student"), ("ta", "Teaching assistant"), ("instructor", "Instructor")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    course = models.ForeignKey(Course, on_delete=models.CASCADE)
    role = models.CharField(max_length=16, choices=ROLES, default="student")
    section = models.CharField(max_length=32, blank=True)
    sis_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = ("user", "course")


class ForumPost(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE)
    lesson = models.ForeignKey(Lesson, null=True, on_delete=models.SET_NULL)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    body_md = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)


def is_course_staff(user, course):
    if user.is_superuser:
        return True
    return Enrollment.objects.filter(user=user, course=course, role__in=("ta", "instructor")).exists()
