"""AppTest tests of every page of the dashboard."""
