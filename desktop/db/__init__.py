"""Database: models, engine, migrations, change notification."""
