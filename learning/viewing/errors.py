from core.errors import DomainError


class ViewingError(DomainError):
    """A rule of the viewing point refused the change (Chinese message)."""
