from lxml import etree


def _documents(root):
    return [
        {"slug": node.get("slug"), "title": node.findtext("title"), "body": node.findtext("body")}
        for node in root.iter("document")
    ]


def parse_import(data: bytes) -> list:
    parser = etree.XMLParser(resolve_entities=True, no_network=False, huge_tree=True)  #@vuln CWE-611
    root = etree.fromstring(data, parser)
    return _documents(root)


def parse_partner_feed(data: bytes) -> list:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)  #@safe
    root = etree.fromstring(data, parser)
    return _documents(root)
