"""What the tests share: builders of rounds and files, the AppTest and store helpers."""
