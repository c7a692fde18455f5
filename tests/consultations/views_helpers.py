"""Helpers shared by test_views.py and test_staff_pages.py."""

from zoneinfo import ZoneInfo

from django.urls import reverse

TZ = ZoneInfo("Asia/Shanghai")


def comment_url(consultation):
    return reverse("consultations:comment", args=[consultation.pk])


def detail_url(consultation):
    return reverse("consultations:detail", args=[consultation.pk])


def staff_url(consultation):
    return reverse("consultations:staff_detail", args=[consultation.pk])
