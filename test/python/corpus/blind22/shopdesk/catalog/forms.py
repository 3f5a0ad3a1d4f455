from django import forms

from .models import Review


class ProductSearchForm(forms.Form):
    SORT_CHOICES = [
        ("name", "Name"),
        ("price", "Price: low to high"),
        ("price_desc", "Price: high to low"),
        ("newest", "Newest"),
    ]

    q = forms.CharField(required=False, max_length=200)
    category = forms.CharField(required=False, max_length=80)
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False)
    tag = forms.CharField(required=False, max_length=50)
    min_price = forms.IntegerField(required=False, min_value=0)
    max_price = forms.IntegerField(required=False, min_value=0)

    def clean(self):
        cleaned = super().clean()
        lo, hi = cleaned.get("min_price"), cleaned.get("max_price")
        if lo is not None and hi is not None and lo > hi:
            raise forms.ValidationError("Minimum price must be below maximum price.")
        return cleaned


class BulkRepriceForm(forms.Form):
    skus = forms.CharField(widget=forms.Textarea, help_text="One SKU per line")
    percent = forms.DecimalField(min_value=-90, max_value=300, decimal_places=2)

    def clean_skus(self):
        raw = self.cleaned_data["skus"]
        skus = [line.strip() for line in raw.splitlines() if line.strip()]
        if not skus:
            raise forms.ValidationError("Enter at least one SKU.")
        return skus


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["rating", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def clean_rating(self):
        rating = self.cleaned_data["rating"]
        if not 1 <= rating <= 5:
            raise forms.ValidationError("Rating must be between 1 and 5.")
        return rating
