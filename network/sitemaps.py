"""The network's public pages in /sitemap.xml (registered in network/wiring.py): the page about
the network and the form where a service asks for a representative."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from website.views import OnPublicAddress

PUBLIC_PAGES = ("network:home", "network:request_form")


class NetworkSitemap(OnPublicAddress, Sitemap):
    changefreq = "monthly"

    def items(self):
        return list(PUBLIC_PAGES)

    def location(self, name):
        return reverse(name)
