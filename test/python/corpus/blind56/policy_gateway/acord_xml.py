"""Parsing of ACORD XML documents exchanged with carriers and the policy system."""
from typing import Optional

import defusedxml.ElementTree as SafeET
from lxml import etree

ACORD_NS = {"acord": "http://www.ACORD.org/standards/PC_Surety/ACORD1/xml/"}


def parse_acord(xml_bytes: bytes) -> etree._Element:
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)
    return etree.fromstring(xml_bytes, parser)  #@vuln CWE-611


def parse_loss_notice(stream) -> etree._ElementTree:
    # FNOL files from some carriers reference their DTD for validation
    parser = etree.XMLParser(dtd_validation=True, resolve_entities=True)
    return etree.parse(stream, parser)  #@vuln CWE-611


def parse_status_ping(xml_bytes: bytes) -> dict:
    root = SafeET.fromstring(xml_bytes)  #@safe
    return {child.tag.split("}")[-1]: (child.text or "").strip() for child in root}


def find_policy(root: etree._Element, policy_number: str) -> Optional[etree._Element]:
    nodes = root.xpath(  #@safe
        "//acord:PolicyNumber[text()=$num]/..", namespaces=ACORD_NS, num=policy_number
    )
    return nodes[0] if nodes else None


def loss_notice_fields(tree: etree._ElementTree) -> dict:
    root = tree.getroot()

    def first(path: str) -> str:
        found = root.xpath(path, namespaces=ACORD_NS)
        return found[0].text.strip() if found and found[0].text else ""

    return {
        "policy_number": first("//acord:PolicyNumber"),
        "loss_date": first("//acord:LossDt"),
        "claimant_name": first("//acord:InsuredOrPrincipal//acord:CommercialName")
        or first("//acord:InsuredOrPrincipal//acord:Surname"),
        "description": first("//acord:LossDesc"),
    }
