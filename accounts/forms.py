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


class AccountDeleteForm(forms.Form):
    """Deleting an account asks for its password again."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.", code="password_incorrect")
        return password
