"""The error every service function raises when a business rule says no.

It carries a message already translated for the person who asked (Chinese,
through gettext), so views, the admin and management commands show it as it
is: ``except DomainError as error: messages.error(request, error.message)``.
Apps subclass it to tell kinds of refusal apart.
"""


class DomainError(Exception):
    def __init__(self, message, *, code=None):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return str(self.message)
