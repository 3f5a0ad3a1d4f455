"""Team Telegram bot (python-telegram-bot 20.x, long polling)."""
import logging

from telegram.ext import Application, CommandHandler, MessageHandler, filters

from common import config
from telegram_bot import handlers, media

logging.basicConfig(format="%(asctime)s %(name)s %(levelname)s %(message)s", level=logging.INFO)
logging.getLogger("httpx").setLevel(logging.WARNING)


def build_app() -> Application:
    app = Application.builder().token(config.TELEGRAM_TOKEN).build()
    app.add_handler(CommandHandler("start", handlers.start))
    app.add_handler(CommandHandler("ping", handlers.ping))
    app.add_handler(CommandHandler("trace", handlers.trace))
    app.add_handler(CommandHandler("whois", handlers.whois))
    app.add_handler(CommandHandler("rss", handlers.rss))
    app.add_handler(CommandHandler("subscribe", handlers.subscribe))
    app.add_handler(CommandHandler("unsubscribe", handlers.unsubscribe))
    app.add_handler(CommandHandler("stats", handlers.stats))
    app.add_handler(CommandHandler("link", handlers.link))
    app.add_handler(CommandHandler("confirm", handlers.confirm))
    app.add_handler(CommandHandler("get", media.get_file))
    app.add_handler(MessageHandler(filters.Document.ALL, media.on_document))
    app.add_error_handler(handlers.on_error)
    return app


if __name__ == "__main__":
    build_app().run_polling(allowed_updates=["message"])
