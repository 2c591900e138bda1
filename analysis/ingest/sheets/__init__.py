"""One module per sheet of a survey workbook: responses, projects, initiatives, round info."""
