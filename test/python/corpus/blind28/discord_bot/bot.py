"""Team Discord bot (discord.py 2.x, slash commands via app_commands)."""
import logging

import discord
from discord import app_commands
from discord.ext import commands

from common import config

log = logging.getLogger("discord_bot")

EXTENSIONS = ("discord_bot.cogs.notes", "discord_bot.cogs.admin")


class TeamBot(commands.Bot):
    def __init__(self):
        intents = discord.Intents.default()
        intents.message_content = True
        intents.members = True
        super().__init__(command_prefix="!", intents=intents)

    async def setup_hook(self):
        for ext in EXTENSIONS:
            await self.load_extension(ext)
        synced = await self.tree.sync()
        log.info("synced %d application commands", len(synced))

    async def on_ready(self):
        log.info("logged in as %s (%s) in %d guilds", self.user, self.user.id, len(self.guilds))


bot = TeamBot()


@bot.tree.error
async def on_app_command_error(interaction: discord.Interaction, error: app_commands.AppCommandError):
    log.error("app command failed", exc_info=error)
    msg = "Something went wrong, the ops team has been told."
    if interaction.response.is_done():
        await interaction.followup.send(msg, ephemeral=True)
    else:
        await interaction.response.send_message(msg, ephemeral=True)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    bot.run(config.DISCORD_TOKEN, log_handler=None)
