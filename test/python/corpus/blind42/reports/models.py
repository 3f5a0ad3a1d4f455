from django.db import models


class Report(models.Model):
    tenant_id = models.IntegerField(db_index=True)
    title = models.CharField(max_length=200)
    category = models.CharField(max_length=50, blank=True)
    notes = models.TextField(blank=True)
    template_name = models.CharField(max_length=100, default="standard.html")
    pdf_path = models.CharField(max_length=300, blank=True)
    created_by = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)


class ImportedRow(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField()
    data = models.JSONField()

    class Meta:
        ordering = ["position"]
