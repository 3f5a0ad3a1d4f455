import logging

from flask import Flask

from .config import ProductionConfig
from .views import bp


def create_app(config=ProductionConfig):
    app = Flask(__name__)
    app.config.from_object(config)
    app.register_blueprint(bp, url_prefix="/billing")
    logging.basicConfig(level=logging.INFO)

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    return app


if __name__ == "__main__":
    create_app().run(host="0.0.0.0", port=8000, debug=True)  #@vuln CWE-489|CWE-215
