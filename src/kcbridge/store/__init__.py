"""The store: an Ibis connection plus transactional writes."""

from kcbridge.store.schema import CORE_TABLES, PARTITION_KEYS
from kcbridge.store.store import HOW_TO_FILL, Store

__all__ = ["CORE_TABLES", "HOW_TO_FILL", "PARTITION_KEYS", "Store"]
