"""Python's cycle collector, paused across threads without one thread undoing another's pause.

Two reasons to pause it. Loading builds a few hundred thousand objects and hardly any cycles:
meanwhile the collector walks the growing heap again and again (a quarter of a 600-poster
load). And a collection runs on whichever thread happens to allocate when the count is due: on
an image-decoding worker it can destroy a Qt object whose wrapper was garbage, and Qt's
destructor then waits for Python's lock while the GUI thread, inside a Qt call, waits for the
destructor's Qt lock: both threads stopped for good (seen here: a full test run hung). So the
workers' Python work runs with the collector paused, and collections happen on the GUI thread.

A count, not a flag: the last thread to leave restores the collector as the first found it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_restore = False


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    global _depth, _restore
    with _lock:
        if _depth == 0:
            _restore = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _restore:
                gc.enable()
