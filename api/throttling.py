"""Rate limit of the open data API: per client address, counted in the shared cache."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class OpenDataRateThrottle(AnonRateThrottle):
    """Every API client is anonymous; the rate is read from the settings on each request
    (DRF's own class reads it once, at import)."""

    scope = "anon"

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
