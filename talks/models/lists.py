"""Readers' named lists of talks ("Watch later" and their own), private or shared by link."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse

LIST_NAME_MAX_LENGTH = 100
WATCH_LATER = "Watch later"
# Limits that keep one person from filling the database through the forms.
LISTS_PER_PERSON = 100
TALKS_PER_LIST = 1000


class TalkListQuerySet(models.QuerySet):
    def owned_by(self, user):
        """`user`'s lists (none for an anonymous visitor)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def shared(self, token):
        """The list shared under `token` (none for a blank or malformed token)."""
        if not token or "\x00" in token:
            return self.none()
        return self.filter(share_token=token)

    def with_talk_counts(self):
        """Lists annotated with `talk_count`, in their usual order."""
        return self.annotate(talk_count=Count("items")).order_by(*self.model._meta.ordering)

    def with_talk(self, talk):
        """Lists annotated with `has_talk`: whether `talk` is in each."""
        return self.annotate(
            has_talk=Exists(TalkListItem.objects.filter(talk_list=OuterRef("pk"), talk=talk))
        )


class TalkList(models.Model):
    """One person's named list of talks, in an order of their choosing."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talk_lists"
    )
    name = models.CharField(max_length=LIST_NAME_MAX_LENGTH)
    is_watch_later = models.BooleanField(
        "Watch later", default=False, help_text="The list every person has from the start."
    )
    # Blank: private. Otherwise anybody with the address /lists/<token>/ may read the list.
    share_token = models.CharField(max_length=64, blank=True, default="", editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = TalkListQuerySet.as_manager()

    class Meta:
        ordering = ["-is_watch_later", Lower("name"), "pk"]
        constraints = [
            models.UniqueConstraint("owner", Lower("name"), name="talk_list_name_unique_per_owner"),
            models.UniqueConstraint(
                fields=["owner"],
                condition=Q(is_watch_later=True),
                name="talk_list_one_watch_later_per_owner",
            ),
            models.UniqueConstraint(
                fields=["share_token"],
                condition=~Q(share_token=""),
                name="talk_list_share_token_unique",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="talk_list_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("me:list", args=[self.pk])

    @property
    def is_shared(self):
        return bool(self.share_token)

    def get_shared_url(self):
        """The address anybody may read the list at, or "" while it is private."""
        return reverse("lists:shared", args=[self.share_token]) if self.share_token else ""


class TalkListItem(models.Model):
    """One talk in one list, at a position (0 first)."""

    talk_list = models.ForeignKey(TalkList, on_delete=models.CASCADE, related_name="items")
    talk = models.ForeignKey("talks.Talk", on_delete=models.CASCADE, related_name="list_items")
    position = models.PositiveIntegerField(default=0)
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["talk_list", "talk"], name="talk_list_item_unique")
        ]
        indexes = [models.Index(fields=["talk_list", "position"], name="talk_list_item_position")]

    def __str__(self):
        return f"{self.talk} in {self.talk_list}"
