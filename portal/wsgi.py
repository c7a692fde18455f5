import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

# Applicants' data: no start with mail to the console (query codes in the log) or
# without the field encryption key when DEBUG is off (requests_app.checks).
from requests_app.checks import refuse_unsafe_start  # noqa: E402

refuse_unsafe_start()
