"""Sliding-window rate limits kept in memory, per key (an address, an IP, a chat).

Per gateway process: with several gateways each counts on its own (the limits are
about floods, which hit one process at a time, not about exact quotas).
"""

import time
from collections import OrderedDict, deque
from collections.abc import Callable


class RateLimit:
    def __init__(
        self,
        limit: int,
        period: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 50_000,
    ) -> None:
        self.limit = limit
        self.period = period
        self._clock = clock
        self._max_keys = max_keys
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def hit(self, key: str) -> float | None:
        """Count one event; None when allowed, else the seconds until one would be."""
        now = self._clock()
        hits = self._hits.pop(key, None) or deque()
        while hits and hits[0] <= now - self.period:
            hits.popleft()
        self._hits[key] = hits
        while len(self._hits) > self._max_keys:
            # The least recently active key goes first; a flood of new keys cannot grow memory.
            self._hits.popitem(last=False)
        if len(hits) >= self.limit:
            return max(hits[0] + self.period - now, 0.001)
        hits.append(now)
        return None

    def reset(self) -> None:
        self._hits.clear()
