from core.errors import DomainError


class MeetingError(DomainError):
    """A rule of the 三会一课 register refused the change (Chinese message)."""
