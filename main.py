"""Entry point: python main.py [play|run|batch|tournament|validate|schema|new|report]; see game/cli.py."""
import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # our own messages only

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
