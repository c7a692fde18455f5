"""Attachments of an item in the back office: the inline, the download view (with
the item's rules) and the writes through `disclosure.services`."""

from django.contrib import admin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path

from common.exports import file_response
from disclosure import permissions, services
from disclosure.admin._common import AdminCssMixin
from disclosure.forms import (
    AttachmentInlineForm,
    attachment_link,
)
from disclosure.models import Attachment


class AttachmentInline(AdminCssMixin, admin.TabularInline):
    model = Attachment
    form = AttachmentInlineForm
    extra = 1
    fields = ("title", "file", "order", "size_display", "content_type")
    readonly_fields = ("size_display", "content_type")
    verbose_name = "附件"
    verbose_name_plural = "附件（PDF、Word、Excel、图片等，按内容检查类型和大小）"

    @admin.display(description="大小")
    def size_display(self, obj):
        return filesizeformat(obj.size) if obj and obj.pk else "—"

    @admin.display(description="文件")
    def file_link(self, obj):
        return attachment_link(obj) if obj and obj.pk else "—"

    def get_fields(self, request, obj=None):
        if obj is not None and not self._editable(request, obj):
            # Read-only: a download link, never the storage path (MEDIA_URL is not served).
            return ("title", "file_link", "order", "size_display", "content_type")
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "file_link")

    def _editable(self, request, obj) -> bool:
        return obj is not None and permissions.can_change_item(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return obj is None or permissions.can_view_item(request.user, obj)

    def has_add_permission(self, request, obj=None):
        # obj is None on the add page: the new item is a draft of the user's own.
        if obj is None:
            return permissions.can_add_item(request.user)
        return self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.can_add_item(request.user)
        return self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class ItemAttachmentsMixin:
    # --- attachments for staff: downloaded through the admin, with the item's rules ---

    def get_urls(self):
        custom = [
            path(
                "<path:object_id>/attachments/<int:attachment_pk>/",
                self.admin_site.admin_view(self.attachment_view),
                name="disclosure_item_attachment",
            )
        ]
        return custom + super().get_urls()

    def attachment_view(self, request, object_id, attachment_pk):
        """Download an attachment of an item the user may see (404 otherwise)."""
        item = self.get_object(request, object_id)
        if not self.has_view_or_change_permission(request, item):
            raise Http404("not found")
        attachment = get_object_or_404(Attachment, item=item, pk=attachment_pk)
        ext = attachment.file.name.rsplit(".", 1)[-1] if "." in attachment.file.name else "bin"
        # A draft's attachment must not stay in shared caches: private.
        return file_response(
            attachment.file.open("rb"),
            filename=f"{attachment.title}.{ext}",
            content_type=attachment.content_type,
            private=True,
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Attachment:
            return super().save_formset(request, form, formset, change)
        item = form.instance
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            instance = row.instance
            if instance.pk and formset.can_delete and formset._should_delete_form(row):
                services.attachment_delete(attachment=instance, acting_user=request.user)
                formset.deleted_objects.append(instance)
            elif instance.pk is None and row.has_changed() and row.cleaned_data.get("file"):
                formset.new_objects.append(
                    services.attachment_add(
                        item=item,
                        file=row.cleaned_data["file"],
                        title=row.cleaned_data.get("title", ""),
                        order=row.cleaned_data.get("order") or 0,
                        acting_user=request.user,
                    )
                )
            elif instance.pk and row.has_changed():
                services.attachment_update(
                    attachment=instance,
                    title=row.cleaned_data["title"],
                    order=row.cleaned_data.get("order") or 0,
                    acting_user=request.user,
                )
                formset.changed_objects.append((instance, row.changed_data))
