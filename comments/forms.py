import re

from django import forms
from django.core.exceptions import ValidationError

from comments import moderation, spam, textfold
from comments.models import Comment
from newsroom.networks import client_address


def _column_length(name):
    """The length of the comment's column behind a form field, so the two never disagree."""
    return Comment._meta.get_field(name).max_length


def _visible(form, name):
    """The field's cleaned text, refused as empty if only invisible characters are left in it (a
    zero-width space passes Django's own check, which strips only spaces)."""
    value = form.cleaned_data[name]
    if textfold.is_blank(value):
        raise ValidationError(form.fields[name].error_messages["required"], code="required")
    return value


class CommentTextForm(forms.Form):
    """The comment's text; on its own, the form its author edits it with."""

    body = forms.CharField(
        label="Comment",
        min_length=2,
        max_length=_column_length("body"),
        help_text="Plain text, 2 to 5,000 characters. Links become clickable.",
        widget=forms.Textarea(attrs={"rows": 6, "cols": 60}),
    )

    def clean_body(self):
        body = _visible(self, "body")
        # Browsers send CRLF; keep paragraphs, drop trailing spaces and runs of blank lines.
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        body = "\n".join(line.rstrip() for line in body.split("\n"))
        return re.sub(r"\n{3,}", "\n\n", body)


class CommentForm(CommentTextForm):
    """A reader's new comment or reply. Runs the refusing spam rules; `save` hands the comment
    to `moderation.submit_comment`, which decides whether it is published or held."""

    name = forms.CharField(
        label="Name", max_length=_column_length("name"), help_text="Shown with your comment."
    )
    # Addresses may be 320 characters long by the RFCs, but the column holds 254 (the longest a
    # mail server accepts): refused here, with the text kept, not by the database.
    email = forms.EmailField(
        label="Email (optional)",
        max_length=_column_length("email"),
        required=False,
        help_text="Never shown; only moderators see it.",
    )
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
    parent = forms.ModelChoiceField(
        queryset=Comment.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": "The comment you are replying to is no longer shown. "
            "Your comment is kept below: post it on its own."
        },
    )

    field_order = ["name", "email", "send_replies", "body", "website"]

    def __init__(self, *args, article, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.request = request
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
        data = self.cleaned_data
        comment = Comment(
            article=self.article,
            parent=data["parent"],
            name=data["name"],
            email=data["email"],
            body=data["body"],
            ip_address=client_address(self.request),
        )
        return moderation.submit_comment(comment, self.request, send_replies=data["send_replies"])
