"""Helpers shared by the Slack, Discord and Telegram bots and the webhook services."""
