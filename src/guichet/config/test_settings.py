"""Settings for the test suite: the same project, with tasks run at once and fast hashing."""

from .settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "guichet.notify.sms.MemorySmsBackend"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
STORAGES["documents"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.InMemoryStorage",
}
