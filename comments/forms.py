import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator

from comments import moderation, spam, textfold
from comments.models import Comment
from newsroom.networks import client_address


def _visible(form, name):
    """The field's cleaned text, refused as empty if only invisible characters are left in it (a
    zero-width space passes Django's own check, which strips only spaces)."""
    value = form.cleaned_data[name]
    if textfold.is_blank(value):
        raise ValidationError(form.fields[name].error_messages["required"], code="required")
    return value


class CommentTextForm(forms.ModelForm):
    """The comment's text; on its own, the form its author edits it with. As a ModelForm, its
    fields' limits are the columns' (a value the form takes always fits)."""

    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": "Comment"}
        help_texts = {"body": "Plain text, 2 to 5,000 characters. Links become clickable."}
        widgets = {"body": forms.Textarea(attrs={"rows": 6, "cols": 60})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Two characters at least, which the column does not ask: one says nothing.
        body = self.fields["body"]
        body.validators.append(MinLengthValidator(2))
        body.widget.attrs["minlength"] = "2"

    def clean_body(self):
        body = _visible(self, "body")
        # Browsers send CRLF; keep paragraphs, drop trailing spaces and runs of blank lines.
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        body = "\n".join(line.rstrip() for line in body.split("\n"))
        return re.sub(r"\n{3,}", "\n\n", body)


class CommentForm(CommentTextForm):
    """A reader's new comment or reply. Runs the refusing spam rules; `save` hands the comment
    to `moderation.submit_comment`, which decides whether it is published or held. An email
    address may be 320 characters long by the RFCs, but the column holds 254 (the longest a mail
    server accepts): a longer one is refused here, with the text kept, not by the database."""

    class Meta(CommentTextForm.Meta):
        fields = ["name", "email", "body", "parent"]
        labels = {
            **CommentTextForm.Meta.labels,
            "name": "Name",
            "email": "Email (optional)",
        }
        help_texts = {
            **CommentTextForm.Meta.help_texts,
            "name": "Shown with your comment.",
            "email": "Never shown; only moderators see it.",
        }
        widgets = {**CommentTextForm.Meta.widgets, "parent": forms.HiddenInput}
        error_messages = {
            "parent": {
                "invalid_choice": "The comment you are replying to is no longer shown. "
                "Your comment is kept below: post it on its own."
            }
        }

    send_replies = forms.BooleanField(
        label="Email me replies to this comment",
        required=False,
        help_text="The first time, we email you a link to confirm your address; "
        "every email has a link to stop them.",
    )
    # The honeypot: hidden from people (see the template), named like a field robots fill.
    website = forms.CharField(
        label="Website (leave this empty: it is here to catch spam robots)",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # The template renders a fresh token each time it shows the form (spam.form_token).
    timestamp = forms.CharField(required=False, widget=forms.HiddenInput)

    field_order = ["name", "email", "send_replies", "body", "website"]

    def __init__(self, *args, article, request, **kwargs):
        super().__init__(*args, instance=Comment(article=article), **kwargs)
        self.article = article
        self.request = request
        self.fields["parent"].queryset = Comment.objects.none()
        if self.is_bound and self.data.get(self.add_prefix("parent")):
            # Only a reply is checked against the comments it may answer.
            self.fields["parent"].queryset = Comment.objects.visible().filter(article=article)

    def clean_name(self):
        return " ".join(_visible(self, "name").split())

    def clean(self):
        cleaned = super().clean()
        spam.check_honeypot(cleaned.get("website"))
        spam.check_form_token(cleaned.get("timestamp", ""), self.article)
        if "body" in cleaned:
            spam.check_duplicate(cleaned["body"], client_address(self.request))
        if cleaned.get("send_replies") and not cleaned.get("email") and "email" in cleaned:
            self.add_error("email", "Give your email to be sent the replies.")
        return cleaned

    def save(self):
        comment = self.instance
        comment.ip_address = client_address(self.request)
        send_replies = self.cleaned_data["send_replies"]
        return moderation.submit_comment(comment, self.request, send_replies=send_replies)


class ReportForm(forms.Form):
    """A Report button: the id of the comment it reports. Every button of a thread posts to the
    same address, so the page names that address once rather than once for each comment."""

    comment = forms.ModelChoiceField(Comment.objects.select_related("article__section"))
