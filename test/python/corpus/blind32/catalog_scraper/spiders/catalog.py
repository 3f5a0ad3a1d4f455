"""Spider for partner product catalogues (HTML listing pages plus XML feeds)."""
import ast
import json

import scrapy
from lxml import etree


class CatalogSpider(scrapy.Spider):
    name = "catalog"
    allowed_domains = ["shop.partner-a.com", "feeds.partner-a.com", "catalog.partner-b.net"]
    start_urls = ["https://shop.partner-a.com/catalog/", "https://catalog.partner-b.net/products/"]
    feed_urls = ["https://feeds.partner-a.com/products.xml"]
    sitemap_url = "https://shop.partner-a.com/sitemap.xml"

    def start_requests(self):
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse)
        for url in self.feed_urls:
            yield scrapy.Request(url, callback=self.parse_feed)
        yield scrapy.Request(self.sitemap_url, callback=self.parse_sitemap)

    def parse(self, response):
        for href in response.css("div.product-card a.product-link::attr(href)").getall():
            yield response.follow(href, callback=self.parse_product)
        next_page = response.css("a.pagination-next::attr(href)").get()
        if next_page:
            yield response.follow(next_page, callback=self.parse)

    def parse_product(self, response):
        data = json.loads(response.css("script#product-json::text").get() or "{}")
        item = {
            "source": self.name,
            "url": response.url,
            "sku": data.get("sku") or response.css("[itemprop=sku]::text").get(),
            "title": data.get("name") or response.css("h1::text").get(default="").strip(),
            "brand": data.get("brand") or response.css("[itemprop=brand]::text").get(default="unknown"),
            "price": data.get("price") or response.css("[itemprop=price]::attr(content)").get(),
            "currency": data.get("currency", "EUR"),
            "image_url": response.urljoin(response.css("img.main-image::attr(src)").get(default="")),
            "image_name": data.get("imageName"),
        }
        # partner A embeds discount rules as a JS object literal
        rules_src = response.css("script#pricing::text").re_first(r"rules\s*=\s*(\{.*?\});")
        if rules_src:
            try:
                item["pricing_rules"] = ast.literal_eval(rules_src)  #@safe
            except (ValueError, SyntaxError):
                item["pricing_rules"] = eval(rules_src.replace("true", "True").replace("false", "False").replace("null", "None"))  #@vuln CWE-95
        yield item

    def parse_feed(self, response):
        root = etree.fromstring(response.body, etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False))  #@vuln CWE-611
        for node in root.iterfind(".//product"):
            yield {
                "source": "feed",
                "url": node.findtext("link"),
                "sku": node.findtext("sku"),
                "title": node.findtext("title"),
                "brand": node.findtext("brand") or "unknown",
                "price": node.findtext("price"),
                "currency": node.findtext("currency") or "EUR",
                "image_url": node.findtext("image"),
            }

    def parse_sitemap(self, response):
        root = etree.fromstring(response.body, etree.XMLParser(resolve_entities=False, no_network=True))  #@safe
        ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        for loc in root.xpath("//sm:url/sm:loc/text()", namespaces=ns):
            if "/product/" in loc:
                yield response.follow(loc, callback=self.parse_product)
