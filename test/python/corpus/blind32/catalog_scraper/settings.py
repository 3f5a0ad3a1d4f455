"""Scrapy settings for the partner catalogue scraper."""
import os

BOT_NAME = "catalog_scraper"
SPIDER_MODULES = ["catalog_scraper.spiders"]
NEWSPIDER_MODULE = "catalog_scraper.spiders"

USER_AGENT = "PlatformCatalogBot/2.1 (+https://platform.internal/bot)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
HTTPCACHE_ENABLED = False

ITEM_PIPELINES = {
    "catalog_scraper.pipelines.CleanItemPipeline": 100,
    "catalog_scraper.pipelines.SQLitePipeline": 300,
    "catalog_scraper.pipelines.MongoPipeline": 400,
    "catalog_scraper.pipelines.ImageStorePipeline": 500,
}

DOWNLOADER_MIDDLEWARES = {
    "catalog_scraper.middlewares.PartnerProxyMiddleware": 350,
}

# partner B only serves the catalogue to its contracted egress proxy
PARTNER_PROXY_URL = "http://egress.partner-b.net:3128"
PARTNER_PROXY_USER = os.environ.get("PARTNER_PROXY_USER", "platform-scraper")
PARTNER_PROXY_PASSWORD = "pxy-Scr4per-2024!"  #@vuln CWE-798
PROXIED_DOMAINS = {"catalog.partner-b.net"}

CATALOG_DB = os.environ.get("CATALOG_DB", "/srv/platform/data/catalog.sqlite3")
MONGO_URI = os.environ.get("MONGO_URI", "mongodb://localhost:27017")
MONGO_DB = "catalog"
IMAGES_DIR = os.environ.get("CATALOG_IMAGES", "/srv/platform/data/catalog_images")

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
