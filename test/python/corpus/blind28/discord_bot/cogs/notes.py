"""/note, /tag, /thanks and keyword filters."""
import re
import sqlite3
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands
from motor.motor_asyncio import AsyncIOMotorClient

from common import config, crypto

SCHEMA = """
CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, guild_id INTEGER, author_id INTEGER, title TEXT, body TEXT);
CREATE TABLE IF NOT EXISTS karma (user_id INTEGER PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0);
"""


class Notes(commands.Cog):
    note = app_commands.Group(name="note", description="Team notes")
    filt = app_commands.Group(name="filter", description="Keyword filters for this server")

    def __init__(self, bot: commands.Bot):
        self.bot = bot
        self.db = sqlite3.connect(config.SQLITE_PATH)
        self.db.executescript(SCHEMA)
        self.mongo = AsyncIOMotorClient(config.MONGO_URI)["teambot"]
        self.filters: dict[int, list[tuple[str, str]]] = {}

    # ---- notes ------------------------------------------------------------
    @note.command(name="add", description="Save a note")
    async def note_add(self, interaction: discord.Interaction, title: str, body: str, private: bool = False):
        if private:
            body = "enc1:" + crypto.encrypt_note(body, config.SECRETS_KEY)
        self.db.execute("INSERT INTO notes (guild_id, author_id, title, body) VALUES (?, ?, ?, ?)", (interaction.guild_id, interaction.user.id, title, body))  #@safe
        self.db.commit()
        await interaction.response.send_message(f"Saved **{discord.utils.escape_markdown(title)}**", ephemeral=True)

    @note.command(name="search", description="Search notes")
    async def note_search(self, interaction: discord.Interaction, query: str):
        rows = self.db.execute(f"SELECT id, title FROM notes WHERE guild_id = {interaction.guild_id} AND (title LIKE '%{query}%' OR body LIKE '%{query}%') ORDER BY id DESC LIMIT 10").fetchall()  #@vuln CWE-89
        if not rows:
            return await interaction.response.send_message("No notes found.", ephemeral=True)
        text = "\n".join(f"`{r[0]}` {discord.utils.escape_markdown(r[1])}" for r in rows)
        await interaction.response.send_message(text, ephemeral=True)

    @note.command(name="delete", description="Delete one of your notes")
    async def note_delete(self, interaction: discord.Interaction, note_id: int):
        cur = self.db.execute("DELETE FROM notes WHERE id = %d AND author_id = %d" % (note_id, interaction.user.id))  #@safe
        self.db.commit()
        msg = "Deleted." if cur.rowcount else "Not found (or not yours)."
        await interaction.response.send_message(msg, ephemeral=True)

    # ---- tags (Mongo) -----------------------------------------------------
    @app_commands.command(name="tag", description="Show a saved tag")
    async def tag(self, interaction: discord.Interaction, name: str):
        doc = await self.mongo.tags.find_one({"guild_id": interaction.guild_id, "name": name})  #@safe
        await interaction.response.send_message(doc["content"] if doc else f"No tag `{name}`.")

    @app_commands.command(name="tags", description="List tags starting with a prefix")
    async def tags(self, interaction: discord.Interaction, prefix: str = ""):
        cursor = self.mongo.tags.find({"guild_id": interaction.guild_id, "$where": f"this.name.startsWith('{prefix}')"})  #@vuln CWE-943
        names = [d["name"] async for d in cursor.limit(25)]
        await interaction.response.send_message(", ".join(names) or "No tags.", ephemeral=True)

    # ---- karma ------------------------------------------------------------
    @app_commands.command(name="thanks", description="Give someone a karma point")
    async def thanks(self, interaction: discord.Interaction, member: discord.Member):
        if member.id == interaction.user.id:
            return await interaction.response.send_message("Nice try.", ephemeral=True)
        self.db.execute(f"INSERT INTO karma (user_id, points) VALUES ({member.id}, 1) ON CONFLICT(user_id) DO UPDATE SET points = points + 1")  #@safe
        self.db.commit()
        await interaction.response.send_message(f"{member.mention} +1")

    # ---- filters ----------------------------------------------------------
    @filt.command(name="add", description="Delete messages matching a word or regex")
    @app_commands.checks.has_permissions(manage_messages=True)
    async def filter_add(self, interaction: discord.Interaction, mode: Literal["word", "regex"], value: str):
        self.filters.setdefault(interaction.guild_id, []).append((mode, value))
        await interaction.response.send_message(f"Added {mode} filter.", ephemeral=True)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message):
        if message.author.bot or not message.guild:
            return
        for mode, value in self.filters.get(message.guild.id, []):
            if mode == "word":
                hit = re.search(r"\b" + re.escape(value) + r"\b", message.content, re.IGNORECASE)  #@safe
            else:
                hit = re.search(value, message.content, re.IGNORECASE)  #@vuln CWE-1333
            if hit:
                await message.delete()
                await message.channel.send(f"{message.author.mention} that message matched a server filter.", delete_after=10)
                return


async def setup(bot: commands.Bot):
    await bot.add_cog(Notes(bot))
