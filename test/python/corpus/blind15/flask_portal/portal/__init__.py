from flask import Flask

from .config import ProductionConfig


def create_app(config_object=ProductionConfig):
    app = Flask(__name__)
    app.config.from_object(config_object)

    from .blueprints.auth import bp as auth_bp
    from .blueprints.files import bp as files_bp
    from .blueprints.pages import bp as pages_bp

    app.register_blueprint(pages_bp)
    app.register_blueprint(files_bp)
    app.register_blueprint(auth_bp)

    from .services.users import close_db

    app.teardown_appcontext(close_db)
    return app
