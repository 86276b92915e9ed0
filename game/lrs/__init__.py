"""Delivery to a learning record store: configuration, the HTTP client, the background sender."""
