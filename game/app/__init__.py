"""Regional Accord's application layer: sessions (seats, plans, resolution, the planning timer, injected events,
rewinds, seat switches, the facilitator PIN, autosave) and the read-only views screens read. No pygame, no
pygame_gui, no YAML: the pygame front end (game/ui), the headless runner's tools and a classroom host drive it alike.
docs/architecture.md has the layers and which may import which."""
