"""nb_tools - Jupyter server extension backing the dataset browser sidebar."""
from .handlers import setup_handlers

__version__ = "0.6.2"


def _jupyter_server_extension_points():
    return [{"module": "nb_tools"}]


def _load_jupyter_server_extension(serverapp):
    setup_handlers(serverapp.web_app)
    serverapp.log.info("nb_tools %s loaded", __version__)
