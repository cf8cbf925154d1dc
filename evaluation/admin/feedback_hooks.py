"""Wagtail hooks for feedback (registered on import by evaluation/wagtail_hooks.py)."""
