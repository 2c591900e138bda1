"""The empty survey workbook staff fill in, with its notes and example rows."""
