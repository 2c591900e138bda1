"""From an uploaded file to a typed round and its report: reading, mapping, cleaning, validation."""
