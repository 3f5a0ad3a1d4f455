"""SOAP carrier integrations (zeep)."""
import logging
from decimal import Decimal

from zeep import Client, Settings
from zeep.exceptions import Fault, TransportError
from zeep.helpers import serialize_object
from zeep.transports import Transport
from zeep.wsse.username import UsernameToken

from common import config
from common.http_utils import build_session, legacy_carrier_session

log = logging.getLogger(__name__)

_ZEEP_SETTINGS = Settings(strict=False, xml_huge_tree=False)


class CarrierError(RuntimeError):
    pass


class DhlSoapClient:
    def __init__(self) -> None:
        session = build_session()
        session.verify = config.CA_BUNDLE  #@safe
        transport = Transport(session=session, timeout=20, operation_timeout=40)
        self.client = Client(config.DHL_WSDL, transport=transport, settings=_ZEEP_SETTINGS,
                             wsse=UsernameToken(config.DHL_USERNAME, config.DHL_PASSWORD))

    def create_shipment(self, booking: dict) -> dict:
        request = {
            "ShipmentInfo": {"ServiceType": "U" if booking["mode"] == "road" else "P", "Currency": "EUR"},
            "Ship": {"Recipient": {"Contact": {"PersonName": booking["consignee_name"]},
                                   "Address": {"StreetLines": booking["destination"]}}},
            "Packages": {"RequestedPackages": [{"Weight": booking["weight_kg"], "@number": 1}]},
        }
        try:
            response = self.client.service.ShipmentRequest(RequestedShipment=request)
        except (Fault, TransportError) as exc:
            raise CarrierError(f"DHL rejected {booking['reference']}: {exc}") from exc
        data = serialize_object(response)
        return {"carrier_ref": data["ShipmentIdentificationNumber"], "label_pdf": data["LabelImage"][0]["GraphicImage"],
                "price": Decimal(str(data.get("ShippingCharge", "0")))}


class NordCargoSoapClient:
    """NordCargo's UAT and production endpoints share the self-signed chain."""

    def __init__(self, wsdl_url: str) -> None:
        transport = Transport(session=legacy_carrier_session(), timeout=30)
        self.client = Client(wsdl_url, transport=transport, settings=_ZEEP_SETTINGS, wsse=UsernameToken("ncapi_logistics", "Nc#Api2020!prod"))  #@vuln CWE-798

    def book(self, booking: dict) -> str:
        result = self.client.service.CreateConsignment(SenderRef=booking["reference"], Pieces=booking.get("pieces", 1),
                                                       GrossWeight=booking["weight_kg"], Destination=booking["destination"])
        return result.ConsignmentNo


def client_for(carrier: dict):
    """carrier is a row from the carriers table, maintained by the integrations team."""
    if carrier["code"] == "DHL":
        return DhlSoapClient()
    if carrier["code"] == "NORD":
        return NordCargoSoapClient(carrier["wsdl_url"])
    raise CarrierError(f"no SOAP client for carrier {carrier['code']}")
