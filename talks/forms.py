from django import forms
from django.core.exceptions import ValidationError

from .models import NOTE_BODY_MAX_LENGTH, Note
from .timecode import TIMECODE_HELP, format_timecode, parse_timecode


class TimecodeField(forms.CharField):
    """A time in the recording typed as "12:34" or "1:02:03", cleaned to seconds."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault("help_text", "Optional. 12:34 or 1:02:03.")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return format_timecode(value) if isinstance(value, int) else value

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_timecode(text)
        except ValueError:
            raise ValidationError(TIMECODE_HELP, code="invalid") from None

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value):
        # The max_length validators apply to the text, which to_python has checked.
        pass


class NoteForm(forms.ModelForm):
    time = TimecodeField(required=False, label="Time in the recording")

    class Meta:
        model = Note
        fields = ("body", "time", "visibility")
        labels = {"body": "Note"}
        help_texts = {
            "body": f"Markdown, up to {NOTE_BODY_MAX_LENGTH:,} characters.",
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 5}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, talk, author, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's clean() checks the time against this talk's length.
        self.instance.talk = talk
        self.instance.author = author
        if talk.duration:
            self.fields[
                "time"
            ].help_text = f"Optional. 12:34 or 1:02:03, up to {format_timecode(talk.duration)}."
