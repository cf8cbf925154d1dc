"""The gatherings' section of /sitemap.xml (registered with website's sitemap in apps.py)."""

from django.contrib.sitemaps import Sitemap

from website.views import OnPublicAddress

from .selectors import upcoming_gatherings


class GatheringSitemap(OnPublicAddress, Sitemap):
    """Published gatherings that have not ended: the pages people apply from."""

    changefreq = "daily"

    def items(self):
        return upcoming_gatherings()

    def location(self, gathering):
        return gathering.get_absolute_url()
