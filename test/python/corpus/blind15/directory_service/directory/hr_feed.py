import xml.sax
from xml.sax.handler import feature_external_ges


class PersonHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.people, self._field, self._current = [], None, {}

    def startElement(self, name, attrs):
        if name == "person":
            self._current = {"uid": attrs.get("uid")}
        self._field = name

    def characters(self, content):
        if self._field in ("name", "team") and content.strip():
            self._current[self._field] = content.strip()

    def endElement(self, name):
        if name == "person":
            self.people.append(self._current)
        self._field = None


def parse_feed(stream, allow_includes: bool = True) -> list[dict]:
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, allow_includes)  #@vuln CWE-611
    handler = PersonHandler()
    parser.setContentHandler(handler)
    parser.parse(stream)
    return handler.people


def parse_feed_strict(stream) -> list[dict]:
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, False)  #@safe
    handler = PersonHandler()
    parser.setContentHandler(handler)
    parser.parse(stream)
    return handler.people
