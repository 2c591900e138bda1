"""Which column answers which question: header rules, the column mapping, remembered choices."""
