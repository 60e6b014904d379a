"""UI settings (scale, fullscreen, colour-blind palette), kept in settings.json in the user data dir, written atomically."""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass

from game.content import saves

from .theme import SCALES

log = logging.getLogger(__name__)
FILE = "settings.json"


@dataclass
class Settings:
    scale: int = 100            # UI scale in percent, 100..200 (the projector setting)
    fullscreen: bool = False
    colorblind: bool = False

    @classmethod
    def load(cls) -> Settings:
        """The saved settings; defaults if there are none or the file is damaged (never an error at start-up)."""
        path = saves.data_dir() / FILE
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            s = cls(int(d.get("scale", 100)), bool(d.get("fullscreen", False)), bool(d.get("colorblind", False)))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            log.warning("ignoring damaged %s: %s", path, exc)
            return cls()
        s.scale = min(SCALES, key=lambda x: abs(x - s.scale))
        return s

    def save(self) -> str | None:
        """Write settings.json; returns an error message instead of raising."""
        try:
            saves.atomic_write_json(saves.data_dir() / FILE, asdict(self))
            return None
        except OSError as exc:
            return f"cannot save settings: {exc.strerror or exc}"
