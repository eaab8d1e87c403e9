"""Shared code that every app may import; it imports no app of ours (docs/architecture.md)."""
