"""Login, logout and passwords outside the admin (leadership uses these), with our templates.

Django's own auth views do the work: LoginView only follows a `next` that stays on this site
(url_has_allowed_host_and_scheme), and gives one message for unknown users and wrong
passwords. django-axes throttles every attempt through the authentication backend.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext
from django.views.generic import UpdateView

from accounts.audit import record
from accounts.models import AuditEventKind, User
from accounts.reset_limits import reset_mail_allowed

# The leadership dashboard's start page (dashboard app); the portal if it is not there.
DASHBOARD_URL_NAMES = ["dashboard:index", "dashboard:home"]


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django's rule): a link or an image cannot log anyone out."""


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password-change-done")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(AuditEventKind.PASSWORD_CHANGED, self.request, user=form.user)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class AccountSettingsView(LoginRequiredMixin, UpdateView):
    """The signed-in user's language (of the back office and its e-mails) and which of the
    workflow's e-mails they get."""

    model = User
    fields = ["language", "review_mail", "outcome_mail"]
    template_name = "accounts/settings.html"
    success_url = reverse_lazy("accounts:settings")

    def get_object(self, queryset=None) -> User:
        return self.request.user

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["language_fields"] = [form["language"]]
        context["mail_fields"] = [form["review_mail"], form["outcome_mail"]]
        return context

    def form_valid(self, form):
        # The message, and the page it shows on, in the language just chosen (or, none
        # chosen, the browser's again).
        translation.activate(
            form.instance.language
            or translation.get_language_from_request(self.request, check_path=False)
        )
        messages.success(self.request, gettext("Your settings were saved."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        if not reset_mail_allowed(self.request, form.cleaned_data["email"]):
            # The page a sent mail leads to: it says nothing of whether one was sent.
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(AuditEventKind.PASSWORD_RESET, self.request, user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): a page, 429 Too Many Requests."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    response = render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """Where a login without `next` leads: staff to the admin, leadership to the dashboard."""
    user = request.user
    if user.is_staff:
        return HttpResponseRedirect(reverse("admin:index"))
    if user.has_perm("accounts.view_dashboard"):
        for name in DASHBOARD_URL_NAMES:
            try:
                return HttpResponseRedirect(reverse(name))
            except NoReverseMatch:
                continue
    return HttpResponseRedirect(reverse("portal:home"))
