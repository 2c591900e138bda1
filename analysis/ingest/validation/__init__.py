"""Every problem of a file, located to the cell, and the checks a round's description must pass."""
