"""Posting, editing, deleting and reporting comments: plain HTML forms, post/redirect/get."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import resolve
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles import tags
from articles.models import Article, Section
from comments import authorship, moderation, policy, ratelimit, replies, spam
from comments.addresses import reader_fingerprint
from comments.forms import CommentForm, CommentTextForm, ReportForm
from comments.models import Comment, CommentStatus
from newsroom import caching
from newsroom.cross_origin import same_origin_only
from newsroom.networks import client_address


def _see_other(url):
    """Post/redirect/get: 303 tells every client to follow with a GET."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _refused(request, title, message, back_url, status=403):
    """A readable page saying why the request was refused (403 unless told)."""
    context = {"title": title, "message": message, "back_url": back_url}
    return render(request, "comments/refused.html", context, status=status)


@same_origin_only
@require_POST
def post_comment(request, article_id):
    """A new comment or reply. Errors show the article page again (400) with the reader's text
    and each error beside its field; success redirects to the new comment (303)."""
    article = _article_to_post_to(article_id)
    if not policy.is_open(article):
        return _refused(
            request,
            "Comments are closed",
            "This article takes no new comments.",
            article.get_absolute_url(),
        )
    if ratelimit.is_limited(client_address(request)):
        context = {"article": article, "body": request.POST.get("body", "")}
        response = render(request, "comments/rate_limited.html", context, status=429)
        response["Retry-After"] = str(ratelimit.MINUTE)
        return response
    form = CommentForm(request.POST, article=article, request=request)
    if not form.is_valid():
        return _article_page_with(request, article, form)
    comment = form.save()
    response = _see_other(comment.get_absolute_url())
    authorship.remember(request, response, comment)
    return response


# What posting reads of an article: whether it is public, its policy and its section's, what
# its address is made of, and the headline that the refusal pages and the moderators' email show.
# Kept in the shared cache as these plain values, never a pickled model, which another release
# sharing the cache during a rolling deploy may fail to read; the key's version changes with them.
POSTING_FIELDS = [
    "status",
    "published_at",
    "slug",
    "headline",
    "comment_policy",
    "section",
    "section__slug",
    "section__comment_policy",
]
POSTING_KEY = "comments:article:v1:{}"


@never_cache
@require_GET
def form_token(request, article_id):
    """A freshly signed time for the comment form, which the form's script asks for when the
    reader starts on it (static/js/comment-form.js): the page itself may come from a cache,
    and the time it was rendered says nothing of when this reader saw it. No query: a token
    for an article that takes no comments is refused when the form comes back."""
    return JsonResponse({"timestamp": spam.form_token(article_id)})


def _article_to_post_to(article_id):
    """The public article, else 404: its POSTING_FIELDS only. Kept in the shared cache until
    the article or a section changes, so a post costs no query for it."""
    row = caching.kept(
        POSTING_KEY.format(article_id),
        [tags.article(article_id), tags.SECTIONS],
        lambda: Article.objects.filter(pk=article_id).values(*POSTING_FIELDS).first(),
    )
    if row is None:
        raise Http404("No public article with this id.")
    article = Article(
        pk=article_id,
        section=Section(
            pk=row["section"],
            slug=row["section__slug"],
            comment_policy=row["section__comment_policy"],
        ),
        **{field: row[field] for field in POSTING_FIELDS if not field.startswith("section")},
    )
    # Checked each time, not kept: a scheduled article becomes public with no change.
    if not article.is_public:
        raise Http404("No public article with this id.")
    return article


def _article_page_with(request, article, form):
    """The article's page as its own view renders it, with this form (its errors and the
    reader's text) in the thread, as a 400. The comments app need not know what that page
    shows: the thread tag takes the form from `request.comment_form`."""
    request.comment_form = form
    page = resolve(article.get_absolute_url())
    response = page.func(request, *page.args, **page.kwargs)
    response.status_code = 400
    return response


def _own_comment(request, pk):
    """The comment, and whether this browser may still edit or delete it."""
    comment = get_object_or_404(Comment.objects.select_related("article__section"), pk=pk)
    return comment, authorship.may_change(comment, authorship.authored_ids(request))


def _too_late(request, comment):
    return _refused(
        request,
        "This comment can no longer be changed",
        "A comment can be edited or deleted only from the browser that posted it, "
        f"and only for {settings.COMMENTS_EDIT_MINUTES} minutes after posting.",
        comment.article.get_absolute_url(),
    )


@same_origin_only
@require_http_methods(["GET", "POST"])
def edit_comment(request, pk):
    """GET shows the author's text in a form; POST saves it (the hold rules look again)."""
    comment, allowed = _own_comment(request, pk)
    if not allowed:
        return _too_late(request, comment)
    if not policy.is_open(comment.article):
        # Else an author could slip text or links into a thread nobody may answer any more.
        return _refused(
            request,
            "Comments are closed",
            "This thread is closed, so its comments can no longer be edited. "
            "You can still delete yours.",
            comment.get_absolute_url(),
        )
    form = CommentTextForm(
        request.POST if request.method == "POST" else None, initial={"body": comment.body}
    )
    if form.is_valid():
        moderation.edit_comment(comment, form.cleaned_data["body"], request)
        return _see_other(comment.get_absolute_url())
    context = {"comment": comment, "form": form, "deadline": authorship.edit_deadline(comment)}
    return render(request, "comments/edit.html", context, status=400 if form.is_bound else 200)


@same_origin_only
@require_http_methods(["GET", "POST"])
def delete_comment(request, pk):
    """GET asks for confirmation; POST deletes."""
    comment, allowed = _own_comment(request, pk)
    if not allowed:
        return _too_late(request, comment)
    if request.method == "POST":
        moderation.withdraw_comment(comment)
        messages.success(request, "Your comment was deleted.")
        return _see_other(f"{comment.article.get_absolute_url()}#comments")
    context = {"comment": comment, "deadline": authorship.edit_deadline(comment)}
    return render(request, "comments/delete.html", context)


@same_origin_only
@require_POST
def report_comment(request):
    """One reader's report; enough of them hide the comment until a moderator decides."""
    form = ReportForm(request.POST)
    if not form.is_valid():
        raise Http404("No such comment.")
    comment = form.cleaned_data["comment"]
    article_url = comment.article.get_absolute_url()
    if ratelimit.reports_limited(client_address(request)):
        response = _refused(
            request,
            "Too many reports",
            "Each reader can send only a few reports an hour, and yours so far are recorded. "
            "Thank you for your care; you can report again in an hour.",
            comment.get_absolute_url(),
            status=429,
        )
        response["Retry-After"] = str(ratelimit.HOUR)
        return response
    if comment.status != CommentStatus.PUBLISHED:
        messages.info(request, "Thank you. That comment is no longer shown.")
        return _see_other(f"{article_url}#comments")
    if moderation.report_comment(comment, reader_fingerprint(request), request):
        messages.success(request, "Thank you. The comment is hidden until a moderator decides.")
        return _see_other(f"{article_url}#comments")
    messages.success(request, "Thank you: your report is recorded.")
    return _see_other(comment.get_absolute_url())


def _replies_page(request, title, message, subscription=None, button=None, status=200):
    context = {"title": title, "message": message, "subscription": subscription, "button": button}
    return render(request, "comments/replies.html", context, status=status)


# The signed link in the URL is the proof: it is sent only to the address, so the forms on these
# pages need no CSRF token, and the one-click unsubscribe (RFC 8058) is posted by mail providers.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def confirm_replies(request, token):
    """The link in the confirmation email. GET asks (link checkers that open links in emails
    confirm nothing); POST confirms the address."""
    subscription = replies.from_confirm_token(token)
    if subscription is None:
        return _replies_page(
            request,
            "This link no longer works",
            f"Confirmation links work for {replies.CONFIRM_MAX_AGE.days} days. To be sent "
            "replies, post a comment with the box ticked again: a new link will come.",
            status=400,
        )
    if request.method == "POST":
        replies.confirm(subscription)
        return _replies_page(
            request,
            "Your address is confirmed",
            "You will be emailed the replies to your comment. Each email has a link to stop them.",
            subscription,
        )
    return _replies_page(
        request,
        "Email me the replies to my comment",
        "Confirm that this address may be sent the replies to your comment.",
        subscription,
        button="Confirm my address",
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe_replies(request, token):
    """The unsubscribe link of a reply email. GET asks; POST, from the page's button or from the
    mail program's one-click unsubscribe (List-Unsubscribe-Post), stops the emails. No account
    and no script needed."""
    genuine, subscription = replies.from_unsubscribe_token(token)
    if not genuine:
        return _replies_page(
            request,
            "This link is damaged",
            "Copy the whole link from the email, or use your mail program's unsubscribe button.",
            status=400,
        )
    if subscription is None or request.method == "POST":
        if subscription is not None:
            replies.unsubscribe(subscription)
        return _replies_page(
            request,
            "No more emails",
            "You will be sent no more emails about replies to this comment.",
            subscription,
        )
    return _replies_page(
        request,
        "Stop emails about replies?",
        "You are sent an email when someone replies to your comment.",
        subscription,
        button="Stop these emails",
    )
