"""A process-wide cache for what depends only on the store's version, out of visitors' reach.

Streamlit's `st.cache_data` and `st.cache_resource` can be emptied by any websocket
client: the server honours a `clear_cache` message from every session, whatever the
toolbar mode, and a reverse proxy cannot filter websocket messages. Emptied, every
visitor's next view reloads and re-aggregates the round, so one hostile script could keep
the server busy. The rounds and their figures are cached here instead: keyed by the
store's URL and version (a new upload changes the version, which is what invalidates an
entry), bounded per function, least recently used first out, and built once per key even
when a crowd asks at the same instant (the first caller builds, the others wait for it).

Values are shared, not copied: like `st.cache_resource`, callers must not mutate them
(rounds are immutable by convention).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, ParamSpec, Protocol, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


class _Clearable(Protocol):
    def clear(self) -> None: ...


_REGISTRY: list[_Clearable] = []


class _Cache(Generic[T]):
    """One function's entries: bounded, least recently used first out, one build per key."""

    def __init__(self, max_entries: int) -> None:
        self._max = max_entries
        self._values: OrderedDict[Hashable, T] = OrderedDict()
        self._building: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value for `key`, built by `build` once however many threads ask."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            gate = self._building.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            value = build()  # outside the cache's lock: other keys are served meanwhile
            with self._lock:
                self._values[key] = value
                self._values.move_to_end(key)
                while len(self._values) > self._max:
                    self._values.popitem(last=False)
                self._building.pop(key, None)
            return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


def shared(max_entries: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Cache a function of hashable arguments for the whole process (see the module)."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        cache: _Cache[R] = _Cache(max_entries)
        _REGISTRY.append(cache)

        @functools.wraps(function)
        def cached(*args: P.args, **kwargs: P.kwargs) -> R:
            key = (args, tuple(sorted(kwargs.items())))
            return cache.get(key, lambda: function(*args, **kwargs))

        return cached

    return decorate


def clear_all() -> None:
    """Empty every shared cache (tests; an operator's console). Not reachable from a visitor."""
    for cache in _REGISTRY:
        cache.clear()
