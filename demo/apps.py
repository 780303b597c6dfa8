from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo and scale data: what `make run` loads, and the large generated data the benchmarks use.

    It sits above every other app: it may import any of them, and nothing imports from it.
    """

    name = "demo"
    verbose_name = _("Demo and scale data")
