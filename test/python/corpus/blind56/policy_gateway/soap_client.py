"""SOAP clients for the legacy policy administration and billing systems."""
import base64
import logging
import os
from decimal import Decimal
from functools import lru_cache

from Crypto.Cipher import DES
from Crypto.Util.Padding import pad
from requests import Session
from zeep import Client
from zeep import Settings as ZeepSettings
from zeep.helpers import serialize_object
from zeep.transports import Transport
from zeep.wsse.username import UsernameToken

from claims_api.settings import get_settings

log = logging.getLogger(__name__)
settings = get_settings()

BILLING_WSDL = "https://billing-bridge.internal.example-insure.com:8443/ClaimPayments?wsdl"
_zeep_settings = ZeepSettings(strict=False, xml_huge_tree=False)


@lru_cache
def policy_client() -> Client:
    session = Session()
    session.verify = settings.policy_ca_bundle  #@safe
    transport = Transport(session=session, timeout=20, operation_timeout=30)
    token = UsernameToken(settings.policy_soap_user, settings.policy_soap_password)
    return Client(settings.policy_wsdl, transport=transport, wsse=token, settings=_zeep_settings)


@lru_cache
def billing_client() -> Client:
    session = Session()
    session.verify = False  #@vuln CWE-295
    transport = Transport(session=session, timeout=30)
    token = UsernameToken("svc_claims_billing", "B1ll-Br1dge#2019")  #@vuln CWE-798
    return Client(BILLING_WSDL, transport=transport, wsse=token, settings=_zeep_settings)


def carrier_client(wsdl_url: str) -> Client:
    """Client for a partner carrier's own policy endpoint (registered in the portal)."""
    return Client(wsdl_url, settings=_zeep_settings)  #@vuln CWE-918


def _legacy_field_cipher():
    key = base64.b64decode(os.environ["BILLING_FIELD_KEY"])
    return DES.new(key, DES.MODE_ECB)  #@vuln CWE-327


def encrypt_for_billing(value: str) -> str:
    return base64.b64encode(_legacy_field_cipher().encrypt(pad(value.encode("ascii"), 8))).decode()


def get_policy(policy_number: str) -> dict:
    response = policy_client().service.GetPolicy(PolicyNumber=policy_number)
    return serialize_object(response, dict)


def check_coverage(policy_number: str, loss_date: str, peril: str) -> dict:
    response = policy_client().service.CheckCoverage(
        PolicyNumber=policy_number, LossDate=loss_date, PerilCode=peril
    )
    data = serialize_object(response, dict)
    return {
        "covered": bool(data.get("Covered")),
        "deductible": Decimal(str(data.get("Deductible") or "0")),
        "limit": Decimal(str(data.get("Limit") or "0")),
    }


def post_claim_payment(claim_number: str, payee_tax_id: str, amount: Decimal) -> str:
    response = billing_client().service.PostClaimPayment(
        ClaimNumber=claim_number,
        PayeeTaxId=encrypt_for_billing(payee_tax_id),
        Amount=str(amount),
    )
    log.info("billing accepted payment for %s", claim_number)
    return serialize_object(response, dict).get("ConfirmationId", "")


def carrier_policy_lookup(wsdl_url: str, policy_number: str) -> dict:
    response = carrier_client(wsdl_url).service.GetPolicy(PolicyNumber=policy_number)
    return serialize_object(response, dict)
