from core.errors import DomainError


class EvaluationError(DomainError):
    """A rule of the 民主评议 refused the change; the message is Chinese."""
