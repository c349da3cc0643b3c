"""The X (Twitter) account archive: layout detection, decoding, typed tables, inventory."""
