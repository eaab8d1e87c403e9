from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from .forms import DeleteAccountForm, ProfileForm
from .services import account_delete


class ProfileView(LoginRequiredMixin, View):
    template_name = "accounts/profile.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ProfileForm(instance=request.user)})

    def post(self, request):
        form = ProfileForm(request.POST, instance=request.user)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")


class DeleteAccountView(LoginRequiredMixin, View):
    template_name = "accounts/delete.html"

    def get(self, request):
        return render(request, self.template_name, {"form": DeleteAccountForm()})

    def post(self, request):
        form = DeleteAccountForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        user = request.user
        logout(request)
        account_delete(user=user)
        messages.success(request, _("Your account has been deleted."))
        return redirect(f"/{translation.get_language()}/")
