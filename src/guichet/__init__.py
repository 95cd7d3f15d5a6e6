"""Guichet: one-stop government services."""
