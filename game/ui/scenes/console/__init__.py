"""The facilitator console's tabs, one class per tab (game/ui/scenes/facilitator.py holds them in this order)."""
from __future__ import annotations

from .base import Console, Tab
from .custom import CustomTab
from .deals import DealsTab
from .deck import DeckTab
from .pin import PinTab
from .rewind import RewindTab
from .seats import SeatsTab
from .teams import TeamsTab
from .timer import TimerTab

TAB_CLASSES: tuple[type[Tab], ...] = (TeamsTab, TimerTab, DeckTab, CustomTab, RewindTab, SeatsTab, PinTab, DealsTab)

__all__ = ["TAB_CLASSES", "Console", "CustomTab", "DealsTab", "DeckTab", "PinTab", "RewindTab", "SeatsTab", "Tab",
           "TeamsTab", "TimerTab"]
