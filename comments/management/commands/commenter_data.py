"""Answer a data-protection request: show, or erase, what is stored about a commenter.

python manage.py commenter_data ada@example.com            # show it; changes nothing
python manage.py commenter_data ada@example.com --erase    # erase it, after asking
"""

import textwrap

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.template.defaultfilters import pluralize
from django.utils import timezone

from comments import privacy
from comments.moderation import ERASED_NAME

ERASING = (
    f"Each comment stays as “{ERASED_NAME}” (hidden from readers, its name replaced by "
    f"“{ERASED_NAME}”, its text, email and address erased, its replies by email ended) so "
    "that replies keep their place; "
    "the reports sent from the commenter's addresses are deleted; the admin's history of the "
    "comments is kept but no longer names them."
)


def when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M %Z")


def replies_by_email(comment):
    """Whether the commenter asked to be emailed the replies to the comment, and how far."""
    subscription = getattr(comment, "reply_subscription", None)
    if subscription is None:
        return "no"
    if subscription.confirmed_at is None:
        return f"asked {when(subscription.created_at)}, address not confirmed"
    last = f", last sent {when(subscription.last_sent_at)}" if subscription.last_sent_at else ""
    return f"yes, address confirmed {when(subscription.confirmed_at)}{last}"


class Command(BaseCommand):
    help = (
        "Print everything stored about the commenter who gave EMAIL (in any case): their "
        "comments (with their replies by email), the reports sent from their addresses and "
        f"the admin's history of their comments. With --erase, erase it: {ERASING}"
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The email the commenter gave; any case.")
        parser.add_argument(
            "--erase", action="store_true", help="Erase the personal data shown, after asking."
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            "--yes",
            action="store_false",
            dest="interactive",
            help="With --erase: erase without asking.",
        )

    def handle(self, email, *, erase, interactive, verbosity, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"“{email}” is not an email address.") from None
        found = privacy.find(email)
        if not found.comments:
            if verbosity:
                self.stdout.write(f"Nothing is stored about a commenter with the email {email}.")
            return
        if verbosity:
            self.show(email, found)
        if not erase:
            if verbosity:
                self.stdout.write("Nothing was changed; --erase erases it.")
            return
        if interactive and input(f"{ERASING}\nType “yes” to erase: ").strip() != "yes":
            self.stdout.write("Cancelled: nothing was changed.")
            return
        erased = privacy.erase(email)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Erased: {erased.comments} comment{pluralize(erased.comments)} kept as "
                    f"“{ERASED_NAME}”, {erased.reports} report{pluralize(erased.reports)} "
                    f"deleted, {erased.history} admin history "
                    f"entr{pluralize(erased.history, 'y,ies')} renamed, "
                    f"{erased.subscriptions} subscription{pluralize(erased.subscriptions)} "
                    "to replies ended."
                )
            )

    def show(self, email, found):
        write = self.stdout.write
        write(f"Stored about the commenter with the email {email} (any case):")
        for comment in found.comments:
            article = comment.article
            write(f"\nComment {comment.pk} on “{article.headline}” ({article.get_absolute_url()})")
            edited = f", edited {when(comment.edited_at)}" if comment.edited_at else ""
            write(f"  Posted:  {when(comment.created_at)}{edited}")
            write(f"  Name:    {comment.name}")
            write(f"  Email:   {comment.email}")
            write(f"  Status:  {comment.get_status_display()}")
            days = settings.COMMENTS_ADDRESS_RETENTION_DAYS
            write(f"  Address: {comment.ip_address or f'not kept (erased after {days} days)'}")
            write(f"  Reports: {comment.report_count}")
            write(f"  Replies by email: {replies_by_email(comment)}")
            write("  Text:")
            write(textwrap.indent(comment.body, "    ") or "    (none)")
        write(f"\nReports sent from these addresses: {len(found.reports)}")
        for report in found.reports:
            write(f"  {when(report.created_at)}: of comment {report.comment_id}")
        write(f"\nAdmin history of these comments (it names them): {len(found.history)}")
        for entry in found.history:
            write(
                f"  {when(entry.action_time)}, {entry.user}: "
                f"{entry.object_repr}: {entry.get_change_message()}"
            )
