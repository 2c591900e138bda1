"""Bytes to raw sheets: sniffing the format, guarding against bombs, finding the used range."""
