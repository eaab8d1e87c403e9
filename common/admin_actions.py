"""The intermediate page of an admin action that asks before it acts (a reason, a
confirmation, a form), shared by the directory's and engagement's admins.

The page lists the selected items and posts them back to the same action with
``apply`` set; the action's code decides what ``apply`` does."""

from django.shortcuts import render


def action_page(modeladmin, request, template: str, *, title: str, items, form=None):
    """Render ``template`` (which extends ``admin/action_confirmation.html``)."""
    return render(
        request,
        template,
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "items": items,
            "form": form,
            "action": request.POST.get("action"),
            "opts": modeladmin.model._meta,
        },
    )
