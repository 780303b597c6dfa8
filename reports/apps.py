from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports from travellers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from editorial.review import register_waiting_section

        from .waiting import open_reports_for, sees_reports

        register_waiting_section(
            "reports",
            title=lambda: _("Reports from travellers"),
            items=open_reports_for,
            applies_to=sees_reports,
            empty=lambda: _("No report from a traveller waits for an answer."),
        )
