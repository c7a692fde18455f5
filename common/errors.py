"""The one base of the refusals the portal shows to its users."""


class PortalError(Exception):
    """A refused operation; the message (Chinese) is shown to the user.

    Each app raises its own subclass (`DisclosureError`, `RequestError`, the review's
    `TransitionError`, ...), so a caller may catch one app's refusals or all of them."""


class SerialError(PortalError):
    """A serial number could not be allocated (the counter row kept changing)."""
