from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortsConfig(AppConfig):
    name = "ports"
    verbose_name = _("Ports of entry and border-area notes")
