"""Hand-drawn widgets (not pygame_gui): the map, meters, the stocks table, action cards, a scrolling list."""
