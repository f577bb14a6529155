"""detente."""
