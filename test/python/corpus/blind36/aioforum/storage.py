"""Mongo (threads, users, sessions) and Postgres (audit log) access."""
import datetime
import re

import asyncpg
from bson import ObjectId
from bson.errors import InvalidId
from motor.motor_asyncio import AsyncIOMotorClient

import settings


class Storage:
    def __init__(self):
        self.client = AsyncIOMotorClient(settings.MONGO_URI)
        self.db = self.client[settings.MONGO_DB]
        self.pg = None

    async def connect(self):
        self.pg = await asyncpg.create_pool(settings.AUDIT_DSN, min_size=1, max_size=5)

    async def close(self):
        if self.pg is not None:
            await self.pg.close()
        self.client.close()

    # -- users / sessions ---------------------------------------------------------

    async def user_by_api_key(self, api_key):
        return await self.db.users.find_one({"api_key": api_key, "disabled": False})  #@vuln CWE-943

    async def user_by_name(self, username):
        return await self.db.users.find_one({"username": str(username), "disabled": False})  #@safe

    async def save_session(self, sid, user_id):
        expires = datetime.datetime.utcnow() + datetime.timedelta(seconds=settings.SESSION_TTL)
        await self.db.sessions.insert_one({"_id": sid, "user_id": user_id, "expires": expires})

    # -- threads --------------------------------------------------------------------

    async def get_thread(self, thread_id):
        try:
            return await self.db.threads.find_one({"_id": ObjectId(thread_id)})
        except InvalidId:
            return None

    async def search_threads(self, text):
        return await self.db.threads.find({"$where": "this.title.toLowerCase().indexOf('%s') >= 0" % text.lower()}).limit(50).to_list(50)  #@vuln CWE-943

    async def search_threads_safe(self, text):
        return await self.db.threads.find({"title": {"$regex": re.escape(text), "$options": "i"}}).limit(50).to_list(50)  #@safe

    async def add_reply(self, thread_id, author, body, score):
        post = {"author": author, "body": body, "score": score, "at": datetime.datetime.utcnow()}
        await self.db.threads.update_one({"_id": ObjectId(thread_id)}, {"$push": {"posts": post}})

    async def insert_threads(self, docs):
        result = await self.db.threads.insert_many(docs)
        return len(result.inserted_ids)

    async def profile(self, username):
        return await self.db.profiles.find_one({"username": username})

    # -- audit log (postgres) ---------------------------------------------------------

    async def audit(self, actor, action):
        await self.pg.execute("INSERT INTO audit_log (actor, action, at) VALUES ($1, $2, now())", actor, action)  #@safe

    async def audit_for(self, actor, since):
        return await self.pg.fetch(f"SELECT actor, action, at FROM audit_log WHERE actor = '{actor}' AND at >= '{since}' ORDER BY at DESC LIMIT 200")  #@vuln CWE-89
