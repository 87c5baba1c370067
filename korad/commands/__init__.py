"""The commands of ``korad`` (``korad.cli``): each module parses its options dataclass and calls the library.

Every ``main(argv, prog)`` here is also what a card-folder script (``datasets_builder/build.py``,
``eval/compare.py``, ...) calls, so both doors run the same code.
"""
