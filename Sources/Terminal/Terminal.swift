// Terminal: the only ncurses caller.
