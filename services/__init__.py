"""peacewatch: an event-sourced monitor of who holds which position on which issue."""

__version__ = "0.1.0"
