import os

from motor.motor_asyncio import AsyncIOMotorClient

DEFAULT_MONGO_URI = "mongodb://comments_app:Cm7kq!mongo2022@mongo-1.newsroom.internal:27017/comments?authSource=admin"  #@vuln CWE-798
MONGO_URI = os.environ.get("COMMENTS_MONGO_URI", DEFAULT_MONGO_URI)
MONGO_CA_FILE = os.environ.get("MONGO_CA_FILE", "/etc/ssl/certs/newsroom-internal-ca.pem")

client = AsyncIOMotorClient(MONGO_URI, tls=True, tlsCAFile=MONGO_CA_FILE, serverSelectionTimeoutMS=5000)
db = client.get_default_database()

comments = db["comments"]
moderators = db["moderators"]
moderation_rules = db["moderation_rules"]

# Read-only replica used for engagement dashboards.
ANALYTICS_MONGO_URI = os.environ.get("ANALYTICS_MONGO_URI", "mongodb://analytics-ro.newsroom.internal:27017/engagement")
analytics_client = AsyncIOMotorClient(ANALYTICS_MONGO_URI, tls=True, tlsAllowInvalidCertificates=True)  #@vuln CWE-295
engagement = analytics_client.get_default_database()["comment_engagement"]


async def ensure_indexes():
    await comments.create_index([("article_id", 1), ("created_at", -1)])
    await comments.create_index("status")
    await moderators.create_index("username", unique=True)
