"""The check registry: each entry turns a Context into findings of its category."""

from . import channel, compliance, formatting, promotion, script, terminology, tone
from .base import Check, Context

CHECKS: tuple[Check, ...] = (
    terminology.check, promotion.check, tone.check, channel.check, script.check,
    formatting.check, compliance.check,
)

__all__ = ["CHECKS", "Check", "Context"]
