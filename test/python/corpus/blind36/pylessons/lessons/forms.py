from django import forms

from .models import Comment


class LoginForm(forms.Form):
    username = forms.CharField(max_length=150)
    password = forms.CharField(widget=forms.PasswordInput)
    remember = forms.BooleanField(required=False)


class PingForm(forms.Form):
    host = forms.CharField(max_length=255, help_text="Host name or IP address")
    count = forms.IntegerField(min_value=1, max_value=10, initial=3)


class SafePingForm(forms.Form):
    host = forms.GenericIPAddressField(help_text="IPv4 or IPv6 address")


class PreviewForm(forms.Form):
    url = forms.URLField(max_length=2048)


class XmlImportForm(forms.Form):
    document = forms.FileField(help_text="lessons.xml exported from the authoring tool")


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["author_name", "body"]
