"""Learning: two Django apps that build on ``events``.

- ``learning.courses`` (label ``courses``): the course library — categories,
  course pages with video and documents, viewing progress, the on-demand
  catalogue (点播本).
- ``learning.study`` (label ``study``): branches and members, monthly study
  plans, study sessions (events), the roll call, leave, reflections and the
  study ledger (台账). It reads from ``courses``; ``courses`` knows nothing of it.
"""
