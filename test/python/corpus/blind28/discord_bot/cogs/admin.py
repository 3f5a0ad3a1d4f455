"""Server-admin utilities: settings, backups, uploads, DNS, dice."""
import asyncio
import os
import pickle
import re

import aiohttp
import discord
import yaml
from discord import app_commands
from discord.ext import commands

from common import config


class GuildSettings:
    welcome_channel_id = None
    greeting = "Welcome aboard!"
    max_notes = 500
    auto_roles = []
    filters_enabled = True


SETTINGS: dict[int, GuildSettings] = {}
DICE = re.compile(r"[0-9+\-*/() ]{1,40}")
DOMAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]{0,252}")


def settings_for(guild_id):
    return SETTINGS.setdefault(guild_id, GuildSettings())


class Admin(commands.Cog):
    def __init__(self, bot: commands.Bot):
        self.bot = bot
        self.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15))

    async def cog_unload(self):
        await self.http.close()

    @app_commands.command(name="roll", description="Evaluate a dice/arithmetic expression, e.g. (6+6)*2")
    async def roll(self, interaction: discord.Interaction, expr: str):
        if not DICE.fullmatch(expr) or "**" in expr:
            return await interaction.response.send_message("digits and + - * / ( ) only", ephemeral=True)
        result = eval(expr, {"__builtins__": {}}, {})  #@safe
        await interaction.response.send_message(f"`{expr}` = **{result}**")

    @app_commands.command(name="set", description="Change a bot setting for this server")
    @app_commands.default_permissions(administrator=True)
    async def set_setting(self, interaction: discord.Interaction, key: str, value: str):
        s = settings_for(interaction.guild_id)
        if key.startswith("_") or not hasattr(s, key):
            return await interaction.response.send_message(f"Unknown setting `{key}`", ephemeral=True)
        # value may be a number, a list of role ids, True/False...
        setattr(s, key, eval(value))  #@vuln CWE-95
        await interaction.response.send_message(f"`{key}` = `{getattr(s, key)!r}`", ephemeral=True)

    @app_commands.command(name="import-settings", description="Load settings from a YAML file")
    @app_commands.default_permissions(administrator=True)
    async def import_settings(self, interaction: discord.Interaction, file: discord.Attachment):
        data = yaml.load(await file.read(), Loader=yaml.Loader)  #@vuln CWE-502
        s = settings_for(interaction.guild_id)
        for key, value in (data or {}).items():
            if hasattr(s, key):
                setattr(s, key, value)
        await interaction.response.send_message("Settings imported.", ephemeral=True)

    @app_commands.command(name="import-roles", description="Load auto-roles from a YAML list")
    @app_commands.default_permissions(manage_roles=True)
    async def import_roles(self, interaction: discord.Interaction, file: discord.Attachment):
        data = yaml.safe_load(await file.read())  #@safe
        roles = [int(r) for r in data.get("auto_roles", [])]
        settings_for(interaction.guild_id).auto_roles = roles
        await interaction.response.send_message(f"{len(roles)} auto-roles set.", ephemeral=True)

    @app_commands.command(name="restore", description="Restore settings from a backup file")
    @app_commands.default_permissions(administrator=True)
    async def restore(self, interaction: discord.Interaction, backup: discord.Attachment):
        state = pickle.loads(await backup.read())  #@vuln CWE-502
        vars(settings_for(interaction.guild_id)).update(state)
        await interaction.response.send_message("Restored.", ephemeral=True)

    @app_commands.command(name="upload", description="Store a file on the team share")
    async def upload(self, interaction: discord.Interaction, file: discord.Attachment, save_as: str | None = None):
        name = save_as or file.filename
        dest = os.path.join(config.UPLOAD_DIR, str(interaction.guild_id), name)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        await file.save(dest)  #@vuln CWE-22
        await interaction.response.send_message(f"Stored `{name}` ({file.size} bytes).", ephemeral=True)

    @app_commands.command(name="icon-from-url", description="Set the server icon from an image URL")
    @app_commands.default_permissions(manage_guild=True)
    async def icon_from_url(self, interaction: discord.Interaction, url: str):
        await interaction.response.defer(ephemeral=True)
        async with self.http.get(url) as resp:  #@vuln CWE-918
            if resp.status != 200:
                return await interaction.followup.send(f"fetch failed: HTTP {resp.status} {await resp.text()}")
            data = await resp.read()
        await interaction.guild.edit(icon=data)
        await interaction.followup.send("Icon updated.")

    @app_commands.command(name="dns", description="Resolve a domain")
    async def dns(self, interaction: discord.Interaction, domain: str):
        proc = await asyncio.create_subprocess_shell(f"dig +short {domain} A", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)  #@vuln CWE-78
        out, _ = await proc.communicate()
        await interaction.response.send_message(f"```{out.decode()[:1900] or 'no records'}```")

    @app_commands.command(name="mx", description="Mail servers for a domain")
    async def mx(self, interaction: discord.Interaction, domain: str):
        if not DOMAIN.fullmatch(domain):
            return await interaction.response.send_message("that is not a domain name", ephemeral=True)
        proc = await asyncio.create_subprocess_exec("dig", "+short", domain, "MX", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)  #@safe
        out, _ = await proc.communicate()
        await interaction.response.send_message(f"```{out.decode()[:1900] or 'no records'}```")


async def setup(bot: commands.Bot):
    await bot.add_cog(Admin(bot))
