"""The ceiling: a bare Django view returning "ok", served exactly like the project.

gunicorn bench.ceiling:application — same server, workers and Python as the real thing,
with no database, middleware or templates, so the ratio to it measures Coopbase's own cost.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-ceiling-only-not-a-real-secret-key-0123456789-abcdefghij",  # noqa: S106
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", ok)]
application = get_wsgi_application()
