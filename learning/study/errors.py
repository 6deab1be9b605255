from core.errors import DomainError


class StudyError(DomainError):
    """A study rule refused the change; the message is Chinese, for the user."""
