"""Drop-in replacements for other inventory libraries, for users migrating to flowcast."""
