"""Every limit the comment forms put on a field is the limit of the column it is stored in: a
value the form takes must fit, or the reader gets a 500 and loses the text."""

import pytest

from comments.forms import CommentForm, CommentTextForm
from comments.models import Comment


@pytest.mark.parametrize("form_class", [CommentForm, CommentTextForm])
def test_each_fields_length_is_its_columns(form_class):
    columns = {field.name: field for field in Comment._meta.get_fields()}

    stored = [name for name in form_class.base_fields if name in columns]

    assert stored, "the form stores no field"
    for name in stored:
        column = columns[name]
        if column.is_relation:
            continue
        assert form_class.base_fields[name].max_length == column.max_length, name


def test_an_email_too_long_for_its_column_is_refused_with_the_text_kept(article, post_comment):
    email = f"{'a' * 64}@{'b' * 63}.{'c' * 63}.{'d' * 63}.example"
    assert 255 <= len(email) <= 320

    response = post_comment(article, email=email, body="Words worth keeping.")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value has at most 254 characters" in html
    assert "Words worth keeping.</textarea>" in html
    assert Comment.objects.count() == 0
