import re

from django import forms
from django.core.exceptions import ValidationError

POSTCODE_RE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$") #@safe

EVIDENCE_CATEGORIES = [
    ("identity", "Proof of identity"),
    ("address", "Proof of address"),
    ("income", "Proof of income"),
    ("medical", "Medical evidence"),
    ("other", "Other"),
]

SERVICE_CHOICES = [
    ("blue_badge", "Blue Badge"),
    ("housing", "Housing register"),
    ("council_tax", "Council tax reduction"),
    ("school_transport", "School transport"),
]


def normalise_postcode(value):
    value = (value or "").upper().strip()
    if not POSTCODE_RE.match(value):
        raise ValidationError("Enter a real postcode")
    return value.replace(" ", "")


class ApplicationForm(forms.Form):
    service = forms.ChoiceField(choices=SERVICE_CHOICES)
    full_name = forms.CharField(max_length=200)
    email = forms.EmailField()
    phone = forms.CharField(max_length=20, required=False)
    postcode = forms.CharField(max_length=10)
    uprn = forms.CharField(max_length=12, required=False)
    address_line = forms.CharField(max_length=300)
    statement = forms.CharField(widget=forms.Textarea, max_length=5000, required=False)

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean_uprn(self):
        uprn = self.cleaned_data.get("uprn", "")
        if uprn and not uprn.isdigit():
            raise ValidationError("UPRN must be numeric")
        return uprn


class EvidenceForm(forms.Form):
    category = forms.CharField(max_length=50)  # the JS uploader sends the category slug
    document = forms.FileField()
