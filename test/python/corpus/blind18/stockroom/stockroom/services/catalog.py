import os
import subprocess

import requests
from flask import current_app

from ..repositories.items import ItemRepository


class CatalogService:
    def __init__(self, repo=None):
        self.repo = repo or ItemRepository()

    def search(self, term, location=None):
        return self.repo.search(term, location)

    def record_adjustment(self, sku, delta, reason):
        return self.repo.adjust_quantity(sku, int(delta), reason)

    def fetch_supplier_sheet(self, sheet_url):
        resp = requests.get(sheet_url, timeout=10)  #@vuln CWE-918
        resp.raise_for_status()
        return resp.json()

    def print_label(self, item_id, printer):
        item = self.repo.get(item_id)
        label_path = os.path.join(current_app.config["LABEL_SPOOL_DIR"], f"{int(item_id)}.zpl")
        with open(label_path, "w") as fh:
            fh.write(f"^XA^FO50,50^BCN,100^FD{item['sku']}^FS^XZ")
        subprocess.check_call(f"lpr -P {printer} -o raw {label_path}", shell=True)  #@vuln CWE-78
