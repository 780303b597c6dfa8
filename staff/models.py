"""What each staff member chooses for themselves: for now, the language the admin speaks to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AdminLanguage(models.TextChoices):
    """The admin's languages, each named in itself: whoever cannot read the current one still finds their own."""

    CHINESE = "zh-hans", "简体中文"
    ENGLISH = "en", "English"
    KOREAN = "ko", "한국어"
    RUSSIAN = "ru", "Русский"


class StaffPreferences(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_preferences",
        verbose_name=_("user"),
    )
    admin_language = models.CharField(
        _("admin language"),
        max_length=7,
        choices=AdminLanguage.choices,
        default=AdminLanguage.CHINESE,
        help_text=_("The language of the admin's menus, labels and messages. The site's pages keep their own."),
    )

    class Meta:
        verbose_name = _("personal settings")
        verbose_name_plural = _("personal settings")

    def __str__(self):
        return str(self.user)

    @classmethod
    def language_of(cls, user):
        """The admin language chosen by `user`, Chinese for one who never chose."""
        chosen = cls.objects.filter(user=user).values_list("admin_language", flat=True).first()
        return chosen or AdminLanguage.CHINESE
