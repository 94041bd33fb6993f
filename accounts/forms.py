from django import forms
from django.contrib.auth.forms import UserCreationForm


class SignupForm(UserCreationForm):
    first_name = forms.CharField(
        label="Display name",
        max_length=150,
        required=False,
        help_text="Shown with your public notes. Leave empty to show your username.",
    )
    email = forms.EmailField(
        required=False, help_text="Optional. Only used if you lose your password."
    )

    class Meta(UserCreationForm.Meta):
        fields = ("username", "first_name", "email")
