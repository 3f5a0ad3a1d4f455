"""dependency-injector container: every repository, client and service is a singleton."""
import requests
from requests.adapters import HTTPAdapter
from dependency_injector import containers, providers

from orders_api import repositories, services
from orders_api.settings import get_settings


def _http_session(user_agent: str) -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    session.mount("https://", HTTPAdapter(pool_maxsize=50, max_retries=2))
    return session


class Container(containers.DeclarativeContainer):
    wiring_config = containers.WiringConfiguration(modules=["orders_api.routes"])

    settings = providers.Singleton(get_settings)
    http = providers.Singleton(_http_session, user_agent="orders-api/3.2")

    customer_repo = providers.Singleton(repositories.CustomerRepository)
    order_repo = providers.Singleton(repositories.OrderRepository)
    product_repo = providers.Singleton(repositories.ProductRepository)

    customer_service = providers.Singleton(services.CustomerService, customers=customer_repo)
    pricing_service = providers.Singleton(services.PricingService, products=product_repo, customers=customer_service)
    notification_service = providers.Singleton(services.NotificationService, settings=settings, http=http)
    payments_service = providers.Singleton(services.PaymentsService, settings=settings, http=http)
    export_service = providers.Singleton(services.ExportService, settings=settings, orders=order_repo)
    cart_service = providers.Singleton(services.CartService, pricing=pricing_service)
    order_service = providers.Singleton(
        services.OrderService,
        orders=order_repo,
        customers=customer_service,
        pricing=pricing_service,
        notifications=notification_service,
        exports=export_service,
    )


container = Container()
