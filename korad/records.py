"""Frozen dataclasses that are quick to build (the labeler builds several for each sentence it reads).

A frozen dataclass's generated ``__init__`` sets each field through ``object.__setattr__`` (one call
a field, since its own ``__setattr__`` refuses): for the ten fields of a finding's detail that is
most of the time the labeler spends making one. ``quick_init`` gives the class an ``__init__`` with
the same signature and defaults that fills the instance's ``__dict__`` in one step. Everything else
(equality, hashing, ``repr``, ``dataclasses.replace``, ``asdict``, pickling, refusing assignment
after construction) is the dataclass's own.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """Give frozen dataclass ``cls`` a one-step ``__init__`` (same parameters, same defaults).

    Only for plain frozen dataclasses: no ``__post_init__``, ``__slots__``, ``InitVar``, keyword-only
    or ``init=False`` fields (a ``TypeError`` says which).
    """
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or hasattr(cls, "__post_init__") or "__slots__" in vars(cls):
        raise TypeError(f"quick_init: {cls.__name__} is not a plain frozen dataclass")
    names, signature, namespace = [], [], {}
    for field in dataclasses.fields(cls):
        if not field.init or field.kw_only:
            raise TypeError(f"quick_init: field {field.name} of {cls.__name__} is not a plain parameter")
        names.append(field.name)
        if field.default is not dataclasses.MISSING:
            namespace[f"_default_{field.name}"] = field.default
            signature.append(f"{field.name}=_default_{field.name}")
        elif field.default_factory is not dataclasses.MISSING:
            raise TypeError(f"quick_init: field {field.name} of {cls.__name__} has a default factory")
        else:
            signature.append(field.name)
    filled = ", ".join(f"{name!r}: {name}" for name in names)
    source = f"def __init__(self, {', '.join(signature)}):\n    self.__dict__.update({{{filled}}})\n"
    exec(source, namespace)  # built from the field names only, as dataclasses itself builds it
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls
