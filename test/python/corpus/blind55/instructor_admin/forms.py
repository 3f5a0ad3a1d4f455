"""Forms used by the instructor console."""
import yaml
from django import forms
from django.core.exceptions import ValidationError

SUBMISSION_STATUSES = [
    ("", "Any"),
    ("queued", "Queued"),
    ("running", "Running"),
    ("graded", "Graded"),
    ("failed", "Failed"),
]


class SubmissionFilterForm(forms.Form):
    course_id = forms.IntegerField(min_value=1)
    status = forms.CharField(required=False, max_length=20)
    feedback_contains = forms.CharField(required=False, max_length=200)
    output_pattern = forms.CharField(required=False, max_length=500)
    deadline = forms.CharField(required=False, max_length=40)
    order = forms.ChoiceField(
        required=False,
        choices=[("created_at", "Newest"), ("score", "Score"), ("status", "Status")],
    )


class RubricUploadForm(forms.Form):
    assignment_id = forms.IntegerField(min_value=1)
    rubric_file = forms.FileField()

    def clean_rubric_file(self):
        upload = self.cleaned_data["rubric_file"]
        if upload.size > 512 * 1024:
            raise ValidationError("Rubric files are limited to 512 KB.")
        try:
            rubric = yaml.safe_load(upload.read())  #@safe
        except yaml.YAMLError as exc:
            raise ValidationError(f"Could not parse rubric: {exc}")
        if not isinstance(rubric, dict) or "criteria" not in rubric:
            raise ValidationError("Rubric must define a 'criteria' list.")
        for criterion in rubric["criteria"]:
            if not {"name", "points"} <= set(criterion):
                raise ValidationError("Each criterion needs a name and points.")
        return rubric


class CourseImportForm(forms.Form):
    course_slug = forms.SlugField(max_length=80)
    archive = forms.FileField(help_text="A .zip exported from another LearnHub instance or Moodle.")
    overwrite = forms.BooleanField(required=False)

    def clean_archive(self):
        archive = self.cleaned_data["archive"]
        if not archive.name.lower().endswith(".zip"):
            raise ValidationError("Upload a .zip file.")
        return archive


class AnnouncementForm(forms.Form):
    course_id = forms.IntegerField(min_value=1)
    subject = forms.CharField(max_length=150)
    body = forms.CharField(widget=forms.Textarea, max_length=10000)
    send_email = forms.BooleanField(required=False)
