"""Who may use the remote: the one-time token, and a limiter for wrong ones.

A token is made at each start (``new_token``: 128 random bits, URL-safe) and shown on the
presenter's or facilitator's screen only. Every request and every socket must carry it; a
comparison takes the same time however much of it is right (``token_matches``). An address
that sends wrong tokens is refused for a while (``FailureLimiter``), even with the right one, so
guessing costs minutes per handful of tries.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from kiosk.core.clock import Clock

TOKEN_BYTES = 16


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_matches(given: str | None, expected: str) -> bool:
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


@dataclass
class _Record:
    failures: int = 0
    first: float = 0.0
    blocked_until: float = 0.0


class FailureLimiter:
    """``max_failures`` wrong tokens from one address within ``window`` seconds block it for
    ``block`` seconds; each wrong token while blocked starts the block again. A right token
    clears the address's count. At most ``max_addresses`` are remembered (the oldest first
    forgotten), so a flood of addresses cannot grow it without end."""

    def __init__(
        self,
        clock: Clock,
        max_failures: int = 5,
        window: float = 60.0,
        block: float = 60.0,
        max_addresses: int = 1024,
    ) -> None:
        self._clock = clock
        self.max_failures = max_failures
        self.window = window
        self.block = block
        self._max = max_addresses
        self._records: dict[str, _Record] = {}

    def blocked(self, address: str) -> bool:
        record = self._records.get(address)
        return record is not None and self._clock.now() < record.blocked_until

    def retry_after(self, address: str) -> float:
        """Seconds until ``address`` may try again (0 when it may now)."""
        record = self._records.get(address)
        return 0.0 if record is None else max(0.0, record.blocked_until - self._clock.now())

    def failed(self, address: str) -> bool:
        """A wrong token from ``address``; True when it is (now) blocked."""
        now = self._clock.now()
        record = self._records.pop(address, None) or _Record(first=now)
        self._records[address] = record  # the most recent last
        if now < record.blocked_until:
            record.blocked_until = now + self.block
            return True
        if now - record.first > self.window:
            record.failures, record.first = 0, now
        record.failures += 1
        if record.failures >= self.max_failures:
            record.blocked_until = now + self.block
            record.failures, record.first = 0, now
        while len(self._records) > self._max:
            del self._records[next(iter(self._records))]
        return now < record.blocked_until

    def succeeded(self, address: str) -> None:
        record = self._records.get(address)
        if record is not None and not self.blocked(address):
            del self._records[address]
