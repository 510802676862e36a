"""GovDesk core: settings, domain rules, database, services. No Qt here."""

__version__ = "0.1.0"
