from django.contrib.admin.apps import AdminConfig


class BackOfficeAdminConfig(AdminConfig):
    """Django's admin, with what every admin's forms share set before the admins are
    registered (each copies the form fields' defaults as it is): its date fields
    (config.admin_dates)."""

    def ready(self) -> None:
        from config.admin_dates import use_in_every_admin

        use_in_every_admin()
        super().ready()  # registers the admins (autodiscover)
