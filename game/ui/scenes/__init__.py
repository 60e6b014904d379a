"""The screens of the pygame front end, one Scene class per module (menu, picker, setup, board, planning, ...)."""
