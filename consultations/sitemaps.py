"""Sitemap section for the public consultation pages (settings.EXTRA_SITEMAPS)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from consultations.models import Consultation


class ConsultationSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Consultation.objects.public().order_by("-opens_at", "-id")

    def location(self, consultation: Consultation) -> str:
        return reverse("consultations:detail", args=[consultation.pk])

    def lastmod(self, consultation: Consultation):
        return consultation.updated_at
