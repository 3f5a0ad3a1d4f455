"""Application factories and run helpers for the admin console."""
import os

from fastapi import FastAPI
from flask import Flask
from starlette.applications import Starlette


class Config:
    DEBUG = True  #@vuln CWE-489|CWE-215
    TESTING = False
    JSON_SORT_KEYS = False


class ProductionConfig:
    DEBUG = os.environ.get("ADMIN_DEBUG", "0") == "1"  #@safe
    TESTING = False


def create_app():
    app = Flask(__name__)
    app.config.from_object(Config)
    app.config["DEBUG"] = True  #@vuln CWE-489|CWE-215
    return app


def create_prod_app():
    app = Flask(__name__)
    app.config.from_object(ProductionConfig)
    app.config["DEBUG"] = False  #@safe
    return app


def create_worker_app():
    app = Flask("worker")
    app.config.update(
        DEBUG=True,  #@vuln CWE-489|CWE-215
        SESSION_COOKIE_SECURE=True,
    )
    return app


def create_flag_app():
    app = Flask("flags")
    app.debug = True  #@vuln CWE-489|CWE-215
    return app


api = FastAPI(title="admin-api", debug=True)  #@vuln CWE-489|CWE-215
public_api = FastAPI(title="public-api", debug=os.getenv("API_DEBUG") == "1")  #@safe
events = Starlette(debug=True, routes=[])  #@vuln CWE-489|CWE-215


if __name__ == "__main__":
    application = create_app()
    application.run(host="0.0.0.0", port=8080, debug=True)  #@vuln CWE-489|CWE-215
