import logging

from flask import Flask, jsonify
from flask_cors import CORS
from flask_smorest import Api

from orders_api.config import Config
from orders_api.resources import blp as orders_blp
from orders_api.resources import admin_blp


def create_app(config=Config):
    app = Flask(__name__)
    app.config.from_object(config)
    logging.basicConfig(level=logging.INFO)

    CORS(app, resources={r"/orders/*": {"origins": "*"}}, supports_credentials=True)  #@vuln CWE-942
    CORS(app, resources={r"/admin/*": {"origins": config.PARTNER_ORIGINS}}, supports_credentials=True)  #@safe

    api = Api(app)
    api.register_blueprint(orders_blp)
    api.register_blueprint(admin_blp)

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=True)  #@vuln CWE-489|CWE-215
