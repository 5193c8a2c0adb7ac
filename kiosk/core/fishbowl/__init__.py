"""The fishbowl discussion: chairs, people, a queue, turns and rounds, timed by an injected clock.

Plain Python (no Qt) so every rule is tested without widgets and the same object drives the
public view, the facilitator's controls, the crash-safe store and the export.

The modules, each importing only those listed before it:

- ``errors``: how an operation is refused (``FishbowlError``) or found broken.
- ``text``: typed text cleaned for the session; times and chairs as people read them.
- ``records``: what the session records and a snapshot saves: its state, people, turns.
- ``config``: ``FishbowlConfig``, the setup, from the setup screen or the YAML preset.
- ``snapshot``: the session's data to and from plain JSON-ready data, checked on the way in.
- ``session``: ``FishbowlSession``, the state machine and its clocks.
- ``store``: ``SessionStore``, the session on disk: crash-safe saves and restores.
- ``autosave``: ``AutoSaver``, when the session is saved: after each change and while it runs.
- ``export``: the session log as CSV and as a Markdown summary.
"""
