"""The grounded backend's answers, one module a kind of question; ``korad.chat.grounded`` reads the question
and dispatches to them.

Each module imports only the ones listed before it (tests/test_architecture.py holds the order):

- the base: ``wording`` (the reply, its 네/아니요, particles, finding names, quotes) and ``facts`` (what the
  report says of a finding: status, evidence sentence, details and their place);
- readings of the report: ``bones`` (which bone a fracture is in), ``heart`` (CTR), ``comparison`` (the
  prior study), ``report_words`` (findings outside the labeler's vocabulary), ``normal`` (what makes a study
  normal);
- the answers: ``presence``, ``sides`` (one side of the chest), ``urgency``, ``normality``, ``fitness``,
  ``attributes`` (side, size, severity of a finding), ``change``, ``devices``, ``counts``, ``cause``,
  ``next_steps``, ``certainty``, ``communication``, ``meaning``, ``summary``.
"""
