import requests
from django.core.files.base import ContentFile
from rest_framework import serializers

from hrportal.employees.models import Department, Employee, OfferLetter


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name"]


class EmployeeSerializer(serializers.ModelSerializer):
    department = DepartmentSerializer(read_only=True)
    department_code = serializers.SlugRelatedField(
        source="department", slug_field="code", queryset=Department.objects.all(), write_only=True
    )

    class Meta:
        model = Employee
        fields = [
            "id", "login", "first_name", "last_name", "email", "title",
            "grade", "department", "department_code", "hired_on",
        ]
        read_only_fields = ["login"]


class AvatarFromUrlSerializer(serializers.Serializer):
    url = serializers.URLField()

    def save_to(self, employee):
        resp = requests.get(self.validated_data["url"], timeout=10)  #@vuln CWE-918
        resp.raise_for_status()
        employee.avatar.save(f"{employee.login}.jpg", ContentFile(resp.content), save=True)
        return employee


class OfferLetterSerializer(serializers.ModelSerializer):
    class Meta:
        model = OfferLetter
        fields = ["id", "employee", "template", "salary_cents", "start_date", "status"]


class OfferLetterPreviewSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20000)
    employee_id = serializers.IntegerField()


class RuleUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    replace_existing = serializers.BooleanField(default=False)
