from django.db import models


class Report(models.Model):
    tenant = models.ForeignKey("accounts.Tenant", on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    metric_expression = models.CharField(max_length=500, blank=True)
    threshold = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class ReportRow(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="rows")
    label = models.CharField(max_length=200)
    opened = models.IntegerField(default=0)
    closed = models.IntegerField(default=0)
    breached = models.IntegerField(default=0)

    def as_dict(self) -> dict:
        return {"label": self.label, "opened": self.opened, "closed": self.closed, "breached": self.breached}
