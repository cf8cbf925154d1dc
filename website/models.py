"""Site-wide models: the custom user, the home page and the site settings."""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.url_routing import RouteResult

from . import sitememo
from .blocks import BaseStreamBlock, LinkBlock
from .emails import normalise_loosely
from .i18n import in_active_language


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no separate username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalise_loosely(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # Equality on the normal form (website/emails.py), never `iexact`: PostgreSQL's UPPER()
        # folds the dotless "ı" to "I", so a look-alike address found the real account.
        return self.get(email=normalise_loosely(username))


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    # Set when the person's data was erased (privacy/services/erasure.py): the mark of an
    # erased account. The address is then a placeholder that only keeps the column unique.
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="website_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        # One person, one address: "Kari@Example.no" and "kari@example.no" are the same login;
        # stored in the normal form (website/emails.py), which every lookup uses.
        self.email = normalise_loosely(self.email)
        super().save(*args, **kwargs)


def _view_restrictions():
    """Every page view restriction by its page's path, and each alias page's path to its
    source's (Wagtail checks the source of an alias instead)."""
    restricted = {}
    for pk, path in PageViewRestriction.objects.values_list("pk", "page__path"):
        restricted.setdefault(path, []).append(pk)
    aliases = dict(
        Page.objects.filter(alias_of__isnull=False).values_list("path", "alias_of__path")
    )
    return restricted, aliases


class SitePageMixin:
    """What every public page type shares: a meta description and breadcrumbs.

    `page.meta_description` is the editor's search description, else the page's own summary
    (the field named by `meta_description_source`).
    """

    meta_description_source = "intro"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = sitememo.remember(
            ("breadcrumbs", self.path),
            lambda: list(self.get_ancestors().filter(depth__gte=2)),
            request=request,
        )
        return context

    def get_view_restrictions(self):
        """Wagtail's answer (the restrictions on this page and its ancestors, an alias's
        source in its place) from the site memo's list of every restriction: no query when
        none applies, which is every public page. Still a queryset: Wagtail's admin, copy and
        alias actions filter and order it."""
        if not sitememo.active():
            return super().get_view_restrictions()
        restricted, aliases = sitememo.remember("view_restrictions", _view_restrictions)
        paths = (self.path[:end] for end in range(Page.steplen, len(self.path) + 1, Page.steplen))
        ids = [pk for path in paths for pk in restricted.get(aliases.get(path, path), ())]
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)

    @property
    def meta_description(self):
        if self.search_description:
            return self.search_description
        text = strip_tags(getattr(self, self.meta_description_source, "") or "")
        return " ".join(text.split())[:300]


class HomePage(SitePageMixin, Page):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown large at the top of the page."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    api_fields = [APIField("intro"), APIField("body")]  # the read API (courses/api.py)
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]

    def route(self, request, path_components):
        """The page a path names in one look-up by `url_path` (and one for its specific type),
        where Wagtail's walk down the tree costs two queries per level (issue 20). A page type
        that routes by itself, or a path that names no page, goes Wagtail's way."""
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            page = sitememo.remember(
                ("route", self.path, url_path),
                lambda: (
                    Page.objects.filter(url_path=url_path, path__startswith=self.path)
                    .specific()
                    .first()
                ),
            )
            if page is not None and type(page).route is Page.route:
                if not page.live:
                    raise Http404
                return RouteResult(page)
        return super().route(request, path_components)

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("main menu"),
        help_text=_("The links in the menu at the top of every page, in order."),
    )

    panels = [FieldPanel("links")]

    class Meta:
        verbose_name = _("navigation")


@register_setting(icon="doc-full")
class FooterSettings(BaseSiteSetting):
    about = RichTextField(
        _("about the programme"),
        blank=True,
        features=["bold", "italic", "link"],
    )
    about_en = RichTextField(
        _("about the programme, in English"),
        blank=True,
        features=["bold", "italic", "link"],
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_("For example the privacy statement and the accessibility statement."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("about"), FieldPanel("about_en")], heading=_("Text")),
        FieldPanel("contact_email"),
        FieldPanel("links"),
    ]

    class Meta:
        verbose_name = _("footer")

    def about_text(self):
        return in_active_language(self.about, self.about_en)


class RateLimitCounter(models.Model):
    """Requests per client and time window (website/ratelimit.py); holds no addresses."""

    key = models.CharField(max_length=100, unique=True)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.key}: {self.count}"


class AuditQuerySet(models.QuerySet):
    """Entries are never edited or deleted through the application; only the retention task
    removes entries past their time (`purge_before`)."""

    def update(self, **kwargs):
        raise PermissionError("audit entries cannot be changed")

    def delete(self):
        raise PermissionError("audit entries cannot be deleted")

    def purge_before(self, cutoff) -> int:
        return models.QuerySet.delete(self.filter(created_at__lt=cutoff))[0]

    def anonymise_participant(self, participant_id, user_id) -> int:
        """After an erasure: the entries stay; the name, the address they acted under and
        free-text reasons go."""
        models.QuerySet.update(self.filter(actor_id=user_id), actor_label="slettet deltaker")
        return models.QuerySet.update(
            self.filter(participant_id=participant_id), subject_label="", reason=""
        )


class AuditEntry(models.Model):
    """Who did what to whose data, when and why (website/audit.py writes them)."""

    class Action(models.TextChoices):
        ENROLMENT_STATE = "enrolment_state", _("Application status changed")
        ATTENDANCE_CHANGED = "attendance_changed", _("Attendance changed after the gathering")
        CERTIFICATE_ISSUED = "certificate_issued", _("Certificate issued")
        CERTIFICATE_EXCEPTION = "certificate_exception", _("Certificate issued as an exception")
        CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")
        PROGRESSION_EXCEPTION = "progression_exception", _("Exception from the level rules")
        EXPORT = "export", _("Personal data exported")
        SENSITIVE_VIEWED = "sensitive_viewed", _("Sensitive data viewed")
        ERASED = "erased", _("Personal data erased")
        COMMENT_ADDRESSED = "comment_addressed", _("Evaluation comment marked as taken in")
        COMMENT_UNADDRESSED = "comment_unaddressed", _("Evaluation comment no longer taken in")
        NETWORK_MEMBERSHIP = "network_membership", _("Network membership changed")
        NETWORK_REQUEST = "network_request", _("Request for a representative changed")

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    # Kept when the account is gone: the log must still say who it was.
    actor_label = models.CharField(_("who"), max_length=254, blank=True)
    action = models.CharField(_("what"), max_length=30, choices=Action.choices, db_index=True)
    # Whose data: the participant's id (no foreign key, so the entry outlives an erasure) and
    # how they were called at the time.
    participant_id = models.BigIntegerField(_("participant id"), null=True, blank=True)
    subject_label = models.CharField(_("whom"), max_length=200, blank=True)
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    summary = models.CharField(_("details"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # The entry records staff being shown the person's sensitive fields (design rule 6), on
    # a page or in a file: what My data lists under "views of your sensitive details".
    sensitive = models.BooleanField(_("sensitive details shown"), default=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["participant_id", "created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label}: {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit entries cannot be deleted")


class InfoPage(SitePageMixin, Page):
    """A plain content page under the home page: the privacy statement, the accessibility
    statement, about the programme."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    api_fields = [APIField("intro"), APIField("body")]  # the read API (courses/api.py)
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["website.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")


class OutboxMessage(models.Model):
    """One e-mail the system sends, written in the same transaction as the change that causes
    it (design rule 7). `website/outbox.py` claims due rows under a short lease, renders them
    in the recipient's language, sends them and marks them; it retries with back-off and
    gives up after a few attempts, leaving the message *failed* for an administrator to see."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not needed any more")

    # Unique: writing the same message twice (a retried task, a double click) writes one row.
    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=80, db_index=True)
    # Messages of one thread (say, one person's invites to one gathering) go in order: a
    # message waits while an earlier one of its thread is still to be sent.
    thread = models.CharField(max_length=200, blank=True, db_index=True)
    recipient = models.EmailField(_("to"), max_length=254)
    recipient_name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, default="nb")
    # What to render: ids and plain values only; the kind's renderer loads the rest when the
    # message goes (so attachments travel by reference, never copied into this table).
    context = models.JSONField(default=dict, blank=True)
    # Whose message it is (My data lists it; erasure removes it).
    about = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbox_messages",
        verbose_name=_("about"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    # Held by the sender that claimed it; a sender that died lets it run out and another
    # sender takes the message over.
    lease_until = models.DateTimeField(null=True, blank=True)
    lease_token = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind_label} → {self.recipient}"

    @property
    def can_send_again(self) -> bool:
        """Not when sent, nor while a live sender holds it."""
        if self.state == self.State.SENT:
            return False
        return not (
            self.state == self.State.SENDING
            and self.lease_until is not None
            and self.lease_until >= timezone.now()
        )

    @property
    def kind_label(self) -> str:
        from .outbox import kind_label

        return kind_label(self.kind)

    kind_label.fget.short_description = _("kind")

    @property
    def message_id(self) -> str:
        """The same `Message-ID` every time this message is sent, so that a copy sent again
        after a crash is recognisably the same message."""
        digest = hashlib.sha256(self.key.encode()).hexdigest()[:32]
        return f"<{digest}@{settings.CALENDAR_UID_DOMAIN}>"


class Job(models.Model):
    """A long piece of work a person started in the admin (issue certificates, send invites,
    build a zip or a year's export), done by a task that reports its progress here; the page
    that started it shows a progress bar that moves by itself (website/jobs.py)."""

    # What it is, as "<app>.<what>" (say "certificates.issue"); `subject` names what it is
    # about ("gathering:12"), so a page finds the newest job of its kind for its object.
    kind = models.CharField(_("kind"), max_length=80)
    subject = models.CharField(max_length=100, blank=True)
    label = models.CharField(_("what"), max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("started by"),
    )
    # The language of the person who started it: the task writes its summary in it.
    language = models.CharField(max_length=10, default="nb")
    # The task (dotted path, called with the job's id) and what it needs (ids, plain values).
    # Empty `task`: another row's task does the work and reports here (cohorts' invite runs).
    task = models.CharField(max_length=200, blank=True)
    params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    # A worker claims the job by setting the heartbeat and renews it with each progress
    # report; a copy of the task that finds a fresh heartbeat leaves the job alone, and the
    # sweep queues a job whose heartbeat went quiet again (it resumes where it stopped).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    failed = models.BooleanField(default=False)
    summary = models.TextField(_("summary"), blank=True)
    # [{"text": "…", "url": "…"}]: where to go next (the result, a download).
    links = models.JSONField(default=list, blank=True)
    # A file the job made (a zip, a spreadsheet), in the private storage; only the person who
    # started the job (or an administrator) downloads it, and the sweep deletes it after a day.
    file = models.CharField(max_length=200, blank=True)
    filename = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["kind", "subject", "requested_by"])]

    def __str__(self):
        return f"{self.kind} {self.subject} ({self.created_at:%Y-%m-%d %H:%M})"
