"""Who may do what with webhooks (django-rules): partners manage their own through the
API (a token, and only their own subscriptions: ``api/views.py``); in the admin,
administrators see them, pause or re-point a subscription, and read the delivery log,
as they issue the tokens that subscriptions hang on."""

import rules

from directory.rules import admin_perms, is_administrator

rules.add_perm("webhooks", is_administrator)  # the app's section of the admin
admin_perms("webhooks", "subscription", is_administrator, "view", "change", "delete")
admin_perms("webhooks", "delivery", is_administrator, "view", "delete")
