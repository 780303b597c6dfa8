"""The dashboard's place in the admin: a link on the admin's home page (templates/dashboard/admin_index.html)."""

from django.contrib import admin

admin.site.index_template = "dashboard/admin_index.html"
