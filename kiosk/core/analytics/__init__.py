"""On-device analytics (no Qt): what visitors looked at and chose, in a SQLite file that never
leaves the machine. events (what may be recorded), store (the database: open, write, prune,
move a broken one aside), recorder (the one writer thread), report (the figures), merge
(databases from several kiosks), export (CSV and the HTML report)."""
