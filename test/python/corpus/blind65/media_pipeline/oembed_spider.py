"""Scrapy spider that refreshes stored embeds whose provider pages have changed.

Run with: scrapy runspider oembed_spider.py -a urls_file=embeds.txt -o refreshed.jsonl
"""
import json

import scrapy


class OEmbedRefreshSpider(scrapy.Spider):
    name = "oembed_refresh"
    custom_settings = {
        "ROBOTSTXT_OBEY": True,
        "DOWNLOAD_DELAY": 0.5,
        "USER_AGENT": "NewsroomPreviewBot/2.1 (+https://newsroom.example/bot)",
        "AUTOTHROTTLE_ENABLED": True,
    }

    def __init__(self, urls_file=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.urls_file = urls_file

    def start_requests(self):
        with open(self.urls_file, encoding="utf-8") as fh:
            for line in fh:
                url = line.strip()
                if url and not url.startswith("#"):
                    yield scrapy.Request(url, callback=self.parse_page, cb_kwargs={"source_url": url})

    def parse_page(self, response, source_url):
        item = {
            "source_url": source_url,
            "title": response.xpath("//meta[@property='og:title']/@content").get(),
            "image": response.xpath("//meta[@property='og:image']/@content").get(),
        }
        player_config = response.xpath("//script[@id='player-config']/text()").get()
        if player_config:
            config = eval(player_config.strip().rstrip(";"))  #@vuln CWE-95
            item["duration"] = config.get("duration")
            item["aspect_ratio"] = config.get("aspectRatio")
        settings_attr = response.css("div.embed-container::attr(data-settings)").get()
        if settings_attr:
            item["settings"] = json.loads(settings_attr)
        oembed_link = response.xpath("//link[@type='application/json+oembed']/@href").get()
        if oembed_link:
            yield response.follow(oembed_link, callback=self.parse_oembed, cb_kwargs={"item": item})
        else:
            yield item

    def parse_oembed(self, response, item):
        data = json.loads(response.text)
        item.update({
            "provider": data.get("provider_name"),
            "html": data.get("html"),
            "width": data.get("width"),
            "height": data.get("height"),
        })
        yield item
